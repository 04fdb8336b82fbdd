import type { GiftCardOrder, VendorAdapter, WebhookEvent, WebhookInput } from '@giftwire/core';
import { GiftwireError, normalizeReference, ValidationError } from '@giftwire/core';
import { createVoucherCipher, type EncryptionSettings } from './crypto/voucher-cipher';
import {
  CancelNotAllowedError,
  IdempotencyConflictError,
  OrderNotFoundError,
  RetryNotAllowedError,
  UnknownVendorError,
  WebhooksNotSupportedError,
} from './errors';
import { createEventHub, type FulfillerListener } from './event-hub';
import { advanceOrder } from './fulfillment/advance-order';
import type { Clock, EngineContext, EngineTuning, FulfillerEventName } from './fulfillment/engine-context';
import { mayStillBeSettledByVendor, settleLateOrder } from './fulfillment/late-settlement-step';
import { closedWithoutVendor, vendorOrderChanges, writeTransition } from './fulfillment/record-writer';
import { VENDOR_ORDER_MISMATCH } from './fulfillment/vendor-order-match';
import { createKeyedMutex } from './keyed-mutex';
import { type Logger, redactingLogger, silentLogger } from './logger';
import { ACTIVE_STATES, type AttemptLogEntry, type OrderRecord } from './order-record';
import { type FulfillmentOrder, toFulfillmentOrder, vendorOrderOf } from './order-view';
import { requestHash } from './request-hash';
import { createLocalScheduler } from './scheduler/local-scheduler';
import type { Scheduler, SchedulerHealth } from './scheduler/scheduler';
import type { OrderQuery, OrderStore } from './store/order-store';
import { createEmbeddedOrderStore } from './store/pglite-order-store';
import { parseSubmitInput, type SubmitInput } from './submit-input';
import { checkWithVendor } from './vendor-check';

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

export interface SubmitResult {
  order: FulfillmentOrder;
  /** False when the same request was submitted before under this reference. */
  created: boolean;
}

export interface ListQuery {
  status?: OrderQuery['status'];
  state?: OrderQuery['state'];
  vendor?: string;
  customer?: string;
  cursor?: string;
  limit?: number;
}

export interface WebhookOutcome {
  status: 'accepted' | 'duplicate' | 'unknown_order';
  event: WebhookEvent;
  /** Resolves once the order has been re-fetched; the webhook can be answered before that. */
  processed: Promise<void>;
}

/** What `fulfiller.health()` found: `ok` only when the store answers and the scheduler picks work up. */
export interface FulfillerHealth {
  ok: boolean;
  /** `failing`: the store did not answer a read within `timeoutMs` (unreachable, closed, or hung). */
  store: 'ok' | 'failing';
  /** `stalled`: started, but not picking work up (see the scheduler's own definition). */
  scheduler: SchedulerHealth['state'];
  /** Why the scheduler is stalled, when it says; safe to show (no host, no credential). */
  reason?: string;
}

/** What staff see of one order (`Fulfiller.inspect`): never for customers. */
export interface OrderInspection {
  /** The public view, exactly as `get` shows it. */
  order: FulfillmentOrder;
  /**
   * The vendor order as last recorded, unsealed and in full: codes, PINs and claim URLs as `Secret`s, and the
   * vendor's own free text (raw status words, error messages, serial numbers, card ids). For an order flagged
   * `vendor_order_mismatch` this is the vendor order that was refused — someone else's codes, perhaps.
   */
  vendorOrder?: GiftCardOrder;
  /** The redacted audit trail. */
  attempts: AttemptLogEntry[];
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
  const advance = (reference: string, force = false) => step(reference, force).then(() => undefined);

  async function mustGet(reference: string): Promise<OrderRecord> {
    await ensureInit();
    const record = await store.get(normalizeReference(reference));
    if (!record) throw new OrderNotFoundError(reference);
    return record;
  }

  /** Schedules every active order: on start (a restart resumes all work) and periodically (lost jobs). */
  async function sweep(onlyOverdue: boolean): Promise<void> {
    const now = clock.now();
    for (const state of ACTIVE_STATES) {
      let cursor: string | undefined;
      do {
        const page = await store.list({ state, cursor, limit: 500 });
        for (const record of page.records) {
          const at = record.nextActionAt ?? now;
          if (onlyOverdue && at > now - tuning.sweepIntervalMs) continue;
          await scheduler.schedule(record.reference, at);
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
  }

  async function submit(input: SubmitInput): Promise<SubmitResult> {
    const valid = parseSubmitInput(input, vendors);
    await ensureInit();
    // A repeated submission returns the stored order as it is, whatever the catalog says today.
    if (!(await store.get(valid.request.reference))) {
      await checkWithVendor(vendors.get(valid.vendor)!, valid.request, logger);
    }
    const now = Math.ceil(clock.now());
    const at = new Date(now).toISOString();
    const record: OrderRecord = {
      reference: valid.request.reference,
      vendor: valid.vendor,
      state: 'accepted',
      status: 'pending',
      request: valid.request,
      requestHash: requestHash({
        vendor: valid.vendor,
        request: valid.request,
        shopOrderId: valid.shopOrderId,
        customerId: valid.customerId,
      }),
      placeAttempts: 0,
      pollCount: 0,
      nextActionAt: now,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    if (valid.shopOrderId !== undefined) record.shopOrderId = valid.shopOrderId;
    if (valid.customerId !== undefined) record.customerId = valid.customerId;
    const result = await store.create(record, {
      reference: record.reference,
      at,
      action: 'submit',
      fromState: null,
      toState: 'accepted',
      outcome: 'ok',
      detail: { lines: record.request.lines.length },
    });
    if (!result.created) {
      if (result.record.requestHash !== record.requestHash)
        throw new IdempotencyConflictError(record.reference);
      return { order: view(result.record), created: false };
    }
    logger.info({ reference: record.reference, vendor: record.vendor }, 'order accepted');
    events.emit('order.updated', result.record);
    await scheduler.schedule(record.reference, now);
    return { order: view(result.record), created: true };
  }

  async function handleWebhook(vendor: string, input: WebhookInput): Promise<WebhookOutcome> {
    const adapter = vendors.get(vendor);
    if (!adapter) throw new UnknownVendorError('webhook', vendor, [...vendors.keys()]);
    if (!adapter.parseWebhook) throw new WebhooksNotSupportedError(vendor);
    await ensureInit();
    const event = await adapter.parseWebhook(input);
    const now = clock.now();
    ctx.webhookSeenAt.set(vendor, now);
    // Vendors echo the reference in whatever case they keep it; ours are lower-case.
    const reference = event.reference ? normalizeReference(event.reference) : undefined;
    const record = reference ? await store.get(reference) : undefined;
    const known = record !== undefined && record.vendor === vendor;
    const entry = { vendor, id: event.id, known, receivedAt: new Date(now).toISOString(), event };
    const fresh = await store.recordWebhook(reference ? { ...entry, reference } : entry);
    if (!fresh) return { status: 'duplicate', event, processed: Promise.resolve() };
    if (!known) {
      logger.warn(
        { vendor, eventId: event.id, reference: event.reference },
        'webhook for an unknown order recorded, not acted on',
      );
      return { status: 'unknown_order', event, processed: Promise.resolve() };
    }
    // A hint, not the truth: re-fetch the order now instead of trusting the event's status. An order handed
    // to a person may still be settled by the vendor (after our deadline): its codes are delivered too.
    const processed =
      record.state === 'placed' || record.state === 'placing'
        ? advance(record.reference, true)
        : mayStillBeSettledByVendor(record)
          ? runExclusive(record.reference, () => settleLateOrder(ctx, record.reference, adapter)).catch(
              (error: unknown) =>
                logger.error({ reference: record.reference, err: error }, 'late settlement failed'),
            )
          : Promise.resolve();
    return { status: 'accepted', event, processed };
  }

  async function cancel(input: string): Promise<FulfillmentOrder> {
    const reference = normalizeReference(input);
    return runExclusive(reference, async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const record = await mustGet(reference);
        const adapter = vendors.get(record.vendor);
        const canCancel = Boolean(adapter?.capabilities.cancel && adapter.cancelOrder);
        if (record.state === 'settled') {
          if (record.status === 'cancelled') return view(record);
          throw new CancelNotAllowedError(reference, 'it has already settled');
        }
        if (record.state === 'accepted') {
          // Nothing was sent: close it here.
          const closed = closedWithoutVendor(record, 'cancelled', clock.now());
          const written = await writeTransition(ctx, record, vendorOrderChanges(ctx, record, closed), {
            action: 'cancel',
            outcome: 'ok',
            detail: { sent: false },
          });
          if (written) return view(written);
          continue;
        }
        if (
          record.state === 'needs_attention' &&
          record.attention?.reason === VENDOR_ORDER_MISMATCH &&
          record.sealedOrder === undefined &&
          record.vendorOrderId === undefined
        ) {
          // The vendor refused our only send: its order under this reference is someone else's, and nothing
          // of ours was taken. Closing it here is safe; the foreign order is left alone.
          const closed = closedWithoutVendor(record, 'cancelled', clock.now());
          const written = await writeTransition(
            ctx,
            record,
            { ...vendorOrderChanges(ctx, record, closed), attention: undefined },
            { action: 'cancel', outcome: 'ok', detail: { sent: false, attention: VENDOR_ORDER_MISMATCH } },
          );
          if (written) return view(written);
          continue;
        }
        if (record.state === 'placing') {
          // The placement may have landed: remember the wish and act once it is reconciled.
          const written = await writeTransition(
            ctx,
            record,
            { cancelRequested: true },
            { action: 'cancel', outcome: 'ok', detail: { deferred: true } },
          );
          if (written) return view(written);
          continue;
        }
        if (!canCancel || !adapter)
          throw new CancelNotAllowedError(reference, `${record.vendor} does not support cancelling orders`);
        if (record.state === 'needs_attention')
          throw new CancelNotAllowedError(reference, 'it needs attention; retry it first');
        const written = await writeTransition(
          ctx,
          record,
          { cancelRequested: true, nextActionAt: clock.now() },
          { action: 'cancel', outcome: 'ok' },
        );
        if (!written) continue;
        await advanceOrder(ctx, reference, { force: true });
        return view(await mustGet(reference));
      }
      throw new CancelNotAllowedError(reference, 'the order kept changing; try again');
    });
  }

  async function retry(input: string): Promise<FulfillmentOrder> {
    const reference = normalizeReference(input);
    const record = await mustGet(reference);
    if (record.state === 'needs_attention' && record.attention?.reason === VENDOR_ORDER_MISMATCH) {
      throw new RetryNotAllowedError(
        reference,
        'the vendor order under its reference is not the one this engine sent; resolve it at the vendor',
      );
    }
    if (record.state === 'needs_attention') {
      const adapter = vendors.get(record.vendor);
      const now = clock.now();
      const landed = record.vendorOrderId !== undefined || record.sealedOrder !== undefined;
      const written = await writeTransition(
        ctx,
        record,
        {
          // Never place blindly: an order that may have landed is reconciled by reference first.
          state: landed ? 'placed' : 'placing',
          attention: undefined,
          placeAttempts: 0,
          nextActionAt: now,
          deadlineAt: landed && adapter ? now + adapter.limits.deadlineMs : record.deadlineAt,
        },
        { action: 'retry', outcome: 'ok' },
      );
      return view(written ?? (await mustGet(reference)));
    }
    if (ACTIVE_STATES.includes(record.state)) await advance(reference, true);
    return view(await mustGet(reference));
  }

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
    submit,
    async get(reference) {
      await ensureInit();
      const record = await store.get(normalizeReference(reference));
      return record ? view(record) : undefined;
    },
    async inspect(reference) {
      await ensureInit();
      const key = normalizeReference(reference);
      const record = await store.get(key);
      if (!record) return undefined;
      const inspection: OrderInspection = { order: view(record), attempts: await store.attempts(key) };
      const vendorOrder = vendorOrderOf(record, cipher);
      if (vendorOrder) inspection.vendorOrder = vendorOrder;
      return inspection;
    },
    async list(query = {}) {
      await ensureInit();
      const storeQuery: OrderQuery = {};
      if (query.status) storeQuery.status = query.status;
      if (query.state) storeQuery.state = query.state;
      if (query.vendor) storeQuery.vendor = query.vendor;
      if (query.customer) storeQuery.customerId = query.customer;
      if (query.cursor) storeQuery.cursor = query.cursor;
      if (query.limit) storeQuery.limit = query.limit;
      const page = await store.list(storeQuery);
      return page.nextCursor
        ? { orders: page.records.map(view), nextCursor: page.nextCursor }
        : { orders: page.records.map(view) };
    },
    async attempts(reference) {
      await ensureInit();
      return store.attempts(normalizeReference(reference));
    },
    handleWebhook,
    cancel,
    retry,
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
      await sweep(false);
      sweepTimer = setInterval(() => {
        sweep(true).catch((error: unknown) => logger.error({ err: error }, 'sweep failed'));
      }, tuning.sweepIntervalMs);
      sweepTimer.unref();
      logger.info({ vendors: [...vendors.keys()] }, 'fulfiller started');
    },
    async health(options = {}) {
      const timeoutMs = options.timeoutMs ?? 2_000;
      const [storeOk, schedulerHealth] = await Promise.all([
        within(
          timeoutMs,
          ensureInit().then(() => store.list({ limit: 1 })),
          (err) => logger.warn({ err }, 'health check: the order store failed'),
        ).then((answer) => answer !== undefined),
        running
          ? within(
              timeoutMs,
              scheduler.health?.() ?? Promise.resolve({ state: 'running' } as SchedulerHealth),
            )
          : Promise.resolve<SchedulerHealth>({ state: 'stopped' }),
      ]);
      const schedulerState: SchedulerHealth = schedulerHealth ?? {
        state: 'stalled',
        reason: 'the scheduler did not answer its health check',
      };
      const health: FulfillerHealth = {
        ok: storeOk && schedulerState.state === 'running',
        store: storeOk ? 'ok' : 'failing',
        scheduler: schedulerState.state,
      };
      if (schedulerState.reason !== undefined) health.reason = schedulerState.reason;
      return health;
    },
    stop,
    async close() {
      await stop();
      if (ownsStore) await store.close();
    },
    on: events.on,
  };
}

/** The promise's value, or undefined once it rejected or `ms` passed (its outcome then ignored). */
async function within<T>(
  ms: number,
  promise: Promise<T>,
  onError?: (error: unknown) => void,
): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([
      promise.catch((error: unknown) => {
        onError?.(error);
        return undefined;
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
