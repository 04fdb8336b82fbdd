import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractTarGz } from './extract-tar-gz';

/** The archive `scripts/build-embedded-data-dir.mjs` writes next to the bundles at build time. */
export const DATA_DIR_TEMPLATE_NAME = 'embedded-data-dir.tar.gz';

/**
 * Where the shipped data directory lives: beside the bundle (`dist/`) in the published package, or in the
 * package's `dist/` when this file runs from source (tests). Undefined when the package was never built.
 */
export function findDataDirTemplate(): string | undefined {
  // The ESM bundle has import.meta.url, the CJS bundle __dirname; each guard keeps the other's case inert.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const candidate of [
    join(here, DATA_DIR_TEMPLATE_NAME),
    join(here, '..', '..', 'dist', DATA_DIR_TEMPLATE_NAME),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Readies `dataDir` for PGlite without running initdb: when it holds no database yet (no PG_VERSION), the
 * data directory prepared at build time is unpacked into it, PG_VERSION last, so an interrupted unpack is
 * simply redone on the next start. Returns how the directory was found or made; `'initdb'` means no template
 * was shipped (an unbuilt checkout) and PGlite will run initdb itself, as before.
 *
 * @example
 * await prepareEmbeddedDataDir('./.giftwire'); // 'unpacked' the first time, 'existing' afterwards
 */
export async function prepareEmbeddedDataDir(
  dataDir: string,
  template: string | undefined = findDataDirTemplate(),
): Promise<'existing' | 'unpacked' | 'initdb'> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return 'existing';
  if (template === undefined) return 'initdb';
  await extractTarGz(template, dataDir, { writeLast: ['PG_VERSION'] });
  return 'unpacked';
}
