import { PGlite } from '@electric-sql/pglite';

/**
 * PostgreSQL settings for one small embedded process, passed at every start (so data directories made by
 * earlier releases get them too). PostgreSQL's defaults size a server for 100 connections and 128 MB of
 * shared buffers, and PGlite touches all of those buffers at start: ~130 MB resident before the first order.
 * One backend reading a small working set needs a few megabytes; pages it does not hold stay in the OS page
 * cache, which is not the process's memory. Measured (`pnpm bench`, footprint): later start ~340 → ~150 MB.
 */
export const EMBEDDED_MEMORY_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '2MB',
  // PGlite is one backend in one process: room for a handful of connections' worth of shared state suffices.
  max_connections: '4',
  wal_buffers: '256kB',
  max_wal_senders: '0',
  max_replication_slots: '0',
  autovacuum_worker_slots: '1',
};

/** PGlite's own start arguments followed by {@link EMBEDDED_MEMORY_SETTINGS} as `-c name=value`. */
export function embeddedStartParams(): string[] {
  return [
    ...PGlite.defaultStartParams,
    ...Object.entries(EMBEDDED_MEMORY_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ];
}
