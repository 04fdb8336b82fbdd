// The Bamboo sandbox in its own process, as a vendor would be: the engine under test does not share an
// event loop with it. Options arrive as JSON in SANDBOX_OPTIONS; `settleBetweenMs: [min, max]` draws each
// order's settle delay at random. Answers 'stats' messages with what it saw.
import { startBambooSandbox } from '@giftwire/bamboo/sandbox';

const { settleBetweenMs, ...options } = JSON.parse(process.env.SANDBOX_OPTIONS ?? '{}');
if (settleBetweenMs) {
  const [min, max] = settleBetweenMs;
  options.scenario = { ...options.scenario, settleAfterMs: () => min + Math.random() * (max - min) };
}
const sandbox = await startBambooSandbox(options);
process.send({ url: sandbox.url });
process.on('message', async (message) => {
  if (message === 'stats') {
    process.send({
      orders: sandbox.orders.list().length,
      placeOrderCalls: sandbox.placeOrderCalls,
      violations: sandbox.violations.length,
    });
  }
  if (message === 'close') {
    await sandbox.close();
    process.exit(0);
  }
});
