import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnyVendorSandbox, VendorHarness } from '@giftwire/conformance';
import type { VendorAdapter, VendorLimits } from '@giftwire/core';
import {
  createFulfiller,
  createLocalScheduler,
  type Fulfiller,
  generateEncryptionKey,
  type OrderStore,
} from '@giftwire/engine';
import { TIME_SCALE } from '@giftwire/test-kit';

/** Every vendor benchmark runs on the harnesses' time scale: sandboxes and client limits agree on it. */
export const BENCH_TIME_SCALE = TIME_SCALE;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Serves one vendor's webhooks into whichever fulfiller `target()` gives, as a shop's webhook route would. */
export async function startVendorWebhookEndpoint(
  vendor: string,
  target: () => Fulfiller | undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const fulfiller = target();
      if (!fulfiller) return void res.writeHead(503).end();
      fulfiller
        .handleWebhook(vendor, { headers: req.headers, rawBody: Buffer.concat(chunks) })
        .then(() => res.writeHead(204).end())
        .catch(() => res.writeHead(401).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/${vendor}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** One vendor's sandbox and adapter (from its conformance harness), with or without webhooks to us. */
export interface VendorBenchWorld {
  harness: VendorHarness;
  sandbox: AnyVendorSandbox;
  adapter: VendorAdapter;
  /** Set once an engine runs; the webhook endpoint feeds it. */
  fulfiller?: Fulfiller;
  close(): Promise<void>;
}

export async function startVendorBenchWorld(
  harness: VendorHarness,
  {
    webhooks,
    settleAfterMs,
    limits,
  }: { webhooks: boolean; settleAfterMs?: () => number; limits?: (l: VendorLimits) => VendorLimits },
): Promise<VendorBenchWorld> {
  const world = { harness } as VendorBenchWorld;
  const endpoint = webhooks
    ? await startVendorWebhookEndpoint(harness.vendor, () => world.fulfiller)
    : undefined;
  world.sandbox = await harness.startSandbox({
    ...(settleAfterMs ? { settleAfterMs } : {}),
    ...(endpoint ? { webhookUrl: endpoint.url } : {}),
  });
  const created = harness.createAdapter(world.sandbox);
  world.adapter = limits ? { ...created, limits: limits(created.limits) } : created;
  world.close = async () => {
    await world.fulfiller?.stop();
    await world.sandbox.close();
    await endpoint?.close();
  };
  return world;
}

/**
 * An engine over the worlds' adapters and `store`, feeding each world's webhooks; started unless told not.
 * `concurrency`: the local scheduler's (default its own, 64).
 */
export async function startBenchFulfiller(
  worlds: VendorBenchWorld[],
  store: OrderStore,
  { start = true, concurrency }: { start?: boolean; concurrency?: number } = {},
): Promise<Fulfiller> {
  const fulfiller = createFulfiller({
    vendors: worlds.map((w) => w.adapter),
    store,
    ...(concurrency === undefined ? {} : { scheduler: createLocalScheduler({ concurrency }) }),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    // The engine's own waits on the vendors' time scale too: a placement whose answer was lost is looked up
    // after 3 s, not after the real minute, in a world where a vendor's minute lasts 3 s.
    tuning: { placementGraceMs: 60_000 * BENCH_TIME_SCALE, sweepIntervalMs: 30_000 * BENCH_TIME_SCALE },
  });
  for (const world of worlds) world.fulfiller = fulfiller;
  if (start) await fulfiller.start();
  return fulfiller;
}

/**
 * Requests that fetch what an order delivered, not its status: Budgetree reads an order in two requests, the
 * status by refno and — once COMPLETE — its activated cards, and its sandbox counts both as Get Order. One
 * cards read per settled order is delivery, paid once whatever the polling; the other vendors answer status
 * and codes in one request, so they have none.
 */
export function deliveryReads(sandbox: AnyVendorSandbox): number {
  return 'cardsCalls' in sandbox && typeof sandbox.cardsCalls === 'number' ? sandbox.cardsCalls : 0;
}

/** Status calls the sandbox saw: its Get Order requests, less the delivery reads among them. */
export function statusReads(sandbox: AnyVendorSandbox): number {
  return sandbox.calls('getOrder') - deliveryReads(sandbox);
}

/** Waits until every reference is settled (or needs attention), watching the engine's events. */
export function settledCounter(fulfiller: Fulfiller) {
  const done = new Set<string>();
  fulfiller.on('order.settled', (order) => {
    done.add(order.reference);
  });
  fulfiller.on('order.needs_attention', (order) => {
    done.add(order.reference);
  });
  return {
    async all(references: readonly string[]) {
      while (!references.every((r) => done.has(r))) await sleep(10);
    },
  };
}
