import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { scaleLimits } from '@giftwire/core';
import { TIME_SCALE } from '@giftwire/test-kit';

// Bamboo's limits and the sandbox's at test-kit's one time scale, so a test fulfils many orders in seconds.
export { TIME_SCALE };
export const NOTIFICATION_SECRET = 'engine-test-secret';

export async function startScaledBambooSandbox(options: BambooSandboxOptions = {}): Promise<BambooSandbox> {
  return startBambooSandbox({
    limits: { placeOrderSpacingMs: 500 * TIME_SCALE, perProductWindowMs: 60_000 * TIME_SCALE },
    scenario: { processingAfterMs: 20, settleAfterMs: 60, ...options.scenario },
    ...options,
  });
}

export function scaledBamboo(sandbox: BambooSandbox, overrides: Parameters<typeof createBamboo>[0] = {}) {
  const limits = scaleLimits(BAMBOO_LIMITS, TIME_SCALE);
  return createBamboo({
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    baseUrl: sandbox.url,
    notificationSecret: NOTIFICATION_SECRET,
    limits: { ...limits, poll: { initialDelayMs: 40, intervalsMs: [40, 80, 160], jitter: 0.1 } },
    env: {},
    ...overrides,
  });
}
