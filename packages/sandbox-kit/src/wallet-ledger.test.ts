import { describe, expect, it } from 'vitest';
import { D } from './decimal';
import { FxRates } from './fx-rates';
import { WalletLedger } from './wallet-ledger';

describe('WalletLedger and FxRates', () => {
  it('debits and refunds exact decimals, charged through an FX rate', () => {
    const wallet = new WalletLedger<number>();
    wallet.open(1, 'usd', '100');
    const fx = new FxRates({ 'EUR:USD': '1.0851' });
    const charge = new D('10').mul(fx.rate('EUR', 'USD')!).mul(3);
    wallet.debit(1, charge);
    expect(wallet.balanceOf(1)).toBe('67.447');
    wallet.refund(1, '10.851');
    expect(wallet.balanceOf(1)).toBe('78.298');
    expect(wallet.get(1)?.currency).toBe('USD');
    expect(() => wallet.debit(2, '1')).toThrow('unknown account 2');
    expect(() => wallet.open(1, 'USD', '1')).toThrow(/twice/);
    expect(() => wallet.open(3, 'USD', '1e3')).toThrow(/decimal string/);
  });

  it('falls back to the inverse rate rounded to six places, and knows unknown pairs', () => {
    const fx = new FxRates({ 'EUR:USD': '1.0851' });
    expect(fx.rate('usd', 'eur')?.toFixed()).toBe('0.921574');
    expect(fx.rate('GBP', 'GBP')?.toFixed()).toBe('1');
    expect(fx.rate('GBP', 'USD')).toBeUndefined();
    expect(() => new FxRates({ EURUSD: '1' })).toThrow(TypeError);
    expect(() => new FxRates({ 'EUR:USD': '0' })).toThrow(TypeError);
  });
});
