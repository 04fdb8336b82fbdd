import { ConfigurationError, Secret, type VendorLimits } from '@giftwire/core';
import type { RateLimitStore } from '@giftwire/http';
import type { Dispatcher } from 'undici';

export const BAMBOO_DEFAULT_BASE_URL = 'https://api.bamboocardportal.com';

export interface BambooSettings {
  /** Falls back to `BAMBOO_CLIENT_ID`. */
  clientId?: string;
  /** Falls back to `BAMBOO_CLIENT_SECRET`. */
  clientSecret?: string;
  /** The account Place Order charges; falls back to `BAMBOO_ACCOUNT_ID`. Needed only to place orders. */
  accountId?: number | string;
  /** One host serves sandbox and live; the credentials decide which. Falls back to `BAMBOO_BASE_URL`. */
  baseUrl?: string;
  /** An undici dispatcher: a `MockAgent` in tests, a `ProxyAgent`, or a tuned `Agent`. */
  dispatcher?: Dispatcher;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** The secret Bamboo echoes in notification callbacks; falls back to `BAMBOO_NOTIFICATION_SECRET`. */
  notificationSecret?: string;
  /** The Svix endpoint secret (`whsec_…`) for Svix-delivered webhooks; falls back to `BAMBOO_WEBHOOK_SECRET`. */
  webhookSecret?: string;
  /** Replaces the published limits, e.g. `scaleLimits(BAMBOO_LIMITS, 0.1)` against a time-scaled sandbox. */
  limits?: VendorLimits;
  /** Where rate-limit counters live; share one between processes to share Bamboo's limits. */
  rateLimitStore?: RateLimitStore;
  /**
   * Added to every spacing and window when pacing calls (default 1 ms). Calls are counted until they have
   * finished — never earlier than Bamboo saw them arrive — so this only absorbs millisecond rounding.
   */
  rateLimitMarginMs?: number;
  /**
   * How long a product's catalog entry (currency, face-value range or denominations) is trusted when checking
   * orders before they are sent; default 10 minutes.
   */
  catalogCacheMs?: number;
  /** Max attempts for safe (idempotent or never-sent) requests; default 3. */
  maxAttempts?: number;
  /** Clock for `updatedAt` and webhook timestamps. */
  now?: () => number;
  /** Environment to read fallbacks from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedBambooSettings {
  clientId: string;
  clientSecret: Secret<string>;
  accountId: number | undefined;
  baseUrl: string;
  notificationSecret: Secret<string> | undefined;
  webhookSecret: Secret<string> | undefined;
}

function required(value: string | undefined, option: string, variable: string): string {
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(
      `Bamboo ${option} is missing: pass { ${option} } to createBamboo() or set ${variable}`,
    );
  }
  return value;
}

/** Reads options with environment fallbacks; a missing credential names both the option and the variable. */
export function resolveBambooSettings(settings: BambooSettings): ResolvedBambooSettings {
  const env = settings.env ?? process.env;
  const clientId = required(settings.clientId ?? env.BAMBOO_CLIENT_ID, 'clientId', 'BAMBOO_CLIENT_ID');
  const clientSecret = required(
    settings.clientSecret ?? env.BAMBOO_CLIENT_SECRET,
    'clientSecret',
    'BAMBOO_CLIENT_SECRET',
  );
  const rawAccount = settings.accountId ?? env.BAMBOO_ACCOUNT_ID;
  let accountId: number | undefined;
  if (rawAccount !== undefined && rawAccount !== '') {
    accountId = Number(rawAccount);
    if (!Number.isSafeInteger(accountId) || accountId <= 0) {
      throw new ConfigurationError(
        'Bamboo accountId must be a positive whole number (option accountId or BAMBOO_ACCOUNT_ID)',
      );
    }
  }
  const baseUrl = settings.baseUrl ?? env.BAMBOO_BASE_URL ?? BAMBOO_DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigurationError(
      'Bamboo baseUrl must be an absolute URL (option baseUrl or BAMBOO_BASE_URL)',
    );
  }
  return {
    clientId,
    clientSecret: new Secret(clientSecret),
    accountId,
    baseUrl,
    notificationSecret: Secret.from(settings.notificationSecret ?? env.BAMBOO_NOTIFICATION_SECRET),
    webhookSecret: Secret.from(settings.webhookSecret ?? env.BAMBOO_WEBHOOK_SECRET),
  };
}
