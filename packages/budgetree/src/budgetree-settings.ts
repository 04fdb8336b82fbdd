import { ConfigurationError, Secret, type VendorLimits } from '@giftwire/core';
import type { RateLimitStore } from '@giftwire/http';
import type { Dispatcher } from 'undici';
import type { PlacedOrderStore } from './placed-order-store';

export const BUDGETREE_DEFAULT_BASE_URL = 'https://api.budgetree.example';

export interface BudgetreeSettings {
  /** Falls back to `BUDGETREE_CLIENT_ID`. */
  clientId?: string;
  /** Signs every request and buys the token; falls back to `BUDGETREE_CLIENT_SECRET`. */
  clientSecret?: string;
  /** The API user of the OAuth verify step; falls back to `BUDGETREE_USERNAME`. */
  username?: string;
  /** Falls back to `BUDGETREE_PASSWORD`. */
  password?: string;
  /** Falls back to `BUDGETREE_BASE_URL`. */
  baseUrl?: string;
  /** An undici dispatcher: a `MockAgent` in tests, a `ProxyAgent`, or a tuned `Agent`. */
  dispatcher?: Dispatcher;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /**
   * How long a token is used before a new one is bought (default 6 days: Budgetree's last about 7, and a
   * token is refreshed ahead of its expiry rather than after a refused call).
   */
  tokenRefreshAfterMs?: number;
  /** The payment code of `payments[]` on create (default `svc`, the prepaid account). */
  paymentCode?: string;
  /**
   * Currency of the activated cards when neither the cards answer nor a remembered create body names one
   * (default `INR`); falls back to `BUDGETREE_CURRENCY`.
   */
  currency?: string;
  /**
   * Where the create bodies the client sent are kept: a reversal must repeat the original body. Default an
   * in-memory store of the last 10,000; pass a durable one to cancel orders placed by another process.
   */
  placedOrders?: PlacedOrderStore;
  /** Cards asked for per page of the activated cards call (default and most: 500). */
  cardsPageSize?: number;
  /**
   * Replaces the published limits, e.g. `scaleLimits(BUDGETREE_LIMITS, 0.05)` against a time-scaled sandbox.
   * Budgetree publishes no rate limit; rules given here (a shop's own pacing) pace the client's requests.
   */
  limits?: VendorLimits;
  /** Where rate-limit counters live, for rules given in `limits`; share one between processes to share them. */
  rateLimitStore?: RateLimitStore;
  /** Max attempts for safe (idempotent or never-sent) requests; default 3. */
  maxAttempts?: number;
  /** Clock for tokens, `dateAtClient` and `updatedAt`. */
  now?: () => number;
  /** Environment to read fallbacks from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedBudgetreeSettings {
  clientId: string;
  clientSecret: Secret<string>;
  username: string;
  password: Secret<string>;
  baseUrl: string;
  currency: string;
}

function required(value: string | undefined, option: string, variable: string): string {
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(
      `Budgetree ${option} is missing: pass { ${option} } to createBudgetree() or set ${variable}`,
    );
  }
  return value;
}

/** Reads options with environment fallbacks; a missing credential names both the option and the variable. */
export function resolveBudgetreeSettings(settings: BudgetreeSettings): ResolvedBudgetreeSettings {
  const env = settings.env ?? process.env;
  const clientId = required(settings.clientId ?? env.BUDGETREE_CLIENT_ID, 'clientId', 'BUDGETREE_CLIENT_ID');
  const clientSecret = required(
    settings.clientSecret ?? env.BUDGETREE_CLIENT_SECRET,
    'clientSecret',
    'BUDGETREE_CLIENT_SECRET',
  );
  const username = required(settings.username ?? env.BUDGETREE_USERNAME, 'username', 'BUDGETREE_USERNAME');
  const password = required(settings.password ?? env.BUDGETREE_PASSWORD, 'password', 'BUDGETREE_PASSWORD');
  const baseUrl = settings.baseUrl ?? env.BUDGETREE_BASE_URL ?? BUDGETREE_DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigurationError(
      'Budgetree baseUrl must be an absolute URL (option baseUrl or BUDGETREE_BASE_URL)',
    );
  }
  const currency = (settings.currency ?? env.BUDGETREE_CURRENCY ?? 'INR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ConfigurationError(
      'Budgetree currency must be an ISO 4217 code (option currency or BUDGETREE_CURRENCY)',
    );
  }
  return {
    clientId,
    clientSecret: new Secret(clientSecret),
    username,
    password: new Secret(password),
    baseUrl,
    currency,
  };
}
