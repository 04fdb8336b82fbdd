// A shop process for the crash tests, run as a child so the parent can SIGKILL it at a chosen point.
// It uses the built packages, as a shop would. Env: DATABASE_URL, SANDBOX_URL, REFERENCE, KEY, CRASH_AT;
// optionally REDIS_URL + RATE_LIMIT_PREFIX (rate limits shared with the parent) and MAX_PLACE_ATTEMPTS.
import { createFulfiller } from '@giftwire/engine';
import { createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createRedisRateLimitStore } from '@giftwire/engine/redis';
import { sandboxBamboo } from '../support/shop-process.mjs';

const {
  DATABASE_URL,
  REFERENCE,
  KEY,
  CRASH_AT = 'none',
  REDIS_URL,
  RATE_LIMIT_PREFIX,
  MAX_PLACE_ATTEMPTS,
} = process.env;
const rateLimitStore = REDIS_URL
  ? createRedisRateLimitStore({ url: REDIS_URL }, { prefix: RATE_LIMIT_PREFIX })
  : undefined;

const bamboo = sandboxBamboo({ poll: { initialDelayMs: 30, intervalsMs: [30, 60] }, rateLimitStore });

const die = () => process.kill(process.pid, 'SIGKILL');

// The crash points sit around the one call that matters: the placement.
const adapter = {
  ...bamboo,
  async placeOrder(request, options = {}) {
    if (CRASH_AT === 'waiting_for_permit') process.send?.('sending');
    const result = await bamboo.placeOrder(request, {
      ...options,
      // After the engine has recorded the send, before the request leaves.
      async onSend() {
        await options.onSend?.();
        if (CRASH_AT === 'before_send') die();
        if (CRASH_AT === 'during_send') process.send?.('sending');
        if (CRASH_AT === 'waiting_for_permit') process.send?.('sent');
      },
    });
    if (CRASH_AT === 'after_send') die();
    return result;
  },
};

const fulfiller = createFulfiller({
  vendors: [adapter],
  store: createPostgresOrderStore({ connectionString: DATABASE_URL }),
  encryption: { keys: { k1: KEY }, activeKeyId: 'k1' },
  // A restarted process may reconcile a `placing` order after this; kept short so the test is quick.
  tuning: {
    placementGraceMs: 400,
    ...(MAX_PLACE_ATTEMPTS ? { maxPlaceAttempts: Number(MAX_PLACE_ATTEMPTS) } : {}),
  },
});

await fulfiller.submit({
  vendor: 'bamboo',
  request: {
    reference: REFERENCE,
    lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
  },
  customerId: 'crash-test',
});
if (CRASH_AT === 'after_submit') die();

// Settled, or handed to a person: either way this run is over.
const finished = new Promise((resolve) => {
  const done = (order) => {
    if (order.reference === REFERENCE) resolve(order);
  };
  fulfiller.on('order.settled', done);
  fulfiller.on('order.needs_attention', done);
});
await fulfiller.start();
const current = await fulfiller.get(REFERENCE);
const order = current?.state === 'settled' || current?.state === 'needs_attention' ? current : await finished;
await fulfiller.stop();
await rateLimitStore?.close();
process.send?.({
  state: order.state,
  status: order.status,
  cards: order.lines[0].vouchers.filter((v) => v.code).length,
});
process.exit(0);
