import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { createGunzip } from 'node:zlib';

const BLOCK = 512;

/**
 * Unpacks a gzip-compressed ustar archive (regular files and directories only) into `destination`, streaming:
 * memory stays at a few chunks whatever the archive's size, which is the point on a small server. Files named
 * in `writeLast` are held back and written, with an fsync, after everything else — a marker that says the
 * directory is complete (PostgreSQL's PG_VERSION) then never exists beside a half-written directory.
 *
 * @example
 * await extractTarGz('/app/dist/embedded-data-dir.tar.gz', './.giftwire', { writeLast: ['PG_VERSION'] });
 */
export async function extractTarGz(
  archive: string,
  destination: string,
  options: { writeLast?: readonly string[] } = {},
): Promise<void> {
  const root = normalize(destination);
  const heldBack = new Map<string, Buffer[]>();
  let pending: Buffer = Buffer.alloc(0);
  // The entry whose data is being read: where it goes, how many data bytes remain, then its padding.
  let current: { fd?: number; held?: Buffer[]; remaining: number; padding: number } | undefined;
  let ended = false;

  const target = (name: string) => {
    const path = normalize(join(root, name));
    // A corrupt or hostile archive must not write outside the data directory.
    if (path !== root && !path.startsWith(root + sep))
      throw new Error(`archive entry escapes its directory: ${name}`);
    return path;
  };

  for await (const chunk of createReadStream(archive).pipe(createGunzip())) {
    pending = pending.length === 0 ? (chunk as Buffer) : Buffer.concat([pending, chunk as Buffer]);
    while (!ended) {
      if (current) {
        const take = Math.min(current.remaining, pending.length);
        if (take > 0) {
          const data = pending.subarray(0, take);
          if (current.fd !== undefined) writeSync(current.fd, data);
          else current.held?.push(Buffer.from(data));
          current.remaining -= take;
          pending = pending.subarray(take);
        }
        if (current.remaining > 0) break;
        if (pending.length < current.padding) break;
        pending = pending.subarray(current.padding);
        if (current.fd !== undefined) closeSync(current.fd);
        current = undefined;
        continue;
      }
      if (pending.length < BLOCK) break;
      const header = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (header.every((byte) => byte === 0)) {
        ended = true;
        break;
      }
      const entry = parseHeader(header);
      const path = target(entry.name);
      if (entry.type === '5') {
        mkdirSync(path, { recursive: true, mode: 0o700 });
        continue;
      }
      if (entry.type !== '0' && entry.type !== '\0')
        throw new Error(`unsupported archive entry type for ${entry.name}`);
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      const padding = (BLOCK - (entry.size % BLOCK)) % BLOCK;
      if (options.writeLast?.includes(entry.name)) {
        const held: Buffer[] = [];
        heldBack.set(path, held);
        current = { held, remaining: entry.size, padding };
      } else {
        current = { fd: openSync(path, 'w', 0o600), remaining: entry.size, padding };
      }
    }
  }
  if (current?.fd !== undefined) closeSync(current.fd);
  if (!ended || current) throw new Error(`archive ${archive} is truncated`);
  for (const [path, chunks] of heldBack) {
    const fd = openSync(path, 'w', 0o600);
    try {
      writeSync(fd, Buffer.concat(chunks));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function parseHeader(header: Buffer): { name: string; size: number; type: string } {
  const text = (start: number, length: number) => {
    const field = header.subarray(start, start + length);
    const end = field.indexOf(0);
    return field.subarray(0, end === -1 ? length : end).toString('utf8');
  };
  const stored = Number.parseInt(text(148, 8).trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  if (sum !== stored) throw new Error('archive header checksum mismatch');
  const prefix = text(345, 155);
  const name = text(0, 100);
  const size = Number.parseInt(text(124, 12).trim() || '0', 8);
  return { name: (prefix ? `${prefix}/${name}` : name).replace(/\/$/, ''), size, type: text(156, 1) || '\0' };
}
