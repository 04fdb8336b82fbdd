import { randomUUID } from 'node:crypto';
import { isSettled, startVendorWorld, type VendorWorld, waitForOrder } from '@giftwire/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StarshipSandbox, sandboxProductIds } from '../src/sandbox/index';
import { starshipHarness } from './starship-harness';

let world: VendorWorld<StarshipSandbox>;
beforeAll(async () => {
  world = await startVendorWorld(starshipHarness);
});
afterAll(async () => {
  await world.close();
});

describe('a three-line order through the engine', () => {
  it('is placed as three Starship orders, followed as one, and settles once with every card', async () => {
    const reference = randomUUID();
    const line = (productId: number, quantity: number, amount: string) => ({
      productId: String(productId),
      quantity,
      faceValue: { amount, currency: 'USD' },
    });
    const request = {
      reference,
      lines: [
        line(sandboxProductIds.delayedCode, 2, '10'),
        line(sandboxProductIds.delayedCode, 1, '25'),
        line(sandboxProductIds.delayedClaim, 1, '5'),
      ],
    };
    // A lost answer on the second part's create: the engine replays the whole placement.
    world.sandbox.faults.next({ kind: 'latency', ms: 1 }, { operation: 'placeOrder' });
    world.sandbox.faults.next({ kind: 'drop_response' }, { operation: 'placeOrder' });
    await world.fulfiller.submit({ vendor: 'starship', request, customerId: 'owner' });
    const done = await waitForOrder(world.fulfiller, reference, isSettled, 30_000);
    expect(done.status).toBe('fulfilled');
    const atVendor = world.sandbox.orders.list();
    expect(atVendor.map((o) => o.ref)).toEqual([
      `${reference}-1of3`,
      `${reference}-2of3`,
      `${reference}-3of3`,
    ]);
    expect(done.vendorOrderId).toBe(atVendor.map((o) => o.id).join(','));
    const issued = [1, 2, 3].flatMap((i) => world.sandbox.issuedSecrets(`${reference}-${i}of3`).codes);
    const shown = done.lines.flatMap((l) => l.vouchers.flatMap((v) => (v.code ? [v.code.reveal()] : [])));
    expect(shown.sort()).toEqual(issued.sort());
    expect(shown).toHaveLength(4);
    expect(world.sandbox.violations).toEqual([]);
    // The dropped answer was seen as an unknown outcome and resolved by replay, not by a new order.
    const trail = (await world.fulfiller.attempts(reference)).map((a) => `${a.action}:${a.outcome}`);
    expect(trail).toContain('place:unknown');
    // Two creates before the drop (the third was never sent), then all three replayed.
    expect(world.sandbox.calls('placeOrder')).toBe(2 + 3);
  });
});
