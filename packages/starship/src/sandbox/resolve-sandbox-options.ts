import type { SandboxClock } from '@giftwire/sandbox-kit';
import { type ProductSeed, sandboxCatalog } from './sandbox-catalog';
import { defaultStarshipRateLimits, type StarshipRateLimits } from './starship-rate-rules';

/**
 * How a sandbox order ends. `PARTIALLY_DELIVERED` stays so; `…_THEN_DELIVERED` / `…_THEN_CANCELLED`
 * converge `convergeAfterMs` later; `STUCK` stays PENDING (Starship's orders can wait for hours).
 */
export type Outcome =
  | 'DELIVERED'
  | 'PARTIALLY_DELIVERED'
  | 'PARTIALLY_DELIVERED_THEN_DELIVERED'
  | 'PARTIALLY_DELIVERED_THEN_CANCELLED'
  | 'FAILED'
  | 'CANCELLED'
  | 'STUCK';

export interface OutcomeInput {
  id: number;
  ref: string | null;
  productId: number;
  quantity: number;
}

export interface StarshipScenario {
  /** PENDING → PROCESSING this long after create (default 200 ms). */
  processingAfterMs?: number;
  /** → the outcome this long after create (default 1 s); a function draws each order's delay. */
  settleAfterMs?: number | (() => number);
  /** Partial → DELIVERED / CANCELLED this long after the partial step (default 1 s). */
  convergeAfterMs?: number;
  /** Default: every order DELIVERED. */
  outcome?: (order: OutcomeInput) => Outcome;
}

export interface StarshipWebhookSettings {
  url: string;
  /** Signs deliveries; default the API secret. */
  secret?: string;
  /** Pauses before each retry; default Starship's 30 s, 2 min, 10 min, 1 h, 6 h (after the first at 0 s). */
  retryDelaysMs?: readonly number[];
}

export interface StarshipSandboxOptions {
  port?: number;
  apiKey?: string;
  apiSecret?: string;
  /** Require `X-Timestamp` / `X-Signature` on every request, as a credential with signing on does. */
  requireSignature?: boolean;
  /** Default `Date.now`; a fake clock makes the lifecycle deterministic. */
  clock?: SandboxClock;
  /** Scales every rate-limit window (0.05: a 10 s burst window lasts 500 ms). Default 1. */
  timeScale?: number;
  /** Replaces the published numbers; `false` turns the limits off (benchmarks). */
  rateLimits?: Partial<StarshipRateLimits> | false;
  scenario?: StarshipScenario;
  /** The wallet: one currency, opening balance (default USD 100000.00). */
  wallet?: { currency?: string; balance?: string };
  catalog?: readonly ProductSeed[];
  webhook?: StarshipWebhookSettings;
  /** What a replayed create answers: `ids` (default: `{ id, ref, status }`) or the `full` order. */
  replayAnswer?: 'ids' | 'full';
  /** How long Starship keeps an idempotency key (24 h), sandbox time. */
  idempotencyKeyTtlMs?: number;
}

export interface ResolvedSandboxOptions {
  port: number;
  apiKey: string;
  apiSecret: string;
  requireSignature: boolean;
  clock: SandboxClock;
  timeScale: number;
  rateLimits: StarshipRateLimits | false;
  scenario: Required<StarshipScenario>;
  wallet: { currency: string; balance: string };
  catalog: readonly ProductSeed[];
  webhook: { url: string; secret: string; retryDelaysMs: readonly number[] } | undefined;
  replayAnswer: 'ids' | 'full';
  idempotencyKeyTtlMs: number;
}

/** Starship's webhook retry schedule after the first attempt at 0 s. */
export const STARSHIP_WEBHOOK_RETRIES_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;

export function resolveSandboxOptions(options: StarshipSandboxOptions): ResolvedSandboxOptions {
  const apiSecret = options.apiSecret ?? 'sandbox-api-secret';
  const timeScale = options.timeScale ?? 1;
  return {
    port: options.port ?? 0,
    apiKey: options.apiKey ?? 'sk_test_sandbox_key',
    apiSecret,
    requireSignature: options.requireSignature ?? false,
    clock: options.clock ?? { now: () => Date.now() },
    timeScale,
    rateLimits:
      options.rateLimits === false ? false : { ...defaultStarshipRateLimits, ...options.rateLimits },
    scenario: {
      processingAfterMs: options.scenario?.processingAfterMs ?? 200,
      settleAfterMs: options.scenario?.settleAfterMs ?? 1_000,
      convergeAfterMs: options.scenario?.convergeAfterMs ?? 1_000,
      outcome: options.scenario?.outcome ?? (() => 'DELIVERED'),
    },
    wallet: {
      currency: options.wallet?.currency ?? 'USD',
      balance: options.wallet?.balance ?? '100000.00',
    },
    catalog: options.catalog ?? sandboxCatalog,
    webhook: options.webhook && {
      url: options.webhook.url,
      secret: options.webhook.secret ?? apiSecret,
      retryDelaysMs:
        options.webhook.retryDelaysMs ??
        STARSHIP_WEBHOOK_RETRIES_MS.map((ms) => Math.max(1, Math.round(ms * timeScale))),
    },
    replayAnswer: options.replayAnswer ?? 'ids',
    idempotencyKeyTtlMs: options.idempotencyKeyTtlMs ?? 24 * 3_600_000,
  };
}
