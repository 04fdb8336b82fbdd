import type { AnyVendorSandbox } from '@giftwire/conformance';
import type { RenderedOrder } from '@giftwire/express';
import type { SandboxOrderSummary } from '@giftwire/sandbox-kit';
import { describe, expect, it } from 'vitest';
import { brokenCounts, tallyOrder } from './order-tally';

const REF = 'Ref-1';

/** A sandbox record of `orders` under REF, whose cards have the codes `codes`. */
function sandboxWith(orders: Partial<SandboxOrderSummary>[], codes: string[]): AnyVendorSandbox {
  const summaries = orders.map((o, i) => ({
    id: `v${i}`,
    reference: REF.toLowerCase(), // vendors may record our reference in another case
    status: 'done',
    final: true,
    cardsRequested: 2,
    cardsIssued: 2,
    charged: { amount: '20.00', currency: 'USD' },
    ...o,
  }));
  return {
    orders: () => summaries,
    issuedSecrets: () => ({ codes, pins: [], urls: [] }),
  } as unknown as AnyVendorSandbox;
}

const seen = (state: RenderedOrder['state'], charged?: RenderedOrder['charged']) =>
  ({ state, ...(charged ? { charged } : {}) }) as RenderedOrder;

describe('tallyOrder counts from the sandbox against what the owner sees', () => {
  it('one vendor order, every card readable, the charge the shop shows: nothing broken', () => {
    const tally = tallyOrder(
      sandboxWith([{}], ['CODE-A', 'CODE-B']),
      REF,
      seen('settled', { amount: '20', currency: 'USD' }),
      '{"code":"CODE-A"},{"code":"CODE-B"}',
    );
    expect(brokenCounts(tally)).toEqual({
      duplicates: 0,
      missing: 0,
      lostCards: 0,
      unresolved: 0,
      moneyMismatch: 0,
    });
  });

  it('a second vendor order under the reference is a duplicate, and its charge no longer matches', () => {
    const tally = tallyOrder(
      sandboxWith([{}, {}], ['A', 'B', 'C', 'D']),
      REF,
      seen('settled', { amount: '20', currency: 'USD' }),
      'A B C D',
    );
    expect(brokenCounts(tally)).toMatchObject({ duplicates: 1, moneyMismatch: 1, lostCards: 0 });
  });

  it('cards the owner cannot read are lost; an order still placing is unresolved', () => {
    const tally = tallyOrder(sandboxWith([{}], ['CODE-A', 'CODE-B']), REF, seen('placing'), '');
    expect(brokenCounts(tally)).toMatchObject({ lostCards: 2, unresolved: 1, moneyMismatch: 1 });
  });

  it('a wallet charged while the shop shows none is a mismatch; no charge and a zero charge agree', () => {
    expect(tallyOrder(sandboxWith([{}], ['A', 'B']), REF, seen('settled'), 'A B').moneyMismatch).toBe(true);
    const refunded = sandboxWith([{ cardsIssued: 0, charged: { amount: '0', currency: 'USD' } }], []);
    expect(tallyOrder(refunded, REF, seen('settled'), '').moneyMismatch).toBe(false);
  });

  it('a settled order with no vendor order behind it is counted as missing', () => {
    expect(brokenCounts(tallyOrder(sandboxWith([], []), REF, seen('settled'), ''))).toMatchObject({
      missing: 1,
    });
  });
});
