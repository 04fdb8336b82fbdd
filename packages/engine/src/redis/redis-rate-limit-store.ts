import { createHash, randomUUID } from 'node:crypto';
import { GiftwireError } from '@giftwire/core';
import type { RateLimitCheck, RateLimitStore } from '@giftwire/http';
import { Redis } from 'ioredis';
import { ACQUIRE_SCRIPT, RELEASE_SCRIPT } from './redis-rate-limit-script';

/** A client you own (we neither connect nor close it), or a URL we open a client for and close in `close()`. */
export type RedisConnection = { redis: Redis } | { url: string };

export interface RedisRateLimitStoreOptions {
  /**
   * Put in front of every counter key, default `giftwire:rate-limit:`. On Redis Cluster, make it a hash tag
   * (`{giftwire-rate-limit}:`): one call may touch several counters, and a script may only touch keys of one
   * slot.
   */
  prefix?: string;
}

export interface RedisRateLimitStore extends RateLimitStore {
  /** Closes the client if this store opened it; a client passed in is left alone. */
  close(): Promise<void>;
}

/**
 * Kept past the moment a counter stops restraining anything. `now` comes from each caller's clock while
 * Redis expires keys by its own, so a counter must outlive its horizon by more than the hosts' clocks can
 * disagree; a minute is far more than that and costs a few bytes.
 */
const EXPIRY_SLACK_MS = 60_000;

/** A script and its SHA1, so that calls send the SHA and only send the source when Redis lacks it. */
interface Script {
  source: string;
  sha: string;
}
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const ACQUIRE = script(ACQUIRE_SCRIPT);
const RELEASE = script(RELEASE_SCRIPT);

/**
 * Rate-limit counters in Redis, shared by every process that uses the same Redis and prefix: several
 * instances of one shop then respect one vendor limit together. It answers exactly as the memory store of
 * `@giftwire/http` does, but each check-and-record (and each release) runs as one Lua script, so two
 * processes never both pass.
 *
 * Time comes from the caller (`now`, `recordAt`, `finishedAt`), not from Redis, so that the limiter's clock
 * stays injectable and its answers match the memory store's. Hosts therefore need synchronized clocks
 * (NTP); the limiter's `safetyMarginMs` should cover the skew that remains, since a host running behind sees
 * the last call as more recent and waits longer, while a host running ahead may call up to its lead early.
 *
 * @example
 * import { createRedisRateLimitStore } from '@giftwire/engine/redis';
 *
 * // Every instance of the shop then shares one Bamboo rate limit.
 * const bamboo = createBamboo({ rateLimitStore: createRedisRateLimitStore({ url: process.env.REDIS_URL! }) });
 */
export function createRedisRateLimitStore(
  connection: RedisConnection,
  options: RedisRateLimitStoreOptions = {},
): RedisRateLimitStore {
  const prefix = options.prefix ?? 'giftwire:rate-limit:';
  const owned = !('redis' in connection);
  const redis = 'redis' in connection ? connection.redis : new Redis(connection.url);
  let closing: Promise<void> | undefined;

  const evaluate = async ({ source, sha }: Script, keys: string[], args: string[]): Promise<unknown> => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      // The script cache is empty after a restart or failover; EVAL sends the source and caches it again.
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return await redis.eval(source, keys.length, ...keys, ...args);
    }
  };
  const keysOf = (checks: ReadonlyArray<RateLimitCheck>) => checks.map((check) => prefix + check.key);

  return {
    async tryAcquire(checks, now, recordAt = now) {
      if (checks.length === 0) return 0;
      const args = [
        String(now),
        String(recordAt),
        randomUUID(),
        String(EXPIRY_SLACK_MS),
        ...checks.flatMap(ruleArgs),
      ];
      const wait = await evaluate(ACQUIRE, keysOf(checks), args);
      if (typeof wait !== 'number') {
        throw new GiftwireError(`Redis rate-limit script answered ${typeof wait} instead of a number`);
      }
      return wait;
    },
    async release(checks, recordedAt, finishedAt) {
      if (checks.length === 0) return;
      const args = [
        String(recordedAt),
        String(finishedAt),
        String(EXPIRY_SLACK_MS),
        ...checks.flatMap(ruleArgs),
      ];
      await evaluate(RELEASE, keysOf(checks), args);
    },
    close() {
      if (!owned) return Promise.resolve();
      closing ??= redis.quit().then(() => undefined);
      return closing;
    },
  };
}

function ruleArgs({ rule }: RateLimitCheck): string[] {
  switch (rule.kind) {
    case 'spacing':
      return ['spacing', String(rule.intervalMs), '0'];
    case 'window':
      return ['window', String(rule.limit), String(rule.windowMs)];
    case 'bucket':
      return ['bucket', String(rule.capacity), String(rule.refillPerSecond)];
  }
}
