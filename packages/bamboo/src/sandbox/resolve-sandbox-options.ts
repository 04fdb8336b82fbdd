import { defaultRateLimits, type RateLimits } from './bamboo-rate-rules';
import { defaultFxRates } from './default-fx-rates';
import type { ErrorShape } from './error-body';
import type { LifecycleScenario, Outcome, OutcomeInput } from './order-lifecycle';
import { type AccountSeed, sandboxAccounts } from './sandbox-accounts';
import { type BrandSeed, sandboxCatalog } from './sandbox-catalog';

export interface BambooSandboxOptions {
  /** Default 0: a free port. The sandbox always listens on 127.0.0.1. */
  port?: number;
  /** Default 'sandbox-client'. */
  clientId?: string;
  /** Default 'sandbox-secret'. */
  clientSecret?: string;
  /** The environment these credentials belong to (default 'sandbox'): decides valid accounts and orderType. */
  environment?: 'sandbox' | 'live';
  /** `false` answers every Place Order with UserNotEnabled. */
  ordersEnabled?: boolean;
  /** Default {@link sandboxAccounts}. */
  accounts?: AccountSeed[];
  /** Default {@link sandboxCatalog}. */
  catalog?: BrandSeed[];
  /** `FROM:TO` → decimal string; default {@link defaultFxRates}. Replaces the defaults when given. */
  fxRates?: Record<string, string>;
  /** Everything time-based reads this (default `Date.now`), so a fake clock drives status and rate rules. */
  clock?: { now(): number };
  /** The sandbox's own copy of Bamboo's published limits (default {@link defaultRateLimits}). */
  limits?: Partial<RateLimits>;
  /**
   * Multiplies the rate rules' durations (default 1): `0.05` runs Bamboo's 500 ms spacing and one-minute
   * window twenty times faster, for a client whose limits are scaled the same way.
   */
  timeScale?: number;
  scenario?: {
    /** Created → Processing (default 100 ms). */
    processingAfterMs?: number;
    /** → final (default 300 ms). */
    settleAfterMs?: number | ((order: OutcomeInput) => number);
    /** Default: every order Succeeded. */
    outcome?: (order: OutcomeInput) => Outcome;
    /** Cards per order that sit in Paused from settle until `pausedForMs` later (default 0). */
    pausedCards?: number;
    /** Default 1000 ms. */
    pausedForMs?: number;
    /** Shape of 400/404/429 bodies (default 'errors'). */
    errorShape?: ErrorShape;
  };
  /** Initial callback settings; `url` is used for the environment of the credentials. */
  notification?: {
    url?: string;
    secretKey?: string;
    /** Pauses before retries of a failed delivery (default [100, 400, 1600]). */
    retryDelaysMs?: number[];
  };
  /** Svix-style delivery of the same event, signed with `whsec_<base64>`. */
  svix?: { url: string; secret: string };
}

export interface ResolvedSandboxOptions {
  port: number;
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'live';
  ordersEnabled: boolean;
  accounts: readonly AccountSeed[];
  catalog: readonly BrandSeed[];
  fxRates: Readonly<Record<string, string>>;
  clock: { now(): number };
  limits: RateLimits;
  timeScale: number;
  scenario: LifecycleScenario;
  errorShape: ErrorShape;
  notification: { url: string | null; secretKey: string | null; retryDelaysMs: readonly number[] };
  svix: { url: string; secret: string } | undefined;
}

export function resolveSandboxOptions(options: BambooSandboxOptions = {}): ResolvedSandboxOptions {
  const scenario = options.scenario ?? {};
  const limits = { ...defaultRateLimits, ...options.limits };
  for (const [name, value] of Object.entries(limits)) nonNegative(`limits.${name}`, value);
  const resolved: ResolvedSandboxOptions = {
    port: options.port ?? 0,
    clientId: options.clientId ?? 'sandbox-client',
    clientSecret: options.clientSecret ?? 'sandbox-secret',
    environment: options.environment ?? 'sandbox',
    ordersEnabled: options.ordersEnabled ?? true,
    accounts: options.accounts ?? sandboxAccounts,
    // The seeds are read once into the catalog's own state, so the shared default is never mutated.
    catalog: options.catalog ?? sandboxCatalog,
    fxRates: options.fxRates ?? defaultFxRates,
    clock: options.clock ?? { now: () => Date.now() },
    limits,
    timeScale: positive('timeScale', options.timeScale ?? 1),
    scenario: {
      processingAfterMs: nonNegative('scenario.processingAfterMs', scenario.processingAfterMs ?? 100),
      settleAfterMs:
        typeof scenario.settleAfterMs === 'function'
          ? scenario.settleAfterMs
          : nonNegative('scenario.settleAfterMs', scenario.settleAfterMs ?? 300),
      pausedCards: nonNegative('scenario.pausedCards', scenario.pausedCards ?? 0),
      pausedForMs: nonNegative('scenario.pausedForMs', scenario.pausedForMs ?? 1000),
      outcome: scenario.outcome,
    },
    errorShape: scenario.errorShape ?? 'errors',
    notification: {
      url: options.notification?.url ?? null,
      secretKey: options.notification?.secretKey ?? null,
      retryDelaysMs: options.notification?.retryDelaysMs ?? [100, 400, 1600],
    },
    svix: options.svix,
  };
  if (resolved.svix && !resolved.svix.secret.startsWith('whsec_')) {
    throw new TypeError('svix.secret must look like "whsec_<base64>"');
  }
  return resolved;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
  return value;
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}
