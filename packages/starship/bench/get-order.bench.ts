/**
 * Starship client benchmarks, each a ratio against a baseline measured in the same run:
 *  1. parse + validate + map a 500-voucher Get Order body ÷ JSON.parse of the same body (target ≤ 4×);
 *  2. getOrder against the sandbox ÷ a bare undici GET of the same route (target ≥ 0.8).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compareThroughput, compareTimePerCall, printRatioTable } from '@giftwire/bench-kit';
import { parseJsonSafely } from '@giftwire/http';
import { Agent, request } from 'undici';
import { createStarship, mapStarshipOrder, STARSHIP_LIMITS, starshipOrderSchema } from '../src/index';
import { sandboxProductIds, startStarshipSandbox } from '../src/sandbox/index';

function fiveHundredVoucherBody(): string {
  const vouchers = Array.from({ length: 500 }, (_, i) => ({
    claim_url: `https://redeem.example.com/${randomBytes(9).toString('base64url')}`,
    card_number: randomBytes(8).toString('hex'),
    voucher_reference_number: `REF-${randomUUID()}`,
    pin_code: String(1000 + (i % 9000)),
    expires_at: '2025-12-31T23:59:59Z',
  }));
  return JSON.stringify({
    id: 12345,
    reference_code: randomUUID(),
    transaction_id: 789,
    amount: '12500.00',
    product_id: 1001,
    denomination: '25.00',
    quantity: 500,
    discount: '0.00',
    vouchers,
    status: 'delivered',
    placed_at: '2024-01-15T10:30:00Z',
  });
}

async function main() {
  const body = fiveHundredVoucherBody();
  const mapping = await compareTimePerCall(
    () => {
      const parsed = parseJsonSafely(body);
      if (!parsed.ok) throw new Error('unparseable');
      return mapStarshipOrder(starshipOrderSchema.parse(parsed.value));
    },
    () => JSON.parse(body),
  );

  // Starship's limits (20 requests per 10 s, 60 per order per hour) would cap this at a few calls a second:
  // both sides leave them out to measure the client, not the limits.
  const sandbox = await startStarshipSandbox({ rateLimits: false });
  const dispatcher = new Agent({ connections: 16 });
  try {
    const settings = sandbox.clientSettings();
    const client = createStarship({
      ...settings,
      limits: { ...STARSHIP_LIMITS, rateLimits: [] },
      dispatcher,
      env: {},
    });
    const placed = await client.placeOrder({
      reference: randomUUID(),
      lines: [
        {
          productId: String(sandboxProductIds.instantPin),
          quantity: 5,
          faceValue: { amount: '10', currency: 'USD' },
        },
      ],
    });
    const url = `${sandbox.url}/api/v1/orders/${placed.vendorOrderId}`;
    const headers = {
      'x-api-key': settings.apiKey,
      'x-api-secret': settings.apiSecret,
      accept: 'application/json',
    };
    const bare = async () => {
      const res = await request(url, { dispatcher, headers });
      await res.body.json();
    };
    const ours = () => client.getOrder(placed);
    const reads = await compareThroughput(ours, bare);

    const met = printRatioTable('@giftwire/starship', [
      {
        name: 'parse+validate+map 500-voucher order',
        ...mapping,
        unit: 'ms',
        better: 'lower',
        target: 4,
      },
      {
        name: 'getOrder vs bare undici GET',
        ...reads,
        unit: 'req/s',
        better: 'higher',
        target: 0.8,
      },
    ]);
    if (!met) process.exitCode = 1;
  } finally {
    await dispatcher.close();
    await sandbox.close();
  }
}

await main();
