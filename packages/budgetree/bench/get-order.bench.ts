/**
 * Budgetree client benchmarks, each a ratio against a baseline measured in the same run:
 *  1. parse + validate + map a 500-card activated-cards body (and its status) ÷ JSON.parse of the same
 *     bodies (target ≤ 4×);
 *  2. getOrder against the sandbox ÷ bare undici doing the same two signed GETs (status, then cards) with
 *     precomputed headers (target ≥ 0.8): both calls are counted on both sides.
 */
import { randomUUID } from 'node:crypto';
import { compareThroughput, compareTimePerCall, printRatioTable } from '@giftwire/bench-kit';
import { parseJsonSafely } from '@giftwire/http';
import { Agent, request } from 'undici';
import {
  BUDGETREE_LIMITS,
  budgetreeCardsPageSchema,
  budgetreeOrderStatusSchema,
  createBudgetree,
  mapBudgetreeOrder,
} from '../src/index';
import { sandboxSkus, signatureOf, startBudgetreeSandbox } from '../src/sandbox/index';

function fiveHundredCardBodies(): { status: string; cards: string } {
  const refno = randomUUID();
  const cards = Array.from({ length: 500 }, (_, i) => ({
    sku: 'BT-GIFT-INR',
    productName: 'Budgetree Gift Card (INR)',
    cardNumber: randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase(),
    cardPin: String(100_000 + i),
    activationCode: randomUUID().slice(0, 12),
    activationUrl: `https://sandbox.budgetree.example/activate/${randomUUID()}`,
    amount: '500.00',
    validity: '2027-12-31T23:59:59.000Z',
  }));
  return {
    status: JSON.stringify({
      status: 'COMPLETE',
      statusLabel: 'Budgetree Complete',
      orderId: '333336022',
      refno,
      cancel: { allowed: true, allowedWithIn: 2 },
    }),
    cards: JSON.stringify({
      orderId: '333336022',
      refno,
      offset: 0,
      limit: 500,
      total: 500,
      currency: 'INR',
      cards,
    }),
  };
}

async function main() {
  const bodies = fiveHundredCardBodies();
  const mapping = await compareTimePerCall(
    () => {
      const status = parseJsonSafely(bodies.status);
      const cards = parseJsonSafely(bodies.cards);
      if (!status.ok || !cards.ok) throw new Error('unparseable');
      const page = budgetreeCardsPageSchema.parse(cards.value);
      return mapBudgetreeOrder(budgetreeOrderStatusSchema.parse(status.value), page.cards, {
        currency: 'INR',
        cardsCurrency: page.currency ?? 'INR',
      });
    },
    () => {
      JSON.parse(bodies.status);
      return JSON.parse(bodies.cards);
    },
  );

  const sandbox = await startBudgetreeSandbox({ scenario: { processingAfterMs: 0, completeAfterMs: 0 } });
  const dispatcher = new Agent({ connections: 16 });
  try {
    const settings = sandbox.clientSettings();
    const client = createBudgetree({ ...settings, limits: BUDGETREE_LIMITS, dispatcher, env: {} });
    const reference = randomUUID();
    const placed = await client.placeOrder({
      reference,
      lines: [{ productId: sandboxSkus.inr, quantity: 5, faceValue: { amount: '500', currency: 'INR' } }],
    });
    await client.getOrder({ reference });

    // The bare side: its own token, and both requests signed as they are sent.
    const post = async (path: string, body: unknown) => {
      const res = await request(`${sandbox.url}${path}`, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.body.json()) as Record<string, string>;
    };
    const { authorizationCode } = await post('/oauth2/verify', {
      clientId: settings.clientId,
      username: settings.username,
      password: settings.password,
    });
    const { token } = await post('/oauth2/token', {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authorizationCode,
    });
    // Signed per call, as Budgetree requires (a fresh dateAtClient each time): the least a bare caller must do.
    const signedGet = (path: string) => {
      const url = `${sandbox.url}${path}`;
      return async () => {
        const headers = {
          authorization: `Bearer ${token}`,
          dateAtClient: new Date().toISOString(),
          signature: signatureOf(settings.clientSecret, 'GET', url),
          accept: 'application/json',
        };
        const res = await request(url, { dispatcher, headers });
        await res.body.json();
      };
    };
    const statusCall = signedGet(`/rest/v3/orders/${reference}`);
    const cardsCall = signedGet(`/rest/v3/order/${placed.vendorOrderId}/cards?offset=0&limit=500`);
    const bare = async () => {
      await statusCall();
      await cardsCall();
    };
    const ours = () => client.getOrder({ reference });
    const reads = await compareThroughput(ours, bare);

    const met = printRatioTable('@giftwire/budgetree', [
      {
        name: 'parse+validate+map 500-card order',
        ...mapping,
        unit: 'ms',
        better: 'lower',
        target: 4,
      },
      {
        name: 'getOrder (status + cards) vs bare undici',
        ...reads,
        unit: 'orders/s',
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
