import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  compareMoney,
  formatMoney,
  MoneySchema,
  money,
  multiplyMoney,
  normalizeDecimal,
  roundMoney,
  subtractMoney,
  sumMoney,
} from './money';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** Decimal strings with up to 6 integer and 6 fractional digits, built from integers so we know them exactly. */
const decimalString = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 999_999n }),
    fc.bigInt({ min: 0n, max: 999_999n }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([whole, fraction, places]) =>
    places === 0 ? whole.toString() : `${whole}.${fraction.toString().padStart(6, '0').slice(0, places)}`,
  );

/** Exact reference arithmetic: scale to integers of 10^-6 with BigInt. */
function toMicros(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

describe('Money arithmetic', () => {
  it('is exact where floats are not (the Bamboo FX example)', () => {
    expect(multiplyMoney(usd('10.851'), 10)).toEqual(usd('108.51'));
    expect(multiplyMoney({ amount: '10', currency: 'EUR' }, '1.0851')).toEqual({
      amount: '10.851',
      currency: 'EUR',
    });
    expect(addMoney(usd('0.1'), usd('0.2'))).toEqual(usd('0.3'));
    expect(0.1 + 0.2).not.toBe(0.3); // the float trap the library exists to avoid
    expect(multiplyMoney(usd('18.9401'), 3)).toEqual(usd('56.8203'));
  });

  it('keeps vendor numbers exactly', () => {
    expect(money(18.9401, 'USD')).toEqual(usd('18.9401'));
    expect(normalizeDecimal('108.5100')).toBe('108.51');
    expect(normalizeDecimal(1e-7)).toBe('0.0000001');
    expect(normalizeDecimal('25.00')).toBe('25');
    expect(normalizeDecimal('-0')).toBe('0');
    expect(normalizeDecimal('-0.50')).toBe('-0.5');
    expect(normalizeDecimal('007.10')).toBe('7.1');
  });

  it('normalizes any decimal text to canonical digits: no trailing zeros, no leading zeros (property)', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        fc.boolean(),
        digits,
        fc.option(digits, { nil: undefined }),
        (negative, whole, fraction) => {
          const text = `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`;
          const normalized = normalizeDecimal(text);
          expect(normalized).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
          expect(normalized).not.toBe('-0');
          expect(compareMoney(usd(normalized), usd(text.replace(/^(-?)0+(?=\d)/, '$1')))).toBe(0);
        },
      ),
    );
  });

  it('sums any list of decimal strings exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(decimalString, { minLength: 1, maxLength: 50 }), (amounts) => {
        const total = sumMoney(amounts.map(usd));
        const expected = amounts.reduce((sum, a) => sum + toMicros(a), 0n);
        expect(toMicros(total.amount.includes('.') ? total.amount : `${total.amount}`)).toBe(expected);
      }),
    );
  });

  it('multiplies by a quantity exactly (property)', () => {
    fc.assert(
      fc.property(decimalString, fc.integer({ min: 1, max: 500 }), (amount, quantity) => {
        const product = multiplyMoney(usd(amount), quantity);
        expect(toMicros(product.amount)).toBe(toMicros(amount) * BigInt(quantity));
      }),
    );
  });

  it('subtracts back to where it started (property)', () => {
    fc.assert(
      fc.property(decimalString, decimalString, (a, b) => {
        expect(subtractMoney(addMoney(usd(a), usd(b)), usd(b))).toEqual(usd(normalizeDecimal(a)));
      }),
    );
  });

  it('compares amounts and refuses to mix currencies', () => {
    expect(compareMoney(usd('10.5'), usd('10.50'))).toBe(0);
    expect(compareMoney(usd('9.99'), usd('10'))).toBe(-1);
    expect(compareMoney(usd('100'), usd('99.999'))).toBe(1);
    expect(() => addMoney(usd('1'), { amount: '1', currency: 'EUR' })).toThrow(/USD with EUR/);
    expect(() => sumMoney([])).toThrow(/currency/);
    expect(sumMoney([], 'EUR')).toEqual({ amount: '0', currency: 'EUR' });
  });

  it('formats with the exact digits and the currency minor unit', () => {
    expect(formatMoney(usd('18.9401'))).toBe('$18.9401');
    expect(formatMoney(usd('108.51'))).toBe('$108.51');
    expect(formatMoney(usd('10'))).toBe('$10.00');
    expect(formatMoney({ amount: '1500', currency: 'JPY' })).toBe('¥1,500');
    expect(roundMoney(usd('10.855'), 2)).toEqual(usd('10.86'));
    expect(roundMoney(usd('10.845'), 2)).toEqual(usd('10.84'));
  });

  it('accepts only decimal strings and ISO currency codes', () => {
    expect(MoneySchema.safeParse(usd('10.00')).success).toBe(true);
    for (const amount of ['1e3', '10.', '.5', '01', 'NaN', '', ' 1']) {
      expect(MoneySchema.safeParse(usd(amount)).success, amount).toBe(false);
    }
    for (const currency of ['usd', 'US', 'USDT', '']) {
      expect(MoneySchema.safeParse({ amount: '1', currency }).success, currency).toBe(false);
    }
    expect(MoneySchema.safeParse({ amount: 10, currency: 'USD' }).success).toBe(false);
  });
});
