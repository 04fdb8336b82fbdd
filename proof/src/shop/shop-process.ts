// A shop as the proof suite attacks it, run as its own process so the runner can SIGKILL it at any step: the
// giftwire engine on the runner's PostgreSQL, every vendor's own client on its sandbox, and the giftwire
// Express router behind a toy checkout. Every log line goes to stdout as JSON, where the runner scans it.
import type { VendorSandbox } from '@giftwire/conformance';
import type { PlaceOrderRequest } from '@giftwire/core';
import { createFulfiller } from '@giftwire/engine';
import { createPgBossScheduler, createPostgresOrderStore } from '@giftwire/engine/postgres';
import { createRedisRateLimitStore } from '@giftwire/engine/redis';
import { giftwire } from '@giftwire/express';
import { scaled } from '@giftwire/test-kit';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import express from 'express';
import { createCrashPlan } from './crash-plan';
import { CUSTOMER_HEADER, ROUTER_BASE, type ShopCommand, type ShopConfig } from './shop-config';
import { stdoutLogger } from './stdout-logger';
import { writeNotifications } from './write-notifications';

const config = JSON.parse(process.env.PROOF_SHOP ?? '') as ShopConfig;
const crashes = createCrashPlan();
const logger = stdoutLogger();

// Rate limits shared through Redis, as a shop running several instances has them.
const rateLimitStore = createRedisRateLimitStore({ url: config.redisUrl }, { prefix: 'proof:rate-limit:' });

const adapters = config.vendors.map(({ vendor, settings }) => {
  const harness = VENDOR_HARNESSES.find((h) => h.vendor === vendor);
  if (!harness) throw new Error(`no harness for vendor ${vendor}`);
  // A harness builds its client from the sandbox's settings alone (spread into the client's options); the
  // sandbox itself lives in the runner.
  const sandbox = { clientSettings: () => ({ ...settings, rateLimitStore }) } as unknown as VendorSandbox;
  return crashes.wrap(harness.createAdapter(sandbox));
});

const fulfiller = createFulfiller({
  vendors: adapters,
  store: createPostgresOrderStore({ connectionString: config.databaseUrl }),
  encryption: { keys: { k1: config.encryptionKey }, activeKeyId: 'k1' },
  logger,
  // Several processes on one database take their work from one pg-boss queue (the default local scheduler
  // runs only what its own process submitted); 32 slots, since an order waiting for its vendor's rate permit
  // holds one, and the polling interval at pg-boss's least, since due work waits up to one interval.
  ...(config.scheduler === 'pg-boss'
    ? {
        scheduler: createPgBossScheduler(
          { connectionString: config.databaseUrl },
          { concurrency: 32, pollingIntervalSeconds: 0.5 },
        ),
      }
    : {}),
  // The vendors' limits are on the test time scale (the harnesses'); so is the wait before a restarted engine
  // asks the vendor about a placement that may have been on the wire when the process died.
  tuning: { placementGraceMs: scaled(60_000) },
});

/** The shop's own record of what each customer paid for, by shop order id. */
const paid = new Map<string, { customerId: string; reference: string; lines: PlaceOrderRequest['lines'] }>();
const sameLines = (a: PlaceOrderRequest['lines'], b: PlaceOrderRequest['lines']) =>
  JSON.stringify(a) === JSON.stringify(b);

const app = express();
app.use(
  ROUTER_BASE,
  giftwire({
    fulfiller,
    logger,
    authenticate: (req) => {
      const customerId = req.get(CUSTOMER_HEADER);
      return customerId ? { customerId } : undefined;
    },
    authorizePlacement: (_req, { shopOrderId, reference, lines, caller }) => {
      const order = shopOrderId === undefined ? undefined : paid.get(shopOrderId);
      return (
        order !== undefined &&
        order.customerId === caller.customerId &&
        order.reference === reference &&
        sameLines(order.lines, lines)
      );
    },
    authorize: (_req, order) => order.state === 'settled',
  }),
);
// The checkout: the runner "pays" for lines under a reference; the shop records it for authorizePlacement.
app.post('/checkout', express.json(), (req, res) => {
  const customerId = req.get(CUSTOMER_HEADER);
  const { shopOrderId, reference, lines } = req.body ?? {};
  if (
    !customerId ||
    typeof shopOrderId !== 'string' ||
    typeof reference !== 'string' ||
    !Array.isArray(lines)
  ) {
    res.status(400).json({ error: 'customer, shopOrderId, reference and lines are required' });
    return;
  }
  paid.set(shopOrderId, { customerId, reference, lines });
  res.status(201).json({ shopOrderId });
});

process.on('message', (command: ShopCommand) => {
  crashes.arm(command.crash, command.reference);
  process.send?.({ armed: command.reference });
});
process.on('SIGTERM', async () => {
  await fulfiller.stop();
  process.exit(0);
});

writeNotifications(fulfiller);
await fulfiller.start();
app.listen(config.port, '127.0.0.1', () => process.send?.({ ready: true }));
