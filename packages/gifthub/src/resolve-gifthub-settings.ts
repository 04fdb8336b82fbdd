import { ConfigurationError, Secret, type VendorLimits } from '@giftwire/core';
import type { RateLimitStore } from '@giftwire/http';
import type { Dispatcher } from 'undici';

/** Not published by GiftHub; every default here is from NOTES.md and the sandbox follows the same ones. */
export const GIFTHUB_DEFAULT_BASE_URL = 'https://api.gifthub.io';

/**
 * Routes and header names GiftHub does not publish (the create route, the auth header, the webhook secret
 * header), in one place with documented defaults, so a shop can follow GiftHub without a new release.
 */
export interface GiftHubRoutes {
  /** Create a held (unconfirmed) order. Default `POST /order/create` (not published). */
  create: { method: 'POST' | 'PUT'; path: string };
  /** Published: `PUT /order/confirm { orderId }`. */
  confirm: { method: 'POST' | 'PUT'; path: string };
  /** Published: `GET /order/get?orderId=…`. */
  get: { path: string };
  /** `GET /shop/products?pageToken&pageSize&parentId`. */
  products: { path: string };
  /** Header that carries the API key (default `x-api-key`, not published). */
  apiKeyHeader: string;
  /** Header of a webhook that carries the shared secret (default `x-webhook-secret`, not published). */
  webhookSecretHeader: string;
}

export const GIFTHUB_DEFAULT_ROUTES: GiftHubRoutes = {
  create: { method: 'POST', path: '/order/create' },
  confirm: { method: 'PUT', path: '/order/confirm' },
  get: { path: '/order/get' },
  products: { path: '/shop/products' },
  apiKeyHeader: 'x-api-key',
  webhookSecretHeader: 'x-webhook-secret',
};

export interface GiftHubSettings {
  /** Falls back to `GIFTHUB_API_KEY`. */
  apiKey?: string;
  /** Falls back to `GIFTHUB_BASE_URL`, then {@link GIFTHUB_DEFAULT_BASE_URL}. */
  baseUrl?: string;
  /** An undici dispatcher: a `MockAgent` in tests, a `ProxyAgent`, or a tuned `Agent`. */
  dispatcher?: Dispatcher;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Replaces any of {@link GIFTHUB_DEFAULT_ROUTES}. */
  routes?: Partial<GiftHubRoutes>;
  /** The shared secret GiftHub's webhooks carry; falls back to `GIFTHUB_WEBHOOK_SECRET`. */
  webhookSecret?: string;
  /** Replaces {@link GIFTHUB_LIMITS}, e.g. with `scaleLimits(...)` against a time-scaled sandbox. */
  limits?: VendorLimits;
  /** Where rate-limit counters live; share one between processes to share GiftHub's limits. */
  rateLimitStore?: RateLimitStore;
  /** Max attempts for safe (idempotent or never-sent) requests; default 3. */
  maxAttempts?: number;
  /** Clock for `updatedAt` fallbacks and webhook timestamps. */
  now?: () => number;
  /** Environment to read fallbacks from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedGiftHubSettings {
  apiKey: Secret<string>;
  baseUrl: string;
  routes: GiftHubRoutes;
  webhookSecret: Secret<string> | undefined;
}

/** Reads options with environment fallbacks; a missing credential names both the option and the variable. */
export function resolveGiftHubSettings(settings: GiftHubSettings): ResolvedGiftHubSettings {
  const env = settings.env ?? process.env;
  const apiKey = settings.apiKey ?? env.GIFTHUB_API_KEY;
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new ConfigurationError(
      'GiftHub apiKey is missing: pass { apiKey } to createGiftHub() or set GIFTHUB_API_KEY',
    );
  }
  const baseUrl = settings.baseUrl ?? env.GIFTHUB_BASE_URL ?? GIFTHUB_DEFAULT_BASE_URL;
  try {
    new URL(baseUrl);
  } catch {
    throw new ConfigurationError(
      'GiftHub baseUrl must be an absolute URL (option baseUrl or GIFTHUB_BASE_URL)',
    );
  }
  const routes = { ...GIFTHUB_DEFAULT_ROUTES, ...settings.routes };
  return {
    apiKey: new Secret(apiKey),
    baseUrl,
    routes,
    webhookSecret: Secret.from(settings.webhookSecret ?? env.GIFTHUB_WEBHOOK_SECRET),
  };
}
