/**
 * Bamboo client benchmarks, each a ratio against a baseline measured in the same run:
 *  1. parse + validate + map a 500-card Get Order body ÷ JSON.parse of the same body (target ≤ 4×);
 *  2. getOrder against the sandbox ÷ a bare undici GET of the same route (target ≥ 0.8).
 */
import { randomUUID } from 'node:crypto';
import { compareThroughput, compareTimePerCall, printRatioTable } from '@giftwire/bench-kit';
import { parseJsonSafely } from '@giftwire/http';
import { Agent, request } from 'undici';
import { BAMBOO_LIMITS, bambooOrderSchema, createBamboo, mapBambooOrder } from '../src/index';
import { startBambooSandbox } from '../src/sandbox/index';

function fiveHundredCardBody(): string {
  const cards = Array.from({ length: 500 }, (_, i) => ({
    id: 24153984 + i,
    serialNumber: randomUUID(),
    cardCode: randomUUID().replaceAll('-', ''),
    pin: String(100 + (i % 900)),
    expirationDate: '2025-05-16T04:36:35.3922677',
    status: 'Sold',
  }));
  return JSON.stringify({
    orderId: 6779294,
    requestId: randomUUID(),
    items: [
      {
        brandCode: null,
        productId: 439685,
        productFaceValue: 10,
        quantity: 500,
        pictureUrl: null,
        countryCode: 'BH',
        currencyCode: 'USD',
        cards,
      },
    ],
    status: 'Succeeded',
    createdDate: '2024-05-16T04:36:35.3673422',
    total: 4735.025,
    errorMessage: null,
    orderType: 'Sandbox',
    currency: 'USD',
  });
}

async function main() {
  const body = fiveHundredCardBody();
  const mapping = await compareTimePerCall(
    () => {
      const parsed = parseJsonSafely(body);
      if (!parsed.ok) throw new Error('unparseable');
      return mapBambooOrder(bambooOrderSchema.parse(parsed.value));
    },
    () => JSON.parse(body),
  );

  const sandbox = await startBambooSandbox({ scenario: { processingAfterMs: 0, settleAfterMs: 0 } });
  const dispatcher = new Agent({ connections: 16 });
  try {
    // The read limit in BAMBOO_LIMITS is unverified and would cap this at 2/s: leave it out to measure the client.
    const limits = {
      ...BAMBOO_LIMITS,
      rateLimits: BAMBOO_LIMITS.rateLimits.filter((r) => r.operation !== 'getOrder'),
    };
    const client = createBamboo({
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
      accountId: 555,
      baseUrl: sandbox.url,
      limits,
      dispatcher,
      env: {},
    });
    const reference = randomUUID();
    await client.placeOrder({
      reference,
      lines: [{ productId: '439685', quantity: 5, faceValue: { amount: '10', currency: 'USD' } }],
    });
    const url = `${sandbox.url}/api/integration/v1.0/orders/${reference}`;
    const authorization = `Basic ${Buffer.from('sandbox-client:sandbox-secret').toString('base64')}`;
    const bare = async () => {
      const res = await request(url, { dispatcher, headers: { authorization, accept: 'application/json' } });
      await res.body.json();
    };
    const ours = () => client.getOrder({ reference });
    const reads = await compareThroughput(ours, bare);

    const met = printRatioTable('@giftwire/bamboo', [
      {
        name: 'parse+validate+map 500-card order',
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
