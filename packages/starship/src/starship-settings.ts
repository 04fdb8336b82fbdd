import { ConfigurationError, Secret, type VendorLimits } from '@giftwire/core';
import type { RateLimitStore } from '@giftwire/http';
import type { Dispatcher } from 'undici';
import type { StarshipSpeed } from './starship-limits';

export const STARSHIP_DEFAULT_BASE_URL = 'https://api.starshiprewards.com';

export interface StarshipSettings {
  /** Sent as `X-API-Key`; falls back to `STARSHIP_API_KEY`. */
  apiKey?: string;
  /** Sent as `X-API-Secret` and signs requests; falls back to `STARSHIP_API_SECRET`. */
  apiSecret?: string;
  /** Sandbox and live hosts differ; falls back to `STARSHIP_BASE_URL`. */
  baseUrl?: string;
  /** An undici dispatcher: a `MockAgent` in tests, a `ProxyAgent` (Starship allowlists IPs), a tuned `Agent`. */
  dispatcher?: Dispatcher;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /**
   * Signs every request (`X-Timestamp`, `X-Signature`) for credentials that require it; falls back to
   * `STARSHIP_SIGN_REQUESTS` (`true`/`1`). Default off.
   */
  signRequests?: boolean;
  /** Verifies webhooks; falls back to `STARSHIP_WEBHOOK_SECRET`, then to the API secret. */
  webhookSecret?: string;
  /** Starship's answers carry no currency: the wallet's; falls back to `STARSHIP_CURRENCY`, default USD. */
  currency?: string;
  /**
   * How long the products this client orders take, from their catalog `delivery_time`
   * (`starshipSpeedOf`): picks the poll schedule and deadline of `starshipLimitsFor(speed)`. Default
   * `standard` (5–10 minutes), for products whose delivery time is not known.
   */
  speed?: StarshipSpeed;
  /** Replaces the published limits entirely (`speed` is then ignored), e.g. scaled ones against a sandbox. */
  limits?: VendorLimits;
  /** Where rate-limit counters live; share one between processes to share Starship's limits. */
  rateLimitStore?: RateLimitStore;
  /** Added to every window when pacing calls (default 1 ms). */
  rateLimitMarginMs?: number;
  /** Max attempts for safe (idempotent or never-sent) requests; default 3. */
  maxAttempts?: number;
  /**
   * `getOrder({ reference })` without a vendor id pages the order list newest-first, at most this many
   * pages of 100 (default 3): list orders has no `ref` filter, so this is a bounded search, not a lookup.
   */
  searchPages?: number;
  /** Clock for `updatedAt`, request signatures and webhook timestamps. */
  now?: () => number;
  /** Environment to read fallbacks from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedStarshipSettings {
  apiKey: Secret<string>;
  apiSecret: Secret<string>;
  baseUrl: string;
  signRequests: boolean;
  webhookSecret: Secret<string>;
  currency: string;
}

function required(value: string | undefined, option: string, variable: string): string {
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(
      `Starship ${option} is missing: pass { ${option} } to createStarship() or set ${variable}`,
    );
  }
  return value;
}

/** Reads options with environment fallbacks; a missing credential names both the option and the variable. */
export function resolveStarshipSettings(settings: StarshipSettings): ResolvedStarshipSettings {
  const env = settings.env ?? process.env;
  const apiKey = required(settings.apiKey ?? env.STARSHIP_API_KEY, 'apiKey', 'STARSHIP_API_KEY');
  const apiSecret = required(
    settings.apiSecret ?? env.STARSHIP_API_SECRET,
    'apiSecret',
    'STARSHIP_API_SECRET',
  );
  const baseUrl = settings.baseUrl ?? env.STARSHIP_BASE_URL ?? STARSHIP_DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigurationError(
      'Starship baseUrl must be an absolute URL (option baseUrl or STARSHIP_BASE_URL)',
    );
  }
  const currency = (settings.currency ?? env.STARSHIP_CURRENCY ?? 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ConfigurationError(
      'Starship currency must be an ISO 4217 code (option currency or STARSHIP_CURRENCY)',
    );
  }
  const signFlag = env.STARSHIP_SIGN_REQUESTS?.trim().toLowerCase();
  return {
    apiKey: new Secret(apiKey),
    apiSecret: new Secret(apiSecret),
    baseUrl,
    signRequests: settings.signRequests ?? (signFlag === 'true' || signFlag === '1'),
    webhookSecret: new Secret(settings.webhookSecret ?? env.STARSHIP_WEBHOOK_SECRET ?? apiSecret),
    currency,
  };
}
