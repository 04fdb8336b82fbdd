import type { Logger } from '../logger';
import type { OrderRecord } from '../order-record';
import type { OrderStore } from '../store/order-store';
import { SETTLE_SAMPLES_KEPT, type SettleSample } from '../store/settle-sample';
import type { Clock } from './engine-context';
import { type SettleQuantiles, settleQuantiles } from './settle-quantiles';

/** Samples behind a vendor-wide estimate: every product of the vendor, newest first. */
const VENDOR_SAMPLES = 500;

/**
 * What the engine has learned of when orders settle, kept in the store (so every process learns from every
 * order) and cached here, so that planning a status call reads nothing from the store: each (vendor,
 * product) is read once per process, then refreshed in the background once it is older than `refreshMs`.
 */
export interface SettleTimes {
  /** When orders like this one settle: its product's estimate, else its vendor's, else `undefined`. */
  quantilesFor(record: Pick<OrderRecord, 'vendor' | 'request'>): Promise<SettleQuantiles | undefined>;
  /** Keeps a sample in the store and in this process's estimate. Never throws: learning is best effort. */
  record(sample: SettleSample): Promise<void>;
}

interface Entry {
  samples: SettleSample[];
  limit: number;
  loadedAt: number;
  loading?: Promise<void>;
  /** Computed on first use after a change; `null` means stale. */
  quantiles: SettleQuantiles | undefined | null;
}

/** The product a single-line order is for; a multi-line order is planned by its vendor's estimate. */
export function settleProductOf(record: Pick<OrderRecord, 'request'>): string | undefined {
  const { lines } = record.request;
  return lines.length === 1 ? lines[0]!.productId : undefined;
}

/**
 * @example
 * const settleTimes = createSettleTimes({ store, clock: { now: Date.now }, logger, refreshMs: 30_000 });
 * const learned = await settleTimes.quantilesFor(record); // undefined until 20 orders have settled
 */
export function createSettleTimes({
  store,
  clock,
  logger,
  refreshMs,
}: {
  store: OrderStore;
  clock: Clock;
  logger: Logger;
  refreshMs: number;
}): SettleTimes {
  const entries = new Map<string, Entry>();
  const keyOf = (vendor: string, productId: string | undefined) =>
    JSON.stringify([vendor, productId ?? null]);

  const load = (entry: Entry, vendor: string, productId: string | undefined): Promise<void> => {
    entry.loading ??= store
      .settleSamples({ vendor, productId, limit: entry.limit })
      .then((samples) => {
        entry.samples = samples;
        entry.quantiles = null;
      })
      .catch((error: unknown) => {
        // The vendor's own schedule still works: plan without the estimate until the next refresh.
        logger.warn({ vendor, err: error }, 'settle samples could not be read');
      })
      .finally(() => {
        entry.loadedAt = clock.now();
        entry.loading = undefined;
      });
    return entry.loading;
  };

  const estimate = async (vendor: string, productId: string | undefined) => {
    const key = keyOf(vendor, productId);
    let entry = entries.get(key);
    if (!entry) {
      const limit = productId === undefined ? VENDOR_SAMPLES : SETTLE_SAMPLES_KEPT;
      entry = { samples: [], limit, loadedAt: 0, quantiles: null };
      entries.set(key, entry);
      await load(entry, vendor, productId);
    } else if (entry.loading) {
      if (entry.loadedAt === 0) await entry.loading;
    } else if (clock.now() - entry.loadedAt >= refreshMs) {
      // Other processes' samples arrive with the refresh; this decision uses what is cached.
      void load(entry, vendor, productId);
    }
    if (entry.quantiles === null) entry.quantiles = settleQuantiles(entry.samples);
    return entry.quantiles;
  };

  const remember = (key: string, sample: SettleSample) => {
    const entry = entries.get(key);
    if (!entry) return;
    entry.samples.unshift(sample);
    if (entry.samples.length > entry.limit) entry.samples.length = entry.limit;
    entry.quantiles = null;
  };

  return {
    async quantilesFor(record) {
      const productId = settleProductOf(record);
      if (productId !== undefined) {
        const forProduct = await estimate(record.vendor, productId);
        if (forProduct) return forProduct;
      }
      return estimate(record.vendor, undefined);
    },

    async record(sample) {
      try {
        await store.recordSettleSample(sample);
      } catch (error) {
        logger.warn({ vendor: sample.vendor, err: error }, 'settle sample could not be kept');
        return;
      }
      if (sample.productId !== undefined) remember(keyOf(sample.vendor, sample.productId), sample);
      remember(keyOf(sample.vendor, undefined), sample);
    },
  };
}
