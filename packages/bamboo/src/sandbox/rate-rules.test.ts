import { afterEach, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from './index';
import { sandboxProductIds as ids } from './sandbox-catalog';
import { CHECKOUT, call, fakeClock, orderBody } from './test-support';

let sandbox: BambooSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const usd = (productId: number = ids.usdVariable) =>
  orderBody([{ ProductId: productId, Quantity: 1, Value: 25 }]);

describe('rate rules', () => {
  it('answers 429 with Retry-After to a Place Order call within 500 ms of the previous one', async () => {
    const clock = fakeClock();
    sandbox = await startBambooSandbox({ clock });
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(200);

    clock.advance(499);
    const body = usd();
    const refused = await call(sandbox, 'POST', CHECKOUT, body);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json).toMatchObject({ errors: [{ code: 'TooManyRequests' }] });
    expect(sandbox.orders.get(body.RequestId)).toBeUndefined();
    expect(sandbox.balance(555)).toBe('99975');
    expect(sandbox.violations).toEqual([
      {
        rule: 'spacing',
        operation: 'placeOrder',
        key: 'vendor',
        kind: 'spacing',
        at: clock.now(),
        requestId: body.RequestId,
      },
    ]);

    // The refused call did not restart the timer: 500 ms after the accepted one is fine.
    clock.advance(1);
    expect((await call(sandbox, 'POST', CHECKOUT, body)).status).toBe(200);
    expect(sandbox.placeOrderCalls).toBe(3);
  });

  it('counts a call refused with 400 as a Place Order call for spacing', async () => {
    const clock = fakeClock();
    sandbox = await startBambooSandbox({ clock });
    expect((await call(sandbox, 'POST', CHECKOUT, orderBody([]))).status).toBe(400);
    clock.advance(100);
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(429);
  });

  it('allows 6 orders per product in a sliding minute and refuses the 7th', async () => {
    const clock = fakeClock();
    sandbox = await startBambooSandbox({ clock });
    const start = clock.now();
    for (let i = 0; i < 6; i++) {
      expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(200);
      clock.advance(10_000);
    }
    // t = 60 000: the first order (t = 0) has just left the window, so a 7th fits.
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(200);

    clock.advance(5_000); // t = 65 000: orders at 10 000 … 60 000 fill the window
    const body = usd();
    const refused = await call(sandbox, 'POST', CHECKOUT, body);
    expect(refused.status).toBe(429);
    // The order at t = 10 000 leaves the window at t = 70 000.
    expect(refused.headers['retry-after']).toBe('5');
    expect(sandbox.violations).toEqual([
      {
        rule: 'per_product',
        operation: 'placeOrder',
        key: String(ids.usdVariable),
        kind: 'per_product',
        at: start + 65_000,
        requestId: body.RequestId,
        productId: ids.usdVariable,
      },
    ]);
    expect(sandbox.orders.get(body.RequestId)).toBeUndefined();

    // Another product is unaffected, and the refused order used no slot.
    clock.advance(500);
    expect((await call(sandbox, 'POST', CHECKOUT, usd(ids.usdFixed25))).status).toBe(200);
    clock.advance(4_500); // t = 70 000
    expect((await call(sandbox, 'POST', CHECKOUT, body)).status).toBe(200);
    clock.advance(500);
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(429);
  });

  it('scales limits for benchmarks', async () => {
    const clock = fakeClock();
    sandbox = await startBambooSandbox({
      clock,
      limits: { placeOrderSpacingMs: 5, perProductLimit: 2, perProductWindowMs: 100 },
    });
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(200);
    clock.advance(4);
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(429);
    clock.advance(1);
    expect((await call(sandbox, 'POST', CHECKOUT, usd())).status).toBe(200);
    clock.advance(5);
    const refused = await call(sandbox, 'POST', CHECKOUT, usd());
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(sandbox.violations.map((v) => v.kind)).toEqual(['spacing', 'per_product']);
  });
});
