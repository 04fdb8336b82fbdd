// `pnpm proof` (root): attacks the assembled stack and writes proof/REPORT.md from what the sandboxes recorded.
// `--short` (CI): every fault once per vendor. Exits 1 on any nonzero count.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { runAccess } from './access/run-access';
import { runBadInput } from './bad-input/run-bad-input';
import { runFaultMatrix } from './faults/run-fault-matrix';
import { ambiguousPins, auditLeaks } from './leaks/audit-leaks';
import { dumpTables } from './leaks/dump-tables';
import { runLoad } from './load/run-load';
import { runMedusaParts } from './medusa/run-medusa-parts';
import { runOutages } from './outages/run-outages';
import { type ProofRun, renderReport, totalBroken } from './report/render-report';
import { shopClient } from './shop/shop-client';
import { runWebhookAttacks } from './webhooks/run-webhook-attacks';
import { startProofWorld } from './world/start-proof-world';

const REPORT = fileURLToPath(new URL('../REPORT.md', import.meta.url));
const short = process.argv.includes('--short');
/** Each vendor's window at its ceiling in the short form: long enough for every rule to be tested many times. */
const SHORT_LOAD_SECONDS = 20;
const log = (line: string) => console.log(`proof: ${line}`);

const started = Date.now();
const world = await startProofWorld(VENDOR_HARNESSES, log);
let run: ProofRun;
try {
  const client = shopClient(world.shop.url);
  const faults = await runFaultMatrix(world, client, { repeat: short ? 1 : 3, log });
  const webhooks = await runWebhookAttacks(world, client, { log });
  const access = await runAccess(world, client, { log });
  const badInput = await runBadInput(world, client, { perRoute: short ? 300 : 3_000, log });
  // The same attacks through a booted Medusa app with the plugin; then it is stopped, so the outages below
  // (which stop the one PostgreSQL) are the Express shop's alone.
  const medusa = await runMedusaParts(world, { short, log });
  await world.medusa.stop();
  const outages = await runOutages(world, client, { ordersInFlight: short ? 1 : 3, log });
  // Let webhooks still in flight land before the audit reads the shop's output.
  await Promise.all(world.vendors.map((v) => v.sandbox.settle()));
  // Last: it stops the world's shop and runs three of its own, each vendor at its ceiling in turn for a
  // time-scaled hour (20 s in the short form).
  const loadSeconds =
    Number(process.argv[process.argv.indexOf('--load-seconds') + 1]) || (short ? SHORT_LOAD_SECONDS : 180);
  const load = await runLoad(world, { seconds: loadSeconds, log });
  run = {
    form: short ? 'short' : 'full',
    startedAt: new Date(started).toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
    vendors: world.vendors.map((v) => v.vendor),
    faults,
    outages,
    webhooks,
    access,
    badInput,
    load,
    medusa: {
      faults: medusa.faults,
      access: medusa.access,
      badInput: medusa.badInput,
      leaks: auditLeaks(
        world.vendors,
        world.medusa.output(),
        medusa.client.recorded,
        await dumpTables(world.medusa.databaseUrl),
        'Medusa app',
      ),
    },
    violations: Object.fromEntries(world.vendors.map((v) => [v.vendor, v.sandbox.violations.length])),
    ambiguousPins: ambiguousPins(world.vendors),
    leaks: auditLeaks(
      world.vendors,
      world.shop.output() + load.output,
      [...client.recorded, ...load.recorded],
      await dumpTables(world.postgres.url),
    ),
  };
} finally {
  await world.close();
}
writeFileSync(REPORT, renderReport(run));
const broken = totalBroken(run);
log(`wrote ${REPORT}: ${broken === 0 ? 'nothing broken' : `${broken} broken`} (${run.seconds} s)`);
if (broken > 0) process.exitCode = 1;
