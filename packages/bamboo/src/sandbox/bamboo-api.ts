import {
  createRateGuard,
  FxRates,
  type RateGuard,
  type RateViolation,
  type SandboxReply,
} from '@giftwire/sandbox-kit';
import { z } from 'zod';
import { AccountLedger } from './account-ledger';
import { bambooRateRules } from './bamboo-rate-rules';
import { Catalog } from './catalog';
import { type BambooReason, errorBody } from './error-body';
import { Notifier } from './notifier';
import { OrderLifecycle } from './order-lifecycle';
import type { ResolvedSandboxOptions } from './resolve-sandbox-options';
import { toOrderJson } from './to-order-json';
import { validatePlaceOrder } from './validate-place-order';

type ApiReply = SandboxReply;

/** A rate-rule breach in the kit's words plus Bamboo's: which rule, and the order and product it hit. */
export interface Violation extends RateViolation {
  kind: 'spacing' | 'per_product';
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
  readonly #rules: RateGuard<Violation>;
  readonly #options: ResolvedSandboxOptions;

  constructor(options: ResolvedSandboxOptions) {
    this.#options = options;
    this.ledger = new AccountLedger(options.accounts);
    this.catalog = new Catalog(options.catalog);
    this.fx = new FxRates(options.fxRates);
    this.#rules = createRateGuard<Violation>({
      rules: bambooRateRules(options.limits),
      timeScale: options.timeScale,
      body: (rule, _retryAfterMs, key) =>
        errorBody(
          options.errorShape,
          'TooManyRequests',
          rule.kind === 'spacing'
            ? `Place Order calls must be at least ${rule.intervalMs} ms apart.`
            : `Too many orders for product ${key} within ${rule.kind === 'window' ? rule.windowMs : 0} ms.`,
        ),
      describe: (violation, rule, requestId) => {
        const described: Violation = {
          ...violation,
          kind: rule.name === 'spacing' ? 'spacing' : 'per_product',
        };
        if (typeof requestId === 'string') described.requestId = requestId;
        if (rule.scope === 'product') described.productId = Number(violation.key);
        return described;
      },
    });
    this.lifecycle = new OrderLifecycle(options.scenario, (accountId, amount) =>
      this.ledger.wallet.refund(accountId, amount),
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

  /** Every rate-rule breach so far, in order. */
  get violations(): readonly Violation[] {
    return this.#rules.violations;
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

    const spacing = this.#rules.admit('placeOrder', {}, now, requestId);
    if (spacing) return spacing.reply;

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

    const products = { product: draft.quantities.keys() };
    const perProduct = this.#rules.check('placeOrder', products, now, requestId);
    if (perProduct) return perProduct.reply;

    // Accepted: from here on the order is taken, stock and money included.
    this.#rules.record('placeOrder', { product: draft.quantities.keys() }, now);
    this.ledger.wallet.debit(draft.account.id, draft.charge);
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

  #error(status: number, code: BambooReason | 'TooManyRequests', message: string): ApiReply {
    return { status, body: errorBody(this.#options.errorShape, code, message) };
  }
}

function readRequestId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('RequestId' in body)) return undefined;
  return typeof body.RequestId === 'string' ? body.RequestId : undefined;
}
