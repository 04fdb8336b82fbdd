import type { ShopItemSeed } from './sandbox-catalog';

/** How a confirmed order ends: GiftHub's final states, or `pending` (stays `processing`). */
export type Outcome = 'successful' | 'partial' | 'failed' | 'rejected' | 'pending';
/** Which published redeem shape the order's answer uses: the page's `redeemPin[]` or the reference's `cards[]`. */
export type RedeemShape = 'pins' | 'cards';

export interface OutcomeInput {
  reference: string;
  skus: string[];
  cards: number;
}

export interface GiftHubSandboxOptions {
  /** Default 0: a free port. The sandbox always listens on 127.0.0.1. */
  port?: number;
  /** Default 'sandbox-api-key'. */
  apiKey?: string;
  /** Default 'x-api-key' (GiftHub does not publish its auth header). */
  apiKeyHeader?: string;
  /** Everything time-based reads this (default `Date.now`). */
  clock?: { now(): number };
  /** Default {@link sandboxCatalog}. */
  catalog?: readonly ShopItemSeed[];
  /** `EUR:<target>` → decimal string; default {@link sandboxFxRates}. */
  fxRates?: Record<string, string>;
  /** The wallet orders are charged from (default EUR 100000). */
  wallet?: { currency?: string; balance?: string };
  /** A created order not confirmed within this expires: a late confirm answers 419 (default 15 min). */
  expireAfterMs?: number;
  scenario?: {
    /** confirmed → processing (default 50 ms). */
    processingAfterMs?: number;
    /** confirmed → final (default 150 ms). */
    settleAfterMs?: number | (() => number);
    /** Default every order `successful`. */
    outcome?: Outcome | ((order: OutcomeInput) => Outcome);
    /** Default `pins` (the page's shape). */
    redeemShape?: RedeemShape | ((order: OutcomeInput) => RedeemShape);
  };
  /** Where a webhook goes after a confirm and when the order is final, with the shared secret in a header. */
  webhook?: {
    url: string;
    secret: string;
    /** Default 'x-webhook-secret'. */
    header?: string;
    /** Pauses before retries of a failed delivery (default [100, 400, 1600]). */
    retryDelaysMs?: number[];
  };
}
