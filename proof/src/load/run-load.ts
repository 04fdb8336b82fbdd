import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateEncryptionKey } from '@giftwire/engine';
import { freePort } from '../../../scripts/test-services.mjs';
import type { OrderTally } from '../faults/order-tally';
import { type RecordedAnswer, shopClient } from '../shop/shop-client';
import { ROUTER_BASE } from '../shop/shop-config';
import { type Shop, startShop } from '../shop/start-shop';
import type { ProofWorld } from '../world/start-proof-world';
import { holdAtCeiling, type LoadVendorResult } from './hold-at-ceiling';
import { vendorCeiling } from './vendor-ceiling';

export { type LoadVendorResult, SAMPLE_EVERY } from './hold-at-ceiling';

const SHOPS = 3;

export interface LoadPartResult {
  readonly shops: number;
  /** Each vendor's window. */
  readonly seconds: number;
  readonly vendors: readonly LoadVendorResult[];
  /**
   * The runner's event-loop delay over the part (p99 and max, ms). The sandboxes live in the runner: a
   * sandbox that lags answers late and stamps its calls late, and a figure here says how far to trust the
   * part's times on this machine.
   */
  readonly runnerLag: { readonly p99: number; readonly max: number };
  readonly tallies: readonly { vendor: string; tally: OrderTally }[];
  /** Everything the three shop processes wrote, and every answer they gave, for the leak audit. */
  readonly output: string;
  readonly recorded: readonly RecordedAnswer[];
}

/**
 * Three shop processes on the world's PostgreSQL (sharing the work through pg-boss) and Redis (sharing each
 * vendor's rate limits), and each vendor in turn offered paid orders at its ceiling for `seconds`, spread over
 * the three shops. One vendor at a time: all four at once (some 35 orders/s on the test time scale) were
 * more than a 2-core machine runs beside the sandboxes, and the part then measured the machine. The world's
 * own shop is stopped first, so exactly these three work. Counted from the sandboxes: breaches, vendor
 * orders per reference, orders neither settled nor flagged; measured: each vendor's rate ÷ ceiling and the
 * time from its settling an order to the owner reading the codes.
 *
 * @example
 * const load = await runLoad(world, { seconds: short ? 20 : 180, log });
 */
export async function runLoad(
  world: ProofWorld,
  options: { seconds: number; log: (line: string) => void },
): Promise<LoadPartResult> {
  const { seconds, log } = options;
  await world.shop.stop();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const encryptionKey = generateEncryptionKey();
  const shops: Shop[] = [];
  try {
    for (let i = 0; i < SHOPS; i++)
      shops.push(
        await startShop({
          port: await freePort(),
          databaseUrl: world.postgres.url,
          redisUrl: world.redis.url,
          encryptionKey,
          scheduler: 'pg-boss',
          vendors: world.vendors.map((v) => ({
            vendor: v.vendor,
            settings: v.sandbox.clientSettings() as Record<string, unknown>,
          })),
        }),
      );
    // The sandboxes' webhooks reach one of the three; any of them acts on it through the shared database.
    world.relay.forwardTo(`${shops[0]!.url}${ROUTER_BASE}/webhooks`);
    const clients = shops.map((s) => shopClient(s.url));
    const vendors: LoadVendorResult[] = [];
    for (const vendor of world.vendors) {
      const sample = (i: number) => vendor.harness.sampleRequest(`ceiling-${i}`, 1 + (i % 2), i);
      const ceiling = await vendorCeiling(vendor.harness, sample);
      vendors.push(await holdAtCeiling({ vendor, ceiling, clients, seconds, log }));
    }
    for (const shop of shops) await shop.stop();
    return {
      shops: SHOPS,
      seconds,
      vendors,
      runnerLag: { p99: Math.round(lag.percentile(99) / 1e6), max: Math.round(lag.max / 1e6) },
      tallies: vendors.flatMap((v) => v.tallies.map((tally) => ({ vendor: v.vendor, tally }))),
      output: shops.map((s) => s.output()).join(''),
      recorded: clients.flatMap((c) => c.recorded),
    };
  } finally {
    lag.disable();
    for (const shop of shops) await shop.stop();
  }
}
