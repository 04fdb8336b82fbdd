/** What the proof runner tells a shop process it forks (as JSON in `PROOF_SHOP`). */
export interface ShopConfig {
  /** The port the shop listens on; kept across restarts, since the sandboxes' webhooks point at it. */
  port: number;
  databaseUrl: string;
  /** Where the vendors' rate-limit counters live (`createRedisRateLimitStore`). */
  redisUrl: string;
  /** The envelope key of the order store, base64 (generateEncryptionKey). */
  encryptionKey: string;
  /** Each vendor's client settings, as its sandbox gave them (`sandbox.clientSettings()`). */
  vendors: { vendor: string; settings: Record<string, unknown> }[];
  /**
   * `local` (default): the engine's in-process scheduler, for one shop process. `pg-boss`: jobs in the shop's
   * PostgreSQL, so several shop processes on one database share the work (the load part runs three).
   */
  scheduler?: 'local' | 'pg-boss';
}

/**
 * Where the shop process kills itself (SIGKILL, no clean-up) for the order `reference`: a step of placement
 * (`before_send`: the engine has recorded the send, nothing left yet; `after_send`: the vendor took the
 * order, its answer not yet persisted) or of delivery (`after_read`: the vendor's final answer, with the
 * codes, read but not yet persisted).
 */
export type CrashPoint = 'before_send' | 'after_send' | 'after_read';

export const CRASH_POINTS: readonly CrashPoint[] = ['before_send', 'after_send', 'after_read'];

/** IPC from the runner to the shop. */
export type ShopCommand = { crash: CrashPoint; reference: string };

/** IPC from the shop to the runner. */
export type ShopMessage = { ready: true } | { armed: string };

/** The base path the shop mounts the giftwire router on. */
export const ROUTER_BASE = '/giftwire';

/** The header the shop's toy session reads the customer from (the suite's stand-in for a real session). */
export const CUSTOMER_HEADER = 'x-customer';
