// What the forked "shop processes" of the crash, recovery and scale tests share: a Bamboo client for the
// parent's sandbox, and the ready/stop conversation with the parent (test-kit's forkWorker). Plain .mjs on
// the built packages, as a shop would run them.
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { scaleLimits } from '@giftwire/core';

/** test-kit's TIME_SCALE, passed down by the parent (a child cannot import test-kit's TypeScript). */
const TIME_SCALE = Number(process.env.TIME_SCALE ?? '0.05');

/** Bamboo, scaled, talking to `SANDBOX_URL` with the sandbox's credentials. */
export function sandboxBamboo({ poll, rateLimitStore } = {}) {
  return createBamboo({
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    baseUrl: process.env.SANDBOX_URL,
    limits: { ...scaleLimits(BAMBOO_LIMITS, TIME_SCALE), ...(poll ? { poll } : {}) },
    rateLimitStore,
    env: {},
  });
}

/**
 * Starts the fulfiller and tells the parent it is ready; on `stop`, stops it, runs `close`, sends what
 * `report` returns (if given) and exits.
 */
export async function serveUntilStopped(fulfiller, { close = async () => {}, report } = {}) {
  await fulfiller.start();
  process.send?.({ worker: process.env.WORKER, ready: true });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await fulfiller.stop();
    await close();
    if (report) process.send?.({ worker: process.env.WORKER, ...report() });
    process.exit(0);
  });
}
