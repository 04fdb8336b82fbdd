import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { scaleLimits } from '@giftwire/core';
import type { Fulfiller } from '../../src/create-fulfiller';

/** Bamboo's limits and the sandbox's, both 20 times faster, so a test fulfils many orders in seconds. */
export const TIME_SCALE = 0.05;
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

/** Serves `POST /hooks/bamboo` into the fulfiller, as a shop's webhook route would. */
export async function startWebhookEndpoint(
  fulfiller: () => Fulfiller,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      fulfiller()
        .handleWebhook('bamboo', { headers: req.headers, rawBody: Buffer.concat(chunks) })
        .then(() => res.writeHead(204).end())
        .catch(() => res.writeHead(401).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/bamboo`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
