import type { VendorAdapter, WebhookInput } from '@giftwire/core';
import { GiftwireError, isReference, normalizeReference, ValidationError } from '@giftwire/core';
import { cancelOrder } from './commands/cancel-order';
import { checkHealth, type FulfillerHealth } from './commands/check-health';
import type { CommandContext } from './commands/command-context';
import { handleWebhook, type WebhookOutcome } from './commands/handle-webhook';
import { inspectOrder, type OrderInspection } from './commands/inspect-order';
import { type ListQuery, listOrders } from './commands/list-orders';
import { retryOrder } from './commands/retry-order';
import { type SubmitResult, submitOrder } from './commands/submit-order';
import { sweepOrders } from './commands/sweep-orders';
import { createVoucherCipher, type EncryptionSettings } from './crypto/voucher-cipher';
import { OrderNotFoundError } from './errors';
import { createEventHub, type FulfillerListener } from './event-hub';
import { advanceOrder } from './fulfillment/advance-order';
import type { Clock, EngineContext, EngineTuning, FulfillerEventName } from './fulfillment/engine-context';
import { createSettleTimes } from './fulfillment/settle-times';
import { createKeyedMutex } from './keyed-mutex';
import { type Logger, redactingLogger, silentLogger } from './logger';
import type { AttemptLogEntry, OrderRecord } from './order-record';
import { createLocalScheduler } from './scheduler/local-scheduler';
import type { Scheduler } from './scheduler/scheduler';
import { createEmbeddedOrderStore } from './store/embedded-order-store';
import type { OrderStore } from './store/order-store';
import type { SubmitInput } from './submit-input';
import { type FulfillmentOrder, toFulfillmentOrder } from './to-fulfillment-order';

// The command results are part of the fulfiller's API; they are named here too so callers find them with it.
export type { FulfillerHealth, ListQuery, OrderInspection, SubmitResult, WebhookOutcome };

export interface FulfillerOptions {
  /** The vendor adapters orders may go to, e.g. `[createBamboo({...})]`. */
  vendors: readonly VendorAdapter[];
  /**
   * Where orders live: PostgreSQL (`@giftwire/engine/postgres`) for many instances. Default: the embedded
   * store (PGlite, no server) under `dataDir`.
   */
  store?: OrderStore;
  /** Directory of the default embedded store; default `GIFTWIRE_DATA_DIR` or `./.giftwire`. */
  dataDir?: string;
  /** Keys for voucher secrets at rest (AES-256-GCM). */
  encryption: EncryptionSettings;
  /** Default: an in-process scheduler. Use the pg-boss scheduler to share work between processes. */
  scheduler?: Scheduler;
  clock?: Clock;
  /** pino-compatible; every line is redacted before it reaches it. */
  logger?: Logger;
  tuning?: Partial<EngineTuning>;
}

/** References are case-insensitive everywhere (vendors compare them so): `get(ref.toUpperCase())` finds `ref`. */
export interface Fulfiller {
  /**
   * Validates and stores an order, then places it in the background. Throws a `ValidationError` (nothing
   * stored) when the input is malformed or the vendor does not sell what it asks for — the adapter's
   * `checkOrder` (product, currency, face value) is consulted for a new reference. When the vendor cannot
   * tell (catalog unreachable) the order is stored and checked again before it is sent.
   */
  submit(input: SubmitInput): Promise<SubmitResult>;
  get(reference: string): Promise<FulfillmentOrder | undefined>;
  /**
   * The staff path: the order with the vendor order it holds, unsealed, free text included. Never serve this
   * to customers; their view is `get`. This is how a person looks into an order flagged
   * `vendor_order_mismatch`, whose vendor order `get` and `list` withhold.
   */
  inspect(reference: string): Promise<OrderInspection | undefined>;
  list(query?: ListQuery): Promise<{ orders: FulfillmentOrder[]; nextCursor?: string }>;
  /** The redacted audit trail of one order. */
  attempts(reference: string): Promise<AttemptLogEntry[]>;
  handleWebhook(vendor: string, input: WebhookInput): Promise<WebhookOutcome>;
  /**
   * Cancels where the vendor allows. An order flagged `vendor_order_mismatch` whose only send the vendor
   * refused (the reference was someone else's) holds nothing at the vendor and is closed here as `cancelled`.
   */
  cancel(reference: string): Promise<FulfillmentOrder>;
  /**
   * Takes an order out of `needs_attention` (or wakes any active order) to be tried again now. An order
   * flagged `vendor_order_mismatch` is refused (`RetryNotAllowedError`): it is never re-opened.
   */
  retry(reference: string): Promise<FulfillmentOrder>;
  start(): Promise<void>;
  /**
   * Checks the parts without which no order moves: a read from the store, and the scheduler's own report.
   * Never rejects; each probe gives up after `timeoutMs` (default 2 000), as a hung database must not hang
   * the health check.
   */
  health(options?: { timeoutMs?: number }): Promise<FulfillerHealth>;
  /** Stops taking work; in-flight vendor calls finish and are written before it resolves. */
  stop(): Promise<void>;
  /** Stops, then closes the store if the fulfiller opened it (the default embedded store). */
  close(): Promise<void>;
  on(event: FulfillerEventName, listener: FulfillerListener): () => void;
  readonly running: boolean;
  readonly vendors: readonly string[];
}

const DEFAULT_TUNING: Omit<EngineTuning, 'random'> = {
  maxPlaceAttempts: 6,
  placementGraceMs: 60_000,
  sweepIntervalMs: 30_000,
  webhookPollStretch: 4,
  webhookFreshnessMs: 30 * 60_000,
  settleTimesRefreshMs: 30_000,
};

/**
 * Creates the fulfillment engine: it takes an order from "paid" to "codes delivered" exactly once.
 *
 * @example
 * const fulfiller = createFulfiller({
 *   vendors: [createBamboo()],
 *   store: createEmbeddedOrderStore({ dataDir: './.giftwire' }),
 *   encryption: { keys: { k1: process.env.GIFTWIRE_KEY! }, activeKeyId: 'k1' },
 * });
 * await fulfiller.start();
 * const { order } = await fulfiller.submit({ vendor: 'bamboo', request, customerId: 'cus_1' });
 */
export function createFulfiller(options: FulfillerOptions): Fulfiller {
  const vendors = new Map<string, VendorAdapter>();
  for (const adapter of options.vendors) {
    if (adapter.specificationVersion !== 'v1') {
      throw new ValidationError('fulfiller options', [
        { path: 'vendors', message: `${adapter.vendor} implements an unsupported spec version` },
      ]);
    }
    vendors.set(adapter.vendor, adapter);
  }
  const ownsStore = options.store === undefined;
  const store =
    options.store ??
    createEmbeddedOrderStore({ dataDir: options.dataDir ?? process.env.GIFTWIRE_DATA_DIR ?? '.giftwire' });
  const cipher = createVoucherCipher(options.encryption);
  const clock = options.clock ?? { now: Date.now };
  const logger = redactingLogger(options.logger ?? silentLogger);
  const scheduler = options.scheduler ?? createLocalScheduler({ now: () => clock.now() });
  const tuning: EngineTuning = { ...DEFAULT_TUNING, random: Math.random, ...options.tuning };
  const view = (record: OrderRecord) => toFulfillmentOrder(record, cipher);
  const events = createEventHub(view, logger);
  const { runExclusive, isBusy } = createKeyedMutex();
  const ctx: EngineContext = {
    vendors,
    store,
    scheduler,
    cipher,
    clock,
    logger,
    tuning,
    webhookSeenAt: new Map(),
    settleTimes: createSettleTimes({ store, clock, logger, refreshMs: tuning.settleTimesRefreshMs }),
    emit: events.emit,
    view,
  };

  let running = false;
  let initialized: Promise<void> | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  const ensureInit = () => {
    initialized ??= store.init();
    return initialized;
  };

  /** Resolves true once the order's next step is taken care of, false when even rescheduling it failed. */
  const step = (reference: string, force = false): Promise<boolean> =>
    runExclusive(reference, () => advanceOrder(ctx, reference, { force })).then(
      () => true,
      async (error: unknown) => {
        logger.error({ reference, err: error }, 'order step failed; it will be retried');
        // A failure here is ours (store down, a bug): try again later rather than lose the order.
        return scheduler.schedule(reference, clock.now() + 5_000).then(
          () => true,
          () => false,
        );
      },
    );
  const commands: CommandContext = {
    ...ctx,
    ready: ensureInit,
    runExclusive,
    advance: (reference, force = false) => step(reference, force).then(() => undefined),
    async mustGet(reference) {
      await ensureInit();
      const record = isReference(reference) ? await store.get(normalizeReference(reference)) : undefined;
      if (!record) throw new OrderNotFoundError(reference);
      return record;
    },
  };

  async function stop(): Promise<void> {
    if (!running) return;
    running = false;
    if (sweepTimer) clearInterval(sweepTimer);
    await scheduler.stop();
    logger.info({}, 'fulfiller stopped');
  }

  return {
    get vendors() {
      return [...vendors.keys()];
    },
    get running() {
      return running;
    },
    submit: (input) => submitOrder(commands, input),
    async get(reference) {
      await ensureInit();
      // Anything but a UUID names no order (and may hold bytes PostgreSQL refuses, such as NUL).
      const record = isReference(reference) ? await store.get(normalizeReference(reference)) : undefined;
      return record ? view(record) : undefined;
    },
    inspect: (reference) => inspectOrder(commands, reference),
    list: (query) => listOrders(commands, query),
    async attempts(reference) {
      await ensureInit();
      return isReference(reference) ? store.attempts(normalizeReference(reference)) : [];
    },
    handleWebhook: (vendor, input) => handleWebhook(commands, vendor, input),
    cancel: (reference) => cancelOrder(commands, reference),
    retry: (reference) => retryOrder(commands, reference),
    async start() {
      if (running) return;
      await ensureInit();
      await scheduler.start(async (reference) => {
        // Work already under way for this order here (a webhook re-fetch) writes and schedules the next
        // step itself: waiting behind it would only hold a scheduler slot.
        if (isBusy(reference)) return;
        // Failing the run hands the order back to the scheduler's own retry: with the database gone, the
        // step failed and so did scheduling the next one, and nothing else would carry this order on
        // before the next sweep.
        if (!(await step(reference)))
          throw new GiftwireError('order step failed and could not be rescheduled');
      });
      running = true;
      await sweepOrders(ctx, false);
      sweepTimer = setInterval(() => {
        sweepOrders(ctx, true).catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
      }, tuning.sweepIntervalMs);
      sweepTimer.unref();
      logger.info({ vendors: [...vendors.keys()] }, 'fulfiller started');
    },
    health: (options) => checkHealth(commands, running, options),
    stop,
    async close() {
      await stop();
      if (ownsStore) await store.close();
    },
    on: events.on,
  };
}
