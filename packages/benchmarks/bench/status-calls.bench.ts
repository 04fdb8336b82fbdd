/**
 * Status calls per settled order, for each of the four vendors, counted by the vendor's sandbox (its own
 * Get Order request count, not the client's; Budgetree's activated-cards reads, delivery rather than status,
 * are left out and printed beside: `statusReads`). Orders settle after a random 0.5–30 s, time-scaled like the
 * sandboxes' and clients' limits (the harnesses' ×0.05: 25 ms–1.5 s). Three ways of following the same kind of
 * orders, side by side in one run: a fixed 5-second poll (the naive baseline), the engine polling only, and
 * the engine with the vendor's webhooks (Budgetree sends none: n/a). The engine learns when orders settle, so
 * each engine run first settles a warm-up batch, then counts the calls of a second, measured batch.
 * Targets (issue #15/#19), in calls per settled order: ≤ 2.0 polling only, ≤ 1.2 with webhooks.
 */
import { randomUUID } from 'node:crypto';
import type { VendorHarness } from '@giftwire/conformance';
import { isFinal } from '@giftwire/core';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { temporaryEmbeddedStore } from './bench-world';
import {
  BENCH_TIME_SCALE,
  deliveryReads,
  settledCounter,
  sleep,
  startBenchFulfiller,
  startVendorBenchWorld,
  statusReads,
} from './vendor-world';

const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 30);
const MEASURED = Number(process.env.BENCH_MEASURED ?? 40);
const FIXED_POLL_MS = 5_000 * BENCH_TIME_SCALE;
const settleAfterMs = () => (500 + Math.random() * 29_500) * BENCH_TIME_SCALE;

export const STATUS_CALL_TARGETS = { pollingOnly: 2.0, webhooks: 1.2 } as const;

/** Status calls per settled order, and the delivery reads per order that came with them. */
export interface CallsPerOrder {
  status: number;
  delivery: number;
}

export interface StatusCallFigures {
  vendor: string;
  fixedPoll: number;
  pollingOnly: number;
  /** Undefined when the vendor sends no webhooks. */
  webhooks: number | undefined;
  /** Delivery reads per order (Budgetree's cards), polling only; not status calls. */
  deliveryReads: number;
}

/** The naive way: place, then ask every 5 s until final. */
async function fixedPoll(harness: VendorHarness): Promise<number> {
  const world = await startVendorBenchWorld(harness, { webhooks: false, settleAfterMs });
  try {
    // Placed one after another (as the engine does), each followed by its own loop.
    const loops: Promise<void>[] = [];
    for (let i = 0; i < MEASURED; i++) {
      const reference = randomUUID();
      const placed = await world.adapter.placeOrder(harness.sampleRequest(reference, 1, i));
      const ids = { reference, vendorOrderId: placed.vendorOrderId };
      loops.push(
        (async () => {
          for (;;) {
            await sleep(FIXED_POLL_MS);
            if (isFinal((await world.adapter.getOrder(ids)).status)) return;
          }
        })(),
      );
    }
    await Promise.all(loops);
    return statusReads(world.sandbox) / MEASURED;
  } finally {
    await world.close();
  }
}

/** The engine: a warm-up batch to learn from, then the measured batch, on the embedded store. */
async function engine(harness: VendorHarness, webhooks: boolean): Promise<CallsPerOrder> {
  const world = await startVendorBenchWorld(harness, { webhooks, settleAfterMs });
  const { store, dispose } = await temporaryEmbeddedStore();
  try {
    const fulfiller = await startBenchFulfiller([world], store);
    const settled = settledCounter(fulfiller);
    const batch = async (n: number, from: number) => {
      const references: string[] = [];
      for (let i = 0; i < n; i++) {
        const request = harness.sampleRequest(randomUUID(), 1, from + i);
        references.push((await fulfiller.submit({ vendor: harness.vendor, request })).order.reference);
      }
      await settled.all(references);
    };
    await batch(WARM_UP, 0);
    const before = { status: statusReads(world.sandbox), delivery: deliveryReads(world.sandbox) };
    await batch(MEASURED, WARM_UP);
    return {
      status: (statusReads(world.sandbox) - before.status) / MEASURED,
      delivery: (deliveryReads(world.sandbox) - before.delivery) / MEASURED,
    };
  } finally {
    await world.close();
    await dispose();
  }
}

/**
 * Runs every vendor and prints one table. One run at a time: four engines, their embedded stores, sandboxes
 * and webhook endpoints in one process starve each other's event loop, and a starved client times out and
 * retries, so the sandboxes would count CPU contention (each retry is a status call) instead of the polling.
 */
export async function statusCallsBenchmark(): Promise<{ figures: StatusCallFigures[]; met: boolean }> {
  const figures: StatusCallFigures[] = [];
  for (const harness of VENDOR_HARNESSES) {
    const fixed = await fixedPoll(harness);
    const polling = await engine(harness, false);
    const hooked = harness.webhook === undefined ? undefined : await engine(harness, true);
    figures.push({
      vendor: harness.vendor,
      fixedPoll: fixed,
      pollingOnly: polling.status,
      webhooks: hooked?.status,
      deliveryReads: polling.delivery,
    });
  }
  const mark = (value: number, target: number) =>
    value <= target ? 'yes' : `NO (+${(value - target).toFixed(2)})`;
  console.log(
    `\nstatus calls per settled order (Get Order status requests counted by each sandbox — Budgetree's cards ` +
      `reads are delivery, counted apart; orders settle after a random ` +
      `0.5–30 s ×${BENCH_TIME_SCALE}; engine: ${WARM_UP} warm-up orders to learn from, then ${MEASURED} measured)`,
  );
  console.table(
    figures.map((f) => ({
      vendor: f.vendor,
      'fixed 5 s poll': f.fixedPoll.toFixed(2),
      'polling only': f.pollingOnly.toFixed(2),
      'target ≤ 2.0': mark(f.pollingOnly, STATUS_CALL_TARGETS.pollingOnly),
      webhooks: f.webhooks === undefined ? 'n/a' : f.webhooks.toFixed(2),
      'target ≤ 1.2': f.webhooks === undefined ? 'n/a' : mark(f.webhooks, STATUS_CALL_TARGETS.webhooks),
      'delivery reads': f.deliveryReads.toFixed(2),
    })),
  );
  const met = figures.every(
    (f) =>
      f.pollingOnly <= STATUS_CALL_TARGETS.pollingOnly &&
      (f.webhooks === undefined || f.webhooks <= STATUS_CALL_TARGETS.webhooks),
  );
  return { figures, met };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { met } = await statusCallsBenchmark();
  if (!met) process.exitCode = 1;
}
