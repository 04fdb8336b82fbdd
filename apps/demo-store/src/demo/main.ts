// `pnpm demo`: starts the demo store, prints where everything is, and stops it all on Ctrl-C.
import { printBanner } from './print-banner';
import { startDemo } from './start-demo';

const starting = new AbortController();

async function main(): Promise<void> {
  // Handled from the first moment: a Ctrl-C during the first boot (migrations, seed) must not leave Medusa or
  // the embedded PostgreSQL running. startDemo stops what it started and rejects.
  const interruptStart = (signal: NodeJS.Signals) => {
    if (starting.signal.aborted) return; // the terminal and tsx may both pass the same Ctrl-C on
    console.log(`\n${signal}: stopping what has started…`);
    starting.abort();
  };
  process.on('SIGINT', interruptStart);
  process.on('SIGTERM', interruptStart);
  console.log('Starting the giftwire demo store…');
  const demo = await startDemo({ signal: starting.signal });
  process.off('SIGINT', interruptStart);
  process.off('SIGTERM', interruptStart);
  printBanner(demo);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Medusa, Express, the sandboxes and the database…`);
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
  if (starting.signal.aborted) {
    console.log('Stopped.');
    process.exit(0);
  }
  console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
