// `pnpm --filter @giftwire/proof load [--load-seconds N]`: the load part alone, in a world of its own, with
// its table, its broken orders' states and the sandboxes' breaches printed. For working on the load part
// without the ten minutes of the other parts; `pnpm proof` is what counts.
import { VENDOR_HARNESSES } from '@giftwire/vendor-harnesses';
import { brokenCounts } from '../faults/order-tally';
import { auditLeaks } from '../leaks/audit-leaks';
import { dumpTables } from '../leaks/dump-tables';
import { renderLoadTable } from '../report/render-load-table';
import { startProofWorld } from '../world/start-proof-world';
import { runLoad } from './run-load';

const log = (line: string) => console.log(`proof: ${line}`);
const seconds = Number(process.argv[process.argv.indexOf('--load-seconds') + 1]) || 60;
// `--vendor NAME`: that vendor alone.
const only = process.argv.includes('--vendor')
  ? process.argv[process.argv.indexOf('--vendor') + 1]
  : undefined;
const world = await startProofWorld(
  VENDOR_HARNESSES.filter((h) => only === undefined || h.vendor === only),
  log,
);
try {
  const load = await runLoad(world, { seconds, log });
  const lines = load.output.split('\n');
  for (const needle of ['timed out', 'outcome unknown', 'vendor cancel failed', '"level":50', '"level":40'])
    console.log(`shop lines with ${needle}: ${lines.filter((l) => l.includes(needle)).length}`);
  for (const l of lines.filter((l) => l.includes('timed out')).slice(0, 5))
    console.log(`  ${l.slice(0, 400)}`);
  console.log(renderLoadTable(load).join('\n'));
  for (const { vendor, tally } of load.tallies) {
    const broken = Object.entries(brokenCounts(tally)).filter(([, n]) => n > 0);
    if (broken.length > 0) console.log(`broken ${vendor}: ${tally.state} ${JSON.stringify(broken)}`);
  }
  for (const v of world.vendors)
    for (const violation of v.sandbox.violations)
      console.log(`breach ${v.vendor}: ${JSON.stringify(violation)}`);
  const leaks = auditLeaks(world.vendors, load.output, load.recorded, await dumpTables(world.postgres.url));
  for (const { place, scanned, found } of leaks) {
    const kinds = new Map<string, number>();
    for (const f of found) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    console.log(`leaks in ${place} (${scanned} scanned): ${JSON.stringify(Object.fromEntries(kinds))}`);
  }
  // `--keep N`: the world stays up N seconds more, for a look at its database (its URL is printed).
  const keep = Number(process.argv[process.argv.indexOf('--keep') + 1]) || 0;
  if (keep > 0) {
    log(`keeping the world for ${keep} s: ${world.postgres.url}`);
    await new Promise((resolve) => setTimeout(resolve, keep * 1000));
  }
} finally {
  await world.close();
}
