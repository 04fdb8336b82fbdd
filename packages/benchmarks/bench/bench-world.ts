import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBamboo } from '@giftwire/bamboo';
import type { VendorAdapter, VendorLimits } from '@giftwire/core';
import { createEmbeddedOrderStore, type Fulfiller } from '@giftwire/engine';

/** The shared secret benchmark sandboxes echo in their notification callbacks. */
export const BENCH_NOTIFICATION_SECRET = 'bench-secret';

/** A Bamboo client for a benchmark's sandbox, with the benchmark's (time-scaled) limits. */
export function benchBamboo(baseUrl: string, limits: VendorLimits) {
  return createBamboo({
    clientId: 'sandbox-client',
    clientSecret: 'sandbox-secret',
    accountId: 555,
    baseUrl,
    notificationSecret: BENCH_NOTIFICATION_SECRET,
    limits,
    env: {},
  });
}

/**
 * An embedded store in a fresh temporary directory, removed afterwards. With `reopened`, the directory is
 * initialized by a first instance that then closes, as after a restart: PGlite's first start (initdb) has a
 * large transient footprint that would otherwise blur memory measurements.
 */
export async function temporaryEmbeddedStore({ reopened = false } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'giftwire-bench-'));
  if (reopened) {
    const first = createEmbeddedOrderStore({ dataDir });
    await first.init();
    await first.close();
  }
  const store = createEmbeddedOrderStore({ dataDir });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/**
 * A vendor that takes every order at once and answers status calls with `getOrder`: no network, no limits, so a
 * benchmark measures the engine and its store. `firstPollMs` is when the engine first asks; then hourly.
 *
 * @example
 * const vendor = steadyVendor({ firstPollMs: 3_600_000, getOrder: async ({ reference }) => processing(reference) });
 */
export function steadyVendor(options: {
  firstPollMs: number;
  getOrder: VendorAdapter['getOrder'];
}): VendorAdapter {
  return {
    specificationVersion: 'v1',
    vendor: 'steady',
    capabilities: {
      webhooks: false,
      cancel: false,
      catalog: false,
      balance: false,
      idempotentReplay: false,
      lookupByReference: true,
    },
    limits: {
      rateLimits: [],
      poll: { initialDelayMs: options.firstPollMs, intervalsMs: [3_600_000] },
      deadlineMs: 86_400_000,
      cancelAtDeadline: 'unsupported',
    },
    async placeOrder(request) {
      return { reference: request.reference, vendorOrderId: `v-${request.reference.slice(0, 8)}` };
    },
    getOrder: options.getOrder,
  };
}
