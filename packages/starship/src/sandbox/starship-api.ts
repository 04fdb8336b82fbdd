import type { Money, VendorOperation } from '@giftwire/core';
import {
  createCardFactory,
  createRateGuard,
  createSecretsRegistry,
  createWebhookDispatcher,
  D,
  OrderTimeline,
  type RateGuard,
  type RateViolation,
  type SandboxReply,
  type SandboxRequest,
  WalletLedger,
} from '@giftwire/sandbox-kit';
import {
  idempotencyErrorBody,
  NOT_FOUND_BODY,
  pageErrorBody,
  structuredErrorBody,
  UNAUTHORIZED_BODY,
} from './error-body';
import type { Outcome, ResolvedSandboxOptions } from './resolve-sandbox-options';
import type { ProductSeed } from './sandbox-catalog';
import { starshipRateRules } from './starship-rate-rules';
import { checkRequestSignature, starshipSandboxSignature } from './starship-sandbox-signature';

export type StarshipStatus =
  | 'PENDING'
  | 'PROCESSING'
  | 'DELIVERED'
  | 'PARTIALLY_DELIVERED'
  | 'FAILED'
  | 'CANCELLED';

export interface SandboxVoucher {
  card_number: string;
  pin_code: string | null;
  claim_url: string | null;
  voucher_reference_number: string;
  expires_at: string;
}

/** One order as the sandbox holds it: Starship's own view, codes in clear. */
export interface SandboxOrder {
  id: number;
  ref: string | null;
  transactionId: number;
  productId: number;
  denomination: string;
  quantity: number;
  /** What the wallet is charged for it now, two decimals (refunds taken off). */
  amount: string;
  discount: string;
  status: StarshipStatus;
  placedAt: string;
  /** Issued so far; answered only under DELIVERED / PARTIALLY_DELIVERED. */
  vouchers: SandboxVoucher[];
  outcome: Outcome;
  idempotencyKey: string;
  /** True once nothing more will change. */
  final: boolean;
}

type Step = 'processing' | 'settle' | 'converge';

interface KeyRecord {
  body: string;
  orderId: number;
  at: number;
}

const WITH_VOUCHERS: ReadonlySet<StarshipStatus> = new Set(['DELIVERED', 'PARTIALLY_DELIVERED']);
const WALLET = 'main';

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Canonical JSON of a parsed body: two creates are "the same request" when these match. */
function canonical(body: unknown): string {
  if (Array.isArray(body)) return `[${body.map(canonical).join(',')}]`;
  if (body !== null && typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(body) ?? 'null';
}

/** Starship's rules: orders, idempotency keys, wallet, lifecycle, webhooks, rate limits. */
export class StarshipApi {
  readonly options: ResolvedSandboxOptions;
  readonly wallet = new WalletLedger();
  readonly secrets = createSecretsRegistry({ normalize: (ref) => ref.toLowerCase() });
  readonly webhooks;
  readonly timeline: OrderTimeline<{ order: SandboxOrder; step: Step }>;
  readonly guard: RateGuard<RateViolation> | undefined;
  readonly #orders = new Map<number, SandboxOrder>();
  readonly #keys = new Map<string, KeyRecord>();
  readonly #products: Map<number, ProductSeed>;
  readonly #cards = createCardFactory();
  #nextId = 12345;
  #nextTransaction = 789;

  constructor(options: ResolvedSandboxOptions) {
    this.options = options;
    this.wallet.open(WALLET, options.wallet.currency, options.wallet.balance);
    this.#products = new Map(options.catalog.map((p) => [p.id, p]));
    this.webhooks = createWebhookDispatcher({ retryDelaysMs: options.webhook?.retryDelaysMs ?? [] });
    this.timeline = new OrderTimeline({
      clock: options.clock,
      apply: ({ order, step }) => this.#apply(order, step),
    });
    this.guard =
      options.rateLimits === false
        ? undefined
        : createRateGuard({
            rules: starshipRateRules(options.rateLimits),
            timeScale: options.timeScale,
            body: () => pageErrorBody('rate_limited', 'Too many requests, please retry later'),
          });
  }

  get violations(): readonly RateViolation[] {
    return this.guard?.violations ?? [];
  }

  now(): number {
    return this.options.clock.now();
  }

  advance(): void {
    this.timeline.advance();
  }

  all(): SandboxOrder[] {
    this.advance();
    return [...this.#orders.values()];
  }

  byRef(ref: string): SandboxOrder | undefined {
    const wanted = ref.toLowerCase();
    return this.all().find((o) => o.ref?.toLowerCase() === wanted);
  }

  balance(): string {
    return this.wallet.balanceOf(WALLET);
  }

  /** Auth is checked by the server; this checks signatures and rate limits, then routes. */
  guarded(
    request: SandboxRequest,
    operation: Exclude<VendorOperation, 'any'>,
    orderKey: string | undefined,
    handle: () => SandboxReply,
  ): SandboxReply {
    const now = this.now();
    if (this.options.requireSignature) {
      const ok = checkRequestSignature(
        this.options.apiSecret,
        {
          method: request.method,
          target: request.url.pathname + request.url.search,
          body: request.body === undefined ? '' : JSON.stringify(request.body),
          timestamp: header(request, 'x-timestamp'),
          signature: header(request, 'x-signature'),
        },
        now,
      );
      if (!ok) return { status: 401, body: UNAUTHORIZED_BODY };
    }
    const refused = this.guard?.admit(operation, orderKey === undefined ? {} : { order: orderKey }, now);
    if (refused) return refused.reply;
    this.advance();
    return handle();
  }

  /** The order a create's key already names (for its per-order count), if any. */
  orderIdForKey(key: string | undefined): number | undefined {
    if (key === undefined) return undefined;
    const record = this.#keys.get(key);
    return record && this.now() - record.at < this.options.idempotencyKeyTtlMs ? record.orderId : undefined;
  }

  create(request: SandboxRequest): SandboxReply {
    const key = header(request, 'idempotency-key');
    if (key === undefined || key === '') {
      return {
        status: 400,
        body: idempotencyErrorBody('IDEMPOTENCY_KEY_REQUIRED', 'The Idempotency-Key header is required'),
      };
    }
    if (key.length < 8) {
      return {
        status: 400,
        body: idempotencyErrorBody(
          'IDEMPOTENCY_KEY_TOO_SHORT',
          'Idempotency-Key must be at least 8 characters',
          {
            min_length: 8,
          },
        ),
      };
    }
    if (key.length > 256) {
      return {
        status: 400,
        body: idempotencyErrorBody(
          'IDEMPOTENCY_KEY_TOO_LONG',
          'Idempotency-Key must be at most 256 characters',
          {
            max_length: 256,
          },
        ),
      };
    }
    const body = canonical(request.body);
    const existingId = this.orderIdForKey(key);
    if (existingId !== undefined) {
      const record = this.#keys.get(key)!;
      if (record.body !== body) {
        return {
          status: 422,
          body: idempotencyErrorBody(
            'IDEMPOTENCY_KEY_MISMATCH',
            'This Idempotency-Key was used with a different request body',
            { original_order_id: record.orderId },
          ),
        };
      }
      const order = this.#orders.get(existingId)!;
      const answer =
        this.options.replayAnswer === 'full'
          ? toOrderJson(order, 'ref')
          : { id: order.id, ref: order.ref, status: order.status };
      return { status: 200, body: answer, headers: { 'idempotent-replayed': 'true' } };
    }

    const input = (request.body ?? {}) as Record<string, unknown>;
    const invalid = (field: string, rule: string, message: string): SandboxReply => ({
      status: 422,
      body: structuredErrorBody('E_VALIDATION_FAILURE', 'Validation failure', [{ field, rule, message }]),
    });
    const productId = input.product_id;
    if (typeof productId !== 'number' || !Number.isInteger(productId) || productId <= 0) {
      return invalid('product_id', 'required', 'product_id must be a positive integer');
    }
    const product = this.#products.get(productId);
    if (!product) return invalid('product_id', 'exists', 'product_id does not exist');
    if (product.orderable === false) {
      return {
        status: 422,
        body: structuredErrorBody('PRODUCT_UNAVAILABLE', 'This product is not available for ordering'),
      };
    }
    const denomination = input.denomination;
    if (typeof denomination !== 'string' || !/^\d+\.\d{2}$/.test(denomination)) {
      return invalid('denomination', 'format', 'denomination must be a string with two decimals');
    }
    if (!product.available_denominations.some((d) => new D(d).eq(denomination))) {
      return invalid('denomination', 'in', 'denomination is not available for this product');
    }
    const quantity = input.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
      return invalid('quantity', 'range', 'quantity must be an integer from 1 to 100');
    }
    const ref = input.ref;
    if (ref !== undefined && ref !== null && (typeof ref !== 'string' || ref.length > 255)) {
      return invalid('ref', 'string', 'ref must be a string of at most 255 characters');
    }
    const total = new D(denomination).mul(quantity);
    if (new D(this.balance()).lt(total)) {
      return {
        status: 422,
        body: structuredErrorBody('INSUFFICIENT_BALANCE', 'Insufficient wallet balance'),
      };
    }

    const now = this.now();
    const id = this.#nextId++;
    const order: SandboxOrder = {
      id,
      ref: typeof ref === 'string' ? ref : null,
      transactionId: this.#nextTransaction++,
      productId,
      denomination,
      quantity,
      amount: total.toFixed(2),
      discount: '0.00',
      status: 'PENDING',
      placedAt: rfc3339(now),
      vouchers: [],
      outcome: this.options.scenario.outcome({
        id,
        ref: typeof ref === 'string' ? ref : null,
        productId,
        quantity,
      }),
      idempotencyKey: key,
      final: false,
    };
    // The wallet is debited in PENDING, refunded on FAILED / CANCELLED.
    this.wallet.debit(WALLET, total);
    this.#orders.set(id, order);
    this.#keys.set(key, { body, orderId: id, at: now });
    this.#notify(order, 'order.created');
    if (product.delivery_time === 'INSTANT') {
      // Instant products are answered final at create, vouchers included.
      this.#apply(order, 'settle');
    } else if (order.outcome !== 'STUCK') {
      const { processingAfterMs, settleAfterMs } = this.options.scenario;
      this.timeline.schedule(now + processingAfterMs, { order, step: 'processing' });
      const settle = typeof settleAfterMs === 'number' ? settleAfterMs : settleAfterMs();
      this.timeline.schedule(now + Math.max(settle, processingAfterMs), { order, step: 'settle' });
    }
    return { status: 201, body: toOrderJson(order, 'ref') };
  }

  get(request: SandboxRequest): SandboxReply {
    const id = parseId(request.params.id);
    if (id === undefined) {
      return {
        status: 422,
        body: structuredErrorBody('E_VALIDATION_FAILURE', 'Validation failure', [
          { field: 'id', rule: 'min', message: 'id must be an integer greater than 0' },
        ]),
      };
    }
    const order = this.#orders.get(id);
    if (!order) return { status: 404, body: NOT_FOUND_BODY };
    return { status: 200, body: toOrderJson(order, 'reference_code') };
  }

  list(request: SandboxRequest): SandboxReply {
    const params = request.url.searchParams;
    const page = Number(params.get('page') ?? '1');
    const limit = Number(params.get('limit') ?? '20');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return {
        status: 422,
        body: structuredErrorBody('E_VALIDATION_FAILURE', 'Validation failure', [
          { field: 'limit', rule: 'range', message: 'page must be ≥ 1 and limit from 1 to 100' },
        ]),
      };
    }
    const status = params.get('status')?.toUpperCase();
    const productId = params.get('product_id');
    // Newest first.
    const matching = [...this.#orders.values()]
      .filter((o) => (status ? o.status === status : true))
      .filter((o) => (productId ? String(o.productId) === productId : true))
      .reverse();
    return paged(
      matching.map((o) => toOrderJson(o, 'reference_code')),
      page,
      limit,
    );
  }

  products(request: SandboxRequest): SandboxReply {
    const params = request.url.searchParams;
    const page = Number(params.get('page') ?? '1');
    const perPage = Number(params.get('per_page') ?? params.get('limit') ?? '20');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return {
        status: 422,
        body: structuredErrorBody('INVALID_INPUT', 'page must be ≥ 1 and per_page from 1 to 100'),
      };
    }
    return paged(
      this.options.catalog.map(({ orderable: _orderable, ...product }) => product),
      page,
      perPage,
    );
  }

  summarize(order: SandboxOrder) {
    const delivering = WITH_VOUCHERS.has(order.status);
    const charged: Money = { amount: order.amount, currency: this.options.wallet.currency };
    return {
      id: String(order.id),
      reference: order.ref ?? '',
      status: order.status,
      final: order.final,
      cardsRequested: order.quantity,
      cardsIssued: delivering ? order.vouchers.length : 0,
      charged,
    };
  }

  #issue(order: SandboxOrder, count: number): void {
    const product = this.#products.get(order.productId)!;
    for (let i = 0; i < count; i++) {
      const voucher: SandboxVoucher = {
        card_number: this.#cards.code(8),
        pin_code: product.delivery_type === 'code_with_pin' ? this.#cards.pin(1000, 10_000) : null,
        claim_url:
          product.delivery_type === 'claim_url'
            ? this.#cards.claimUrl('https://redeem.sandbox.starship.invalid')
            : null,
        voucher_reference_number: `REF-${this.#cards.serial()}`,
        expires_at: rfc3339(this.now() + 365 * 24 * 3_600_000),
      };
      order.vouchers.push(voucher);
      this.secrets.record(order.ref ?? String(order.id), {
        code: voucher.card_number,
        pin: voucher.pin_code,
        url: voucher.claim_url,
      });
    }
  }

  #refund(order: SandboxOrder, amount: D): void {
    this.wallet.refund(WALLET, amount);
    order.amount = new D(order.amount).sub(amount).toFixed(2);
  }

  #apply(order: SandboxOrder, step: Step): void {
    if (order.final) return;
    if (step === 'processing') {
      if (order.status !== 'PENDING') return;
      order.status = 'PROCESSING';
      this.#notify(order, 'order.pending');
      return;
    }
    if (step === 'converge') {
      if (order.status !== 'PARTIALLY_DELIVERED') return;
      if (order.outcome === 'PARTIALLY_DELIVERED_THEN_DELIVERED') {
        this.#issue(order, order.quantity - order.vouchers.length);
        order.status = 'DELIVERED';
        order.final = true;
        this.#notify(order, 'order.delivered');
      } else {
        this.#cancel(order);
      }
      return;
    }
    const partialShare = Math.max(1, Math.floor(order.quantity / 2));
    switch (order.outcome) {
      case 'STUCK':
        return;
      case 'DELIVERED':
        this.#issue(order, order.quantity);
        order.status = 'DELIVERED';
        order.final = true;
        this.#notify(order, 'order.delivered');
        return;
      case 'PARTIALLY_DELIVERED':
      case 'PARTIALLY_DELIVERED_THEN_DELIVERED':
      case 'PARTIALLY_DELIVERED_THEN_CANCELLED': {
        if (order.quantity < 2) {
          // One card cannot be delivered in part.
          order.outcome = 'DELIVERED';
          this.#apply(order, 'settle');
          return;
        }
        this.#issue(order, partialShare);
        order.status = 'PARTIALLY_DELIVERED';
        if (order.outcome === 'PARTIALLY_DELIVERED') {
          // Settled in part: the cards never delivered are given back.
          this.#refund(order, new D(order.denomination).mul(order.quantity - partialShare));
          order.final = true;
        } else {
          this.timeline.schedule(this.now() + this.options.scenario.convergeAfterMs, {
            order,
            step: 'converge',
          });
        }
        this.#notify(order, 'order.partially_delivered');
        return;
      }
      case 'FAILED':
        this.#refund(order, new D(order.amount));
        order.status = 'FAILED';
        order.final = true;
        return;
      case 'CANCELLED':
        this.#cancel(order);
        return;
    }
  }

  #cancel(order: SandboxOrder): void {
    this.#refund(order, new D(order.amount));
    order.status = 'CANCELLED';
    order.final = true;
    this.#notify(order, 'order.cancelled');
  }

  /** Signed as Starship signs: hex HMAC-SHA256 of `timestamp + "." + body`, re-signed on each attempt. */
  #notify(order: SandboxOrder, eventType: string): void {
    const hook = this.options.webhook;
    if (!hook) return;
    // A hint only: the order without its vouchers (receivers fetch the order for codes).
    const body = JSON.stringify({
      event_type: eventType,
      data: { ...toOrderJson(order, 'reference_code'), vouchers: [] },
    });
    this.webhooks.deliver({
      url: hook.url,
      body,
      headers: () => {
        const timestamp = String(Math.floor(this.now() / 1000));
        return {
          'x-timestamp': timestamp,
          'x-signature': starshipSandboxSignature(hook.secret, `${timestamp}.${body}`),
        };
      },
    });
  }
}

function header(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseId(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function paged(items: unknown[], page: number, perPage: number): SandboxReply {
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return {
    status: 200,
    body: slice,
    headers: {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total-count': String(items.length),
      'x-total-pages': String(totalPages),
      'x-has-more': String(page < totalPages),
    },
  };
}

/** An order as Starship answers it: create names our ref `ref`, get and list `reference_code`. */
export function toOrderJson(order: SandboxOrder, refField: 'ref' | 'reference_code') {
  return {
    id: order.id,
    [refField]: order.ref,
    transaction_id: order.transactionId,
    amount: order.amount,
    product_id: order.productId,
    denomination: order.denomination,
    quantity: order.quantity,
    discount: order.discount,
    vouchers: WITH_VOUCHERS.has(order.status) ? order.vouchers.map((v) => ({ ...v })) : [],
    status: order.status,
    placed_at: order.placedAt,
  };
}
