/**
 * GiftHub client benchmarks, each a ratio against a baseline measured in the same run:
 *  1. parse + validate + map a 500-card Retrieve Order body ÷ JSON.parse of the same body (target ≤ 4×);
 *  2. getOrder against the sandbox ÷ a bare undici GET of the same route (target ≥ 0.8).
 */
import { randomUUID } from 'node:crypto';
import { compareThroughput, compareTimePerCall, printRatioTable } from '@giftwire/bench-kit';
import { parseJsonSafely } from '@giftwire/http';
import { Agent, request } from 'undici';
import { createGiftHub, giftHubOrderEnvelopeSchema, mapGiftHubOrder } from '../src/index';
import { sandboxSkus, startGiftHubSandbox } from '../src/sandbox/index';

const time = { _seconds: 1713718950, _nanoseconds: 921000000 };

/** Five SKUs of 100 cards each, in the redeem reference's `cards[]` shape, with the page's FX invoice. */
function fiveHundredCardBody(): string {
  const products: Record<string, unknown> = {};
  const redeem: Record<string, unknown> = {};
  const records: unknown[] = [];
  for (let s = 0; s < 5; s++) {
    const sku = `gc035-208-${1000 + s}`;
    products[sku] = {
      request: { quote: 1000, quantity: 100 },
      customerDeal: {
        dealState: 'ACTIVE',
        fee: { amount: 0, adjustmentMode: 'percentage' },
        discount: { amount: 0, adjustmentMode: 'percentage' },
      },
      sku,
      shopItem: {
        country: 'DK',
        quote: 1000,
        name: 'Adidas DK-1000',
        region: 'local',
        productType: 'fixed',
        baseCurrency: 'DKK',
      },
    };
    redeem[sku] = {
      cards: Array.from({ length: 100 }, () => ({
        redeemLink: `https://redeem.example/${randomUUID()}`,
        redeemCardCode: randomUUID().toUpperCase(),
        redeemSerialNumber: randomUUID(),
        redeemPin: String(Math.floor(Math.random() * 9000) + 1000),
        expirationDate: '2027-04-21T00:00:00.000Z',
      })),
      redeemInstructions: { tnc: 'Terms apply.', redeem: 'Enter the code.', languageCode: 'en' },
      currency: 'DKK',
      value: 1000,
    };
    const rate = { targetCurrency: 'DKK', rate: 7.456803455723542, modifiedDate: time, baseCurrency: 'EUR' };
    records.push({
      total: { EUR: 13410.57, DKK: 0 },
      sku,
      items: [
        {
          metaData: { quantity: 100, quote: 1000 },
          effect: { amount: 100000, currency: 'DKK' },
          description: 'Adidas DK-1000',
          type: 'main-product',
        },
        {
          metaData: rate,
          effect: { amount: -100000, currency: 'DKK' },
          description: 'Even out target currency: DKK',
          type: 'exchange-target-currency',
        },
        {
          metaData: rate,
          effect: { amount: 13410.57, currency: 'EUR' },
          description: 'Payment in base currency: DKK',
          type: 'exchange-base-currency',
        },
      ],
    });
  }
  return JSON.stringify({
    message: 'Your order',
    data: {
      uid: 'IW63OjZJW9eI21KJ1ohy',
      state: 'successful',
      products,
      exchangeRates: [
        { targetCurrency: 'DKK', rate: 7.456803455723542, modifiedDate: time, baseCurrency: 'EUR' },
      ],
      invoice: { total: 67052.85, wallet: 'EUR', records, paymentMethod: 'balance', status: 'paid' },
      createdDate: time,
      modifiedDate: time,
      redeem,
      reference: randomUUID(),
    },
  });
}

async function main() {
  const body = fiveHundredCardBody();
  const mapping = await compareTimePerCall(
    () => {
      const parsed = parseJsonSafely(body);
      if (!parsed.ok) throw new Error('unparseable');
      return mapGiftHubOrder(giftHubOrderEnvelopeSchema.parse(parsed.value).data);
    },
    () => JSON.parse(body),
  );

  const sandbox = await startGiftHubSandbox({ scenario: { processingAfterMs: 0, settleAfterMs: 0 } });
  const dispatcher = new Agent({ connections: 16 });
  try {
    const settings = sandbox.clientSettings();
    const client = createGiftHub({ ...settings, dispatcher, env: {} });
    const reference = randomUUID();
    const { vendorOrderId } = await client.placeOrder({
      reference,
      lines: [
        { productId: sandboxSkus.adidasDk1000, quantity: 5, faceValue: { amount: '1000', currency: 'DKK' } },
      ],
    });
    const url = `${sandbox.url}/order/get?orderId=${vendorOrderId}`;
    const bare = async () => {
      const res = await request(url, {
        dispatcher,
        headers: { 'x-api-key': settings.apiKey, accept: 'application/json' },
      });
      await res.body.json();
    };
    const ours = () => client.getOrder({ reference, vendorOrderId });
    const reads = await compareThroughput(ours, bare);

    const met = printRatioTable('@giftwire/gifthub', [
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
