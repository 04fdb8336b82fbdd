// `pnpm demo`: starts the demo store, prints where everything is, and stops it all on Ctrl-C.
import { printBanner } from './print-banner';
import { startDemo } from './start-demo';

async function main(): Promise<void> {
  console.log('Starting the giftwire demo store…');
  const demo = await startDemo();
  printBanner(demo);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Medusa, Express, the sandbox and the database…`);
    demo.stop().then(
      () => {
        console.log('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
