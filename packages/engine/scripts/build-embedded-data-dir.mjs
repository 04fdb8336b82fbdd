/**
 * Build step (after tsup): runs PGlite's initdb once, here, and ships its result as
 * `dist/embedded-data-dir.tar.gz`, so that the embedded store's first start on a user's machine unpacks a
 * prepared data directory instead of running initdb in WebAssembly (seconds, and ~900 MB resident).
 *
 * The archive is a plain ustar file, gzip-compressed, written deterministically (sorted entries, fixed mtime
 * and modes) so an unchanged PGlite gives a byte-identical archive. PGlite's own `loadDataDir` reads it too.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

const OUT = new URL('../dist/embedded-data-dir.tar.gz', import.meta.url);
/** Written by the running server and meaningless in a copy. */
const SKIP = new Set(['postmaster.pid', 'postmaster.opts']);

const dir = await mkdtemp(join(tmpdir(), 'giftwire-embedded-template-'));
try {
  const db = new PGlite({ fs: new NodeFS(dir) });
  await db.waitReady;
  // A clean shutdown leaves a checkpointed cluster: the first real start needs no recovery.
  await db.close();
  const entries = await walk(dir);
  const blocks = [];
  for (const path of entries) {
    const info = await stat(path);
    const name = relative(dir, path);
    if (info.isDirectory()) {
      blocks.push(header(`${name}/`, 0o700, 0, '5'));
    } else {
      const data = await readFile(path);
      blocks.push(
        header(name, 0o600, data.length, '0'),
        data,
        Buffer.alloc((512 - (data.length % 512)) % 512),
      );
    }
  }
  blocks.push(Buffer.alloc(1024));
  const archive = gzipSync(Buffer.concat(blocks), { level: 9 });
  await writeFile(OUT, archive);
  console.log(
    `embedded data directory: ${entries.length} entries, ${(archive.length / 2 ** 20).toFixed(1)} MB`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Every directory and file under `root`, parents before children, names sorted, PG_VERSION last. */
async function walk(root) {
  const out = [];
  const visit = async (path) => {
    for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (path === root && SKIP.has(entry.name)) continue;
      const full = join(path, entry.name);
      out.push(full);
      if (entry.isDirectory()) await visit(full);
    }
  };
  await visit(root);
  const version = join(root, 'PG_VERSION');
  return [...out.filter((p) => p !== version), version];
}

/** One ustar header block. */
function header(name, mode, size, type) {
  const block = Buffer.alloc(512);
  let prefix = '';
  let rest = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 154);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100)
      throw new Error(`path too long for ustar: ${name}`);
    prefix = name.slice(0, cut);
    rest = name.slice(cut + 1);
  }
  const octal = (value, width) => value.toString(8).padStart(width - 1, '0');
  block.write(rest, 0, 100);
  block.write(octal(mode, 8), 100, 8);
  block.write(octal(0, 8), 108, 8);
  block.write(octal(0, 8), 116, 8);
  block.write(octal(size, 12), 124, 12);
  block.write(octal(0, 12), 136, 12);
  block.fill(' ', 148, 156);
  block.write(type, 156, 1);
  block.write('ustar\u000000', 257, 8);
  block.write(prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${octal(sum, 7)}\u0000 `, 148, 8);
  return block;
}
