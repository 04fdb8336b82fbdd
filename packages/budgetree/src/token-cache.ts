import type { Secret } from '@giftwire/core';

export interface TokenCache {
  /** The current token, buying one when there is none or it is due for refresh; callers share one purchase. */
  get(): Promise<Secret<string>>;
  /** Drops `token` after the vendor refused it (401), unless a newer one already replaced it. */
  invalidate(token: Secret<string>): void;
}

/**
 * Caches the OAuth token: bought once, shared by concurrent calls (one verify + token for all of them), and
 * bought again `refreshAfterMs` after it was issued — ahead of its expiry, so calls are not refused first.
 *
 * @example
 * const tokens = createTokenCache({ fetch: buyToken, refreshAfterMs: 6 * 24 * 3_600_000, now: Date.now });
 * const token = await tokens.get();
 */
export function createTokenCache(options: {
  fetch: () => Promise<Secret<string>>;
  refreshAfterMs: number;
  now: () => number;
}): TokenCache {
  let current: { token: Promise<Secret<string>>; value?: Secret<string>; refreshAt: number } | undefined;
  return {
    get() {
      const now = options.now();
      if (current === undefined || now >= current.refreshAt) {
        const entry: NonNullable<typeof current> = {
          token: options.fetch(),
          refreshAt: now + options.refreshAfterMs,
        };
        current = entry;
        entry.token.then(
          (token) => {
            entry.value = token;
          },
          // A failed purchase is not cached: the next call tries again.
          () => {
            if (current === entry) current = undefined;
          },
        );
      }
      return current.token;
    },
    invalidate(token) {
      if (current?.value === token) current = undefined;
    },
  };
}
