import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBamboo } from '@giftwire/bamboo';
import type { VendorLimits } from '@giftwire/core';
import { createEmbeddedOrderStore } from '../src/store/embedded-order-store';

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
