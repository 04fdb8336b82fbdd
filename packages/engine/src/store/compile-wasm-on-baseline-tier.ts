import { setFlagsFromString } from 'node:v8';

// Stores opened at the same time share one window: the default returns when the last of them is open.
let opening = 0;

/** True when this process was started with `--liftoff-only` itself: then it is the user's setting to keep. */
function startedBaselineOnly(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.includes('--liftoff-only');
}

/**
 * Runs `open` (which compiles a WebAssembly module, here PGlite's 9 MB PostgreSQL) with V8's baseline wasm
 * compiler only, then gives the process back its default. V8 fixes a module's tiers when it compiles it, so
 * the module opened here stays on Liftoff for its life, and modules compiled later tier up as usual.
 *
 * Why: by default V8 re-compiles a wasm module's hot functions with TurboFan in the background, and for
 * PGlite that costs ~90 MB resident and seconds of CPU at every start (measured by `pnpm bench`, footprint:
 * later start 175 → 118 MB, first start 220 → 130 MB) for query speed an order store does not need: its
 * queries wait on the disk and the vendor, not on PostgreSQL's CPU. Only a module compiled while `open` runs
 * (another library's, in the same moment) is affected beside PGlite's.
 *
 * @example
 * const db = await compileWasmOnBaselineTier(async () => {
 *   const pg = new PGlite({ dataDir });
 *   await pg.waitReady;
 *   return pg;
 * });
 */
export async function compileWasmOnBaselineTier<T>(
  open: () => Promise<T>,
  setFlags: (flags: string) => void = setFlagsFromString,
): Promise<T> {
  if (startedBaselineOnly()) return open();
  if (opening++ === 0) setFlags('--liftoff-only');
  try {
    return await open();
  } finally {
    if (--opening === 0) setFlags('--no-liftoff-only');
  }
}
