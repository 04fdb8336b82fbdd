import { z } from 'zod';
import { AccountLedger } from './accounts';
import { Catalog } from './catalog';
import { type BambooReason, errorBody } from './error-body';
import { FxRates } from './fx-rates';
import { Notifier } from './notifications';
import { OrderLifecycle } from './order-lifecycle';
import { toOrderJson } from './order-view';
import { validatePlaceOrder } from './place-order';
import { type RateDecision, RateRules } from './rate-rules';
import type { ResolvedSandboxOptions } from './sandbox-options';

export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Violation {
  kind: 'spacing' | 'per_product';
  at: number;
  requestId?: string;
  productId?: number;
}

const NotificationBodySchema = z.object({
  notificationUrl: z.url({ protocol: /^https?$/ }).nullish(),
  notificationUrlSandbox: z.url({ protocol: /^https?$/ }).nullish(),
  secretKey: z.string().nullish(),
});

/**
 * Bamboo's endpoints without the HTTP around them: each takes parsed input and returns status and body.
 * Due status transitions are applied before anything reads or changes state, so answers follow the clock.
 */
export class BambooApi {
  readonly ledger: AccountLedger;
  readonly catalog: Catalog;
  readonly fx: FxRates;
  readonly lifecycle: OrderLifecycle;
  readonly notifier: Notifier;
  readonly violations: Violation[] = [];
  placeOrderCalls = 0;
  readonly #rules: RateRules;
  readonly #options: ResolvedSandboxOptions;

  constructor(options: ResolvedSandboxOptions) {
    this.#options = options;
    this.ledger = new AccountLedger(options.accounts);
    this.catalog = new Catalog(options.catalog);
    this.fx = new FxRates(options.fxRates);
    this.#rules = new RateRules(options.limits);
    this.lifecycle = new OrderLifecycle(options.scenario, (accountId, amount) =>
      this.ledger.credit(accountId, amount),
    );
    const sandbox = options.environment === 'sandbox';
    this.notifier = new Notifier(
      {
        environment: options.environment,
        svix: options.svix,
        clock: options.clock,
        retryDelaysMs: options.notification.retryDelaysMs,
      },
      {
        notificationUrl: sandbox ? null : options.notification.url,
        notificationUrlSandbox: sandbox ? options.notification.url : null,
        secretKey: options.notification.secretKey,
      },
    );
  }

  /** Applies every transition due by the clock and sends the callbacks of orders that became final. */
  advance(): void {
    for (const order of this.lifecycle.advance(this.#options.clock.now())) this.notifier.notify(order);
  }

  accounts(): ApiReply {
    this.advance();
    return { status: 200, body: this.ledger.toJson() };
  }

  catalogQuery(params: URLSearchParams): ApiReply {
    const result = this.catalog.query(params, this.fx);
    return result.ok
      ? { status: 200, body: result.body }
      : this.#error(400, 'InvalidRequest', result.message);
  }

  /** `body` is undefined when the request body was not JSON. */
  placeOrder(body: unknown): ApiReply {
    this.advance();
    const now = this.#options.clock.now();
    const requestId = readRequestId(body);

    const admitted = this.#rules.admitCall(now);
    if (!admitted.ok) return this.#tooManyRequests(admitted, now, requestId);

    const validation = validatePlaceOrder(body, {
      ordersEnabled: this.#options.ordersEnabled,
      environment: this.#options.environment,
      catalog: this.catalog,
      ledger: this.ledger,
      fx: this.fx,
      orderExists: (id) => this.lifecycle.has(id),
    });
    if (!validation.ok) return this.#error(400, validation.reason, validation.message);
    const draft = validation.draft;

    const perProduct = this.#rules.checkProducts(draft.quantities.keys(), now);
    if (!perProduct.ok) return this.#tooManyRequests(perProduct, now, requestId);

    // Accepted: from here on the order is taken, stock and money included.
    this.#rules.recordOrder(draft.quantities.keys(), now);
    this.ledger.debit(draft.account.id, draft.charge);
    for (const [productId, quantity] of draft.quantities) {
      const product = this.catalog.product(productId);
      if (product && product.count !== null) product.count -= quantity;
    }
    const order = this.lifecycle.create(
      {
        requestId: draft.requestId,
        accountId: draft.account.id,
        orderType: this.#options.environment === 'sandbox' ? 'Sandbox' : 'Live',
        currency: draft.account.currency,
        charged: draft.charge,
        lines: draft.lines,
      },
      now,
    );
    // A zero settle time makes the order final at once, as a very fast vendor would.
    this.advance();
    return { status: 200, body: order.requestId };
  }

  getOrder(requestId: string): ApiReply {
    this.advance();
    const order = this.lifecycle.get(requestId);
    if (!order) return this.#error(404, 'OrderNotFound', `No order with RequestId ${requestId}.`);
    return { status: 200, body: toOrderJson(order) };
  }

  getNotification(): ApiReply {
    return { status: 200, body: this.notifier.settings };
  }

  /** The HTTP form replaces all three settings; a field left out is cleared. */
  setNotification(body: unknown): ApiReply {
    const parsed = NotificationBodySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.#error(400, 'InvalidRequest', `${issue?.path.join('.') || 'body'}: ${issue?.message}`);
    }
    this.notifier.update({
      notificationUrl: parsed.data.notificationUrl ?? null,
      notificationUrlSandbox: parsed.data.notificationUrlSandbox ?? null,
      secretKey: parsed.data.secretKey ?? null,
    });
    return { status: 200, body: this.notifier.settings };
  }

  #tooManyRequests(
    decision: RateDecision & { ok: false },
    now: number,
    requestId: string | undefined,
  ): ApiReply {
    const violation: Violation = { kind: decision.kind, at: now };
    if (requestId !== undefined) violation.requestId = requestId;
    if (decision.productId !== undefined) violation.productId = decision.productId;
    this.violations.push(violation);
    const message =
      decision.kind === 'spacing'
        ? `Place Order calls must be at least ${this.#options.limits.placeOrderSpacingMs} ms apart.`
        : `Too many orders for product ${decision.productId} within ${this.#options.limits.perProductWindowMs} ms.`;
    const reply = this.#error(429, 'TooManyRequests', message);
    reply.headers = { 'retry-after': String(Math.max(1, Math.ceil(decision.retryAfterMs / 1000))) };
    return reply;
  }

  #error(status: number, code: BambooReason | 'TooManyRequests', message: string): ApiReply {
    return { status, body: errorBody(this.#options.errorShape, code, message) };
  }
}

function readRequestId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('RequestId' in body)) return undefined;
  return typeof body.RequestId === 'string' ? body.RequestId : undefined;
}
