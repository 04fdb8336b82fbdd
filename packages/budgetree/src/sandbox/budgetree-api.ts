import { randomBytes } from 'node:crypto';
import {
  createCardFactory,
  createSecretsRegistry,
  D,
  OrderTimeline,
  type SandboxClock,
  type SandboxReply,
  type SandboxRequest,
} from '@giftwire/sandbox-kit';
import { checkSignature } from './check-signature';
import type { SandboxProduct } from './sandbox-catalog';

export type SandboxStatus = 'PENDING' | 'PROCESSING' | 'COMPLETE' | 'CANCELED';

/** What the sandbox does with an order: complete it, never finish it, or cancel it itself. */
export type SandboxOutcome = 'complete' | 'never' | 'canceled';

export interface SandboxCard {
  sku: string;
  productName: string;
  cardNumber: string;
  cardPin: string;
  activationCode: string;
  activationUrl: string;
  amount: string;
  validity: string;
}

/** One order as the sandbox holds it: the vendor's own view (codes in clear). */
export interface SandboxOrder {
  orderId: string;
  refno: string;
  /** The create body exactly as received (a reversal must repeat it). */
  body: Record<string, unknown>;
  status: SandboxStatus;
  createdAt: number;
  currency: string;
  cardsRequested: number;
  cards: SandboxCard[];
  /** Charged at PROCESSING (payment received), refunded when reversed; null before. */
  charged: string | null;
  total: string;
  /** When a reversal was accepted, and whether it has finished. */
  reversal?: { requestedAt: number; done: boolean };
}

export interface ResolvedSandboxOptions {
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  clock: SandboxClock;
  tokenTtlMs: number;
  maxClockSkewMs: number;
  processingAfterMs: number;
  /** A function draws each order's delay (benchmarks settle orders at random moments). */
  completeAfterMs: number | (() => number);
  reversalAfterMs: number;
  /** The window in sandbox-clock ms, and the minutes the status answer shows for it. */
  cancelWindowMs: number;
  cancelWindowMinutes: number;
  outcome: (refno: string) => SandboxOutcome;
  catalog: readonly SandboxProduct[];
}

type Step = 'processing' | 'complete' | 'canceled' | 'reversed';

const MAX_REFNO = 55;
const MAX_PAGE = 500;
const DECIMAL = /^\d+(\.\d{1,2})?$/;

const failure = (status: number, code: number, message: string, messages: string[] = []): SandboxReply => ({
  status,
  body: { code, message, messages },
});

const FIREWALL_PAGE =
  '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Access denied</h1>' +
  '<p>Your address is not on the allowlist of this service.</p></body></html>';

/** Budgetree's behaviour: OAuth, signatures, create, status, cards, reversal, on a timed lifecycle. */
export class BudgetreeApi {
  readonly orders = new Map<string, SandboxOrder>();
  readonly secrets = createSecretsRegistry({ normalize: (refno) => refno.toLowerCase() });
  readonly timeline: OrderTimeline<{ order: SandboxOrder; step: Step }>;
  readonly #cards = createCardFactory();
  readonly #codes = new Map<string, number>();
  readonly #tokens = new Map<string, number>();
  #nextOrderId = 333336022;
  #firewall = 0;
  verifyCalls = 0;
  tokenCalls = 0;
  /** Requests answered 401 for a token, a signature or a stale `dateAtClient`. */
  unauthorized = 0;

  constructor(readonly options: ResolvedSandboxOptions) {
    this.timeline = new OrderTimeline({
      clock: options.clock,
      apply: ({ order, step }) => this.#apply(order, step),
    });
  }

  get now(): number {
    return this.options.clock.now();
  }

  advance(): void {
    this.timeline.advance();
  }

  /** The next `times` requests are refused by the "firewall" with an HTML page, before the API sees them. */
  blockNext(times: number): void {
    this.#firewall += times;
  }

  /** Every token issued so far (expired ones too), for leak scans. */
  readonly issuedTokens: string[] = [];

  /** Every token stops working at once, as after a revocation. */
  expireTokens(): void {
    this.#tokens.clear();
  }

  /** Refusals at the door: the firewall's HTML 403, then the bearer token (OAuth routes need none). */
  authorize(path: string, authorization: string | undefined): SandboxReply | undefined {
    if (this.#firewall > 0) {
      this.#firewall -= 1;
      return { status: 403, text: FIREWALL_PAGE };
    }
    if (path.startsWith('/oauth2/')) return undefined;
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expiresAt = token === undefined ? undefined : this.#tokens.get(token);
    if (expiresAt === undefined || this.now >= expiresAt) {
      this.unauthorized += 1;
      return failure(401, 401, 'OAuth token is missing, invalid or expired');
    }
    return undefined;
  }

  /** `dateAtClient` fresh and the signature right, over exactly the request that arrived. */
  checkSigned(req: SandboxRequest): SandboxReply | undefined {
    const sentAt = Date.parse(String(req.headers.dateatclient ?? ''));
    if (!Number.isFinite(sentAt) || Math.abs(this.now - sentAt) > this.options.maxClockSkewMs) {
      this.unauthorized += 1;
      return failure(401, 401, 'dateAtClient is missing or stale');
    }
    const url = `http://${req.headers.host}${req.url.pathname}${req.url.search}`;
    const signed = checkSignature({
      secret: this.options.clientSecret,
      method: req.method,
      url,
      body: req.method === 'GET' ? undefined : req.body,
      signature: String(req.headers.signature ?? ''),
    });
    if (signed) return undefined;
    this.unauthorized += 1;
    return failure(401, 401, 'Invalid signature');
  }

  verify(body: unknown): SandboxReply {
    this.verifyCalls += 1;
    const b = (body ?? {}) as Record<string, unknown>;
    const o = this.options;
    if (b.clientId !== o.clientId || b.username !== o.username || b.password !== o.password) {
      return failure(401, 401, 'Invalid credentials');
    }
    const code = randomBytes(16).toString('hex');
    this.#codes.set(code, this.now + 5 * 60_000);
    return { status: 200, body: { authorizationCode: code } };
  }

  token(body: unknown): SandboxReply {
    this.tokenCalls += 1;
    const b = (body ?? {}) as Record<string, unknown>;
    const code = typeof b.authorizationCode === 'string' ? b.authorizationCode : '';
    const codeValid = (this.#codes.get(code) ?? 0) > this.now;
    this.#codes.delete(code);
    if (b.clientId !== this.options.clientId || b.clientSecret !== this.options.clientSecret || !codeValid) {
      return failure(401, 401, 'Invalid client or authorization code');
    }
    const token = randomBytes(24).toString('hex');
    this.#tokens.set(token, this.now + this.options.tokenTtlMs);
    this.issuedTokens.push(token);
    return { status: 200, body: { token } };
  }

  create(body: unknown): SandboxReply {
    this.advance();
    const problems = this.#validate(body);
    if (problems.refusal) return problems.refusal;
    const b = body as {
      refno: string;
      products: { sku: string; price: string | number; qty: number; currency: string }[];
      syncOnly?: boolean;
    };
    if (this.orders.has(b.refno.toLowerCase())) return failure(400, 5313, 'Refno already exists');
    const order: SandboxOrder = {
      orderId: String(this.#nextOrderId++),
      refno: b.refno,
      body: structuredClone(body) as Record<string, unknown>,
      status: 'PENDING',
      createdAt: this.now,
      currency: b.products[0]!.currency,
      cardsRequested: b.products.reduce((n, p) => n + p.qty, 0),
      cards: [],
      charged: null,
      total: problems.total,
    };
    this.orders.set(b.refno.toLowerCase(), order);
    if (b.syncOnly === true) {
      this.#apply(order, 'processing');
      this.#apply(order, 'complete');
      return {
        status: 201,
        body: {
          status: order.status,
          orderId: order.orderId,
          refno: order.refno,
          currency: order.currency,
          cancel: this.#cancelField(order),
          cards: order.cards,
        },
      };
    }
    const o = this.options;
    this.timeline.schedule(order.createdAt + o.processingAfterMs, { order, step: 'processing' });
    const outcome = o.outcome(order.refno);
    if (outcome !== 'never') {
      const step = outcome === 'canceled' ? 'canceled' : 'complete';
      this.timeline.schedule(
        order.createdAt +
          Math.max(
            typeof o.completeAfterMs === 'number' ? o.completeAfterMs : o.completeAfterMs(),
            o.processingAfterMs,
          ),
        {
          order,
          step,
        },
      );
    }
    return {
      status: 202,
      body: {
        status: 'PROCESSING',
        orderId: order.orderId,
        refno: order.refno,
        currency: order.currency,
        payments: b.products.length ? [{ code: 'svc', amount: order.total }] : [],
      },
    };
  }

  status(refno: string): SandboxReply {
    this.advance();
    const order = this.orders.get(refno.toLowerCase());
    if (!order) return failure(400, 5320, 'Order not available');
    const word = order.status.charAt(0) + order.status.slice(1).toLowerCase();
    return {
      status: 200,
      body: {
        status: order.status,
        statusLabel: `Budgetree ${word}`,
        orderId: order.orderId,
        refno: order.refno,
        cancel: this.#cancelField(order),
      },
    };
  }

  cards(orderId: string, query: URLSearchParams): SandboxReply {
    this.advance();
    const order = [...this.orders.values()].find((o) => o.orderId === orderId);
    if (!order) return failure(400, 5320, 'Order not available');
    const offset = Number(query.get('offset') ?? 0);
    const limit = Number(query.get('limit') ?? 100);
    if (
      !Number.isInteger(offset) ||
      offset < 0 ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_PAGE
    ) {
      return failure(400, 5300, 'Validation failed', [`offset must be ≥ 0; limit from 1 to ${MAX_PAGE}`]);
    }
    if (order.status === 'CANCELED') return failure(410, 5322, 'Order is cancelled');
    if (order.status !== 'COMPLETE') return failure(409, 5321, 'Cards are not activated yet');
    return {
      status: 200,
      body: {
        orderId: order.orderId,
        refno: order.refno,
        offset,
        limit,
        total: order.cards.length,
        currency: order.currency,
        cards: order.cards.slice(offset, offset + limit),
      },
    };
  }

  reverse(body: unknown): SandboxReply {
    this.advance();
    const refno = (body as { refno?: unknown } | undefined)?.refno;
    const order = typeof refno === 'string' ? this.orders.get(refno.toLowerCase()) : undefined;
    if (!order) return failure(400, 5320, 'Order not available');
    if (canonical(body) !== canonical(order.body)) {
      return failure(400, 10466, 'Reversal request does not match the original order');
    }
    if (order.status === 'CANCELED') {
      return { status: 200, body: { status: 'CANCELED', orderId: order.orderId, refno: order.refno } };
    }
    if (order.reversal) return failure(400, 8221, 'Reversal already in progress');
    if (!this.#cancelAllowed(order)) return failure(400, 10467, 'Cancellation window has expired');
    order.reversal = { requestedAt: this.now, done: false };
    this.timeline.schedule(this.now + this.options.reversalAfterMs, { order, step: 'reversed' });
    return {
      status: 202,
      body: { status: 'REVERSAL_IN_PROGRESS', orderId: order.orderId, refno: order.refno },
    };
  }

  #cancelAllowed(order: SandboxOrder): boolean {
    return (
      order.status !== 'CANCELED' &&
      order.reversal === undefined &&
      this.now < order.createdAt + this.options.cancelWindowMs
    );
  }

  #cancelField(order: SandboxOrder) {
    return { allowed: this.#cancelAllowed(order), allowedWithIn: this.options.cancelWindowMinutes };
  }

  #apply(order: SandboxOrder, step: Step): void {
    if (order.status === 'CANCELED') return;
    // A reversal under way stops the order from completing: it ends CANCELED.
    if (order.reversal && step !== 'reversed') return;
    switch (step) {
      case 'processing':
        if (order.status !== 'PENDING') return;
        order.status = 'PROCESSING';
        order.charged = order.total;
        return;
      case 'complete':
        if (order.status === 'COMPLETE') return;
        order.status = 'COMPLETE';
        order.charged = order.total;
        order.cards = this.#issueCards(order);
        return;
      case 'canceled':
      case 'reversed':
        order.status = 'CANCELED';
        if (order.charged !== null) order.charged = '0';
        if (order.reversal) order.reversal.done = true;
        return;
    }
  }

  #issueCards(order: SandboxOrder): SandboxCard[] {
    const products = (order.body.products ?? []) as { sku: string; price: string | number; qty: number }[];
    const validity = new Date(order.createdAt + 365 * 86_400_000).toISOString();
    return products.flatMap((p) =>
      Array.from({ length: p.qty }, () => {
        const card: SandboxCard = {
          sku: p.sku,
          productName: this.options.catalog.find((c) => c.sku === p.sku)?.name ?? p.sku,
          cardNumber: this.#cards.code(8).toUpperCase(),
          cardPin: this.#cards.pin(100_000, 1_000_000),
          activationCode: this.#cards.code(6),
          activationUrl: this.#cards.claimUrl('https://sandbox.budgetree.example/activate'),
          amount: D(String(p.price)).toFixed(2),
          validity,
        };
        this.secrets.record(order.refno, {
          code: card.cardNumber,
          pin: card.cardPin,
          url: card.activationUrl,
          activationCode: card.activationCode,
        });
        return card;
      }),
    );
  }

  /** Budgetree's checks of a create body; `total` is what the single payment must be. */
  #validate(body: unknown): { refusal?: SandboxReply; total: string } {
    const bad = (...messages: string[]) => ({
      refusal: failure(400, 5300, 'Validation failed', messages),
      total: '0',
    });
    if (typeof body !== 'object' || body === null) return bad('body must be a JSON object');
    const b = body as Record<string, unknown>;
    if (typeof b.refno !== 'string' || b.refno.length === 0 || b.refno.length > MAX_REFNO) {
      return bad(`refno must be 1 to ${MAX_REFNO} characters`);
    }
    if (b.deliveryMode !== 'API') return bad('deliveryMode must be API');
    if (!Array.isArray(b.products) || b.products.length === 0) return bad('products must not be empty');
    let total = D(0);
    let currency: string | undefined;
    for (const [i, raw] of (b.products as unknown[]).entries()) {
      const p = (raw ?? {}) as Record<string, unknown>;
      const product = this.options.catalog.find((c) => c.sku === p.sku);
      if (!product) return bad(`products.${i}.sku is unknown`);
      if (product.available === false) {
        return { refusal: failure(400, 5301, 'Product is not available'), total: '0' };
      }
      const price = String(p.price ?? '');
      if (!DECIMAL.test(price)) return bad(`products.${i}.price must be a decimal with at most 2 places`);
      if (D(price).lt(product.min) || D(price).gt(product.max)) {
        return bad(`products.${i}.price must be from ${product.min} to ${product.max}`);
      }
      if (p.currency !== product.currency) return bad(`products.${i}.currency must be ${product.currency}`);
      if (currency !== undefined && p.currency !== currency) return bad('one currency per order');
      currency = product.currency;
      if (typeof p.qty !== 'number' || !Number.isInteger(p.qty) || p.qty < 1) {
        return bad(`products.${i}.qty must be a positive integer`);
      }
      total = total.plus(D(price).times(p.qty));
    }
    const payments = b.payments as { code?: unknown; amount?: unknown }[] | undefined;
    if (!Array.isArray(payments) || payments.length !== 1 || typeof payments[0]?.code !== 'string') {
      return bad('payments must hold one payment');
    }
    const paid = String(payments[0].amount ?? '');
    if (!/^\d+(\.\d+)?$/.test(paid) || !D(paid).eq(total))
      return bad('payments.0.amount must equal the order total');
    return { total: total.toFixed(2) };
  }
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}
