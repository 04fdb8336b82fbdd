// One start of `createFulfiller` with no store, in a process of its own: prints JSON with the time to
// `start()` resolving and the process's peak RSS (getrusage maxrss, what `/usr/bin/time -v` reports), then,
// with ORDERS > 0, the peak after that many orders are in flight. Run by footprint.bench.ts.
import { randomUUID } from 'node:crypto';
import { createFulfiller, generateEncryptionKey } from '@giftwire/engine';

const [dataDir, ordersArg] = process.argv.slice(2);
const orders = Number(ordersArg ?? 0);
let placed = 0;
const steady = {
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
    poll: { initialDelayMs: 3_600_000, intervalsMs: [3_600_000] },
    deadlineMs: 86_400_000,
    cancelAtDeadline: 'unsupported',
  },
  async placeOrder(request) {
    return { reference: request.reference, vendorOrderId: `v-${request.reference.slice(0, 8)}` };
  },
  async getOrder({ reference }) {
    return {
      vendor: 'steady',
      reference,
      status: 'processing',
      lines: [],
      updatedAt: new Date().toISOString(),
    };
  },
};
const peakMb = () => process.resourceUsage().maxRSS / 1024;
const started = performance.now();
const fulfiller = createFulfiller({
  vendors: [steady],
  dataDir,
  encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
});
await fulfiller.start();
const startMs = performance.now() - started;
const startPeakMb = peakMb();
let inFlightPeakMb;
if (orders > 0) {
  fulfiller.on('order.updated', (order) => {
    if (order.state === 'placed') placed++;
  });
  for (let i = 0; i < orders; i++) {
    await fulfiller.submit({
      vendor: 'steady',
      request: {
        reference: randomUUID(),
        lines: [{ productId: `p-${i % 50}`, quantity: 2, faceValue: { amount: '25', currency: 'USD' } }],
      },
    });
  }
  while (placed < orders) await new Promise((resolve) => setTimeout(resolve, 20));
  inFlightPeakMb = peakMb();
}
await fulfiller.close();
console.log(JSON.stringify({ startMs, startPeakMb, inFlightPeakMb }));
process.exit(0);
