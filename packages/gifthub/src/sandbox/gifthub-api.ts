import { randomBytes } from 'node:crypto';
import {
  createCardFactory,
  createSecretsRegistry,
  createWebhookDispatcher,
  D,
  OrderTimeline,
  type SandboxReply,
  type SandboxRequest,
  WalletLedger,
} from '@giftwire/sandbox-kit';
import type { GiftHubSandboxOptions, Outcome, OutcomeInput, RedeemShape } from './gifthub-sandbox-options';
import { redeemJson } from './redeem-json';
import { type ShopItemSeed, sandboxCatalog, sandboxFxRates } from './sandbox-catalog';
import { SandboxPricing } from './sandbox-pricing';
import { wireTime } from './wire-time';

export type OrderState =
  | 'created'
  | 'confirmed'
  | 'processing'
  | 'successful'
  | 'partial'
  | 'failed'
  | 'rejected';

export interface SandboxCard {
  code: string;
  pin?: string;
  link: string;
  serial?: string;
  expirationDate?: string;
}

export interface SandboxLine {
  sku: string;
  item: ShopItemSeed;
  quote: D;
  quantity: number;
  /** Cards issued once final. */
  cards: SandboxCard[];
  /** The page's shape has one link per SKU. */
  link?: string;
}

/** One order as the sandbox holds it; `charged` is in the wallet currency, net of refunds. */
export interface SandboxOrder {
  uid: string;
  reference: string;
  state: OrderState;
  /** Expired while `created`: answered as `rejected`, and a new create under its reference starts afresh. */
  expired: boolean;
  createdAt: number;
  modifiedAt: number;
  expiresAt: number;
  lines: SandboxLine[];
  outcome: Outcome;
  redeemShape: RedeemShape;
  charged: D | null;
}

type Task = { order: SandboxOrder; step: 'processing' | 'final' | 'expire' };

const FINAL: ReadonlySet<OrderState> = new Set(['successful', 'partial', 'failed', 'rejected']);
const INSUFFICIENT_FUNDS = 'You have insufficient funds in your wallet to create this order';
const UID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WALLET = 'wallet';

const fail = (status: number, message: string): SandboxReply => ({ status, body: { message } });

/**
 * GiftHub's behaviour as the sandbox's own copy of it: created orders held until confirmed or expired,
 * a wallet charged on confirm through the page's FX invoice, a timed lifecycle to a final state, redeem data
 * in either published shape, and webhooks after a confirm.
 */
export class GiftHubApi {
  readonly clock: { now(): number };
  readonly wallet = new WalletLedger<string>();
  readonly walletCurrency: string;
  readonly secrets = createSecretsRegistry({ normalize: (ref) => ref.toLowerCase() });
  readonly orders: SandboxOrder[] = [];
  readonly timeline: OrderTimeline<Task>;
  readonly webhooks;
  readonly #byUid = new Map<string, SandboxOrder>();
  readonly #catalog: readonly ShopItemSeed[];
  readonly pricing: SandboxPricing;
  readonly #cards = createCardFactory();
  readonly #options: GiftHubSandboxOptions;

  constructor(options: GiftHubSandboxOptions) {
    this.#options = options;
    this.clock = options.clock ?? { now: () => Date.now() };
    this.#catalog = options.catalog ?? sandboxCatalog;
    this.walletCurrency = (options.wallet?.currency ?? 'EUR').toUpperCase();
    this.wallet.open(WALLET, this.walletCurrency, options.wallet?.balance ?? '100000');
    this.pricing = new SandboxPricing(
      this.walletCurrency,
      options.fxRates ?? sandboxFxRates,
      this.clock.now(),
    );
    this.timeline = new OrderTimeline<Task>({ clock: this.clock, apply: (task) => this.#apply(task) });
    this.webhooks = createWebhookDispatcher({
      retryDelaysMs: options.webhook?.retryDelaysMs ?? [100, 400, 1600],
    });
  }

  advance(): void {
    this.timeline.advance();
  }

  byReference(reference: string): SandboxOrder | undefined {
    const key = reference.toLowerCase();
    for (let i = this.orders.length - 1; i >= 0; i--) {
      const order = this.orders[i]!;
      if (order.reference.toLowerCase() === key && !order.expired) return order;
    }
    return undefined;
  }

  create(request: SandboxRequest): SandboxReply {
    this.advance();
    const body = request.body as { reference?: unknown; products?: unknown } | undefined;
    if (!body || typeof body !== 'object') return fail(400, 'Invalid request body');
    const { reference, products } = body;
    if (typeof reference !== 'string' || reference.trim() === '' || reference.length > 255)
      return fail(400, 'reference is required');
    if (!products || typeof products !== 'object' || Array.isArray(products))
      return fail(400, 'products is required');
    const entries = Object.entries(products as Record<string, unknown>);
    if (entries.length === 0) return fail(400, 'products is required');

    // The order held for this reference is answered as it is: create never makes a second one.
    const held = this.byReference(reference);
    if (held) return { status: 200, body: { message: 'Order already exists', data: this.toJson(held) } };

    const lines: SandboxLine[] = [];
    for (const [sku, value] of entries) {
      const item = this.#catalog.find((i) => i.productId === sku && i.state === 'active');
      if (!item) return fail(400, `Product ${sku} not found`);
      const { quote, quantity } = (value ?? {}) as { quote?: unknown; quantity?: unknown };
      if (typeof quote !== 'number' || !(quote > 0)) return fail(400, `Invalid quote for product ${sku}`);
      const sold =
        item.productType === 'fixed'
          ? quote === item.quote
          : quote >= (item.minQuote ?? 0) && quote <= (item.maxQuote ?? 0);
      if (!sold) return fail(400, `Invalid quote for product ${sku}`);
      if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 100)
        return fail(400, `Invalid quantity for product ${sku}`);
      if (!this.pricing.pays(item.baseCurrency))
        return fail(400, `Product ${sku} cannot be paid from this wallet`);
      lines.push({ sku, item, quote: new D(String(quote)), quantity, cards: [] });
    }

    const now = this.clock.now();
    const input: OutcomeInput = {
      reference,
      skus: lines.map((l) => l.sku),
      cards: lines.reduce((n, l) => n + l.quantity, 0),
    };
    const scenario = this.#options.scenario ?? {};
    const outcome =
      typeof scenario.outcome === 'function' ? scenario.outcome(input) : (scenario.outcome ?? 'successful');
    const redeemShape =
      typeof scenario.redeemShape === 'function'
        ? scenario.redeemShape(input)
        : (scenario.redeemShape ?? 'pins');
    const order: SandboxOrder = {
      uid: newUid(),
      reference,
      state: 'created',
      expired: false,
      createdAt: now,
      modifiedAt: now,
      expiresAt: now + (this.#options.expireAfterMs ?? 15 * 60_000),
      lines,
      outcome,
      redeemShape,
      charged: null,
    };
    this.orders.push(order);
    this.#byUid.set(order.uid, order);
    this.timeline.schedule(order.expiresAt, { order, step: 'expire' });
    return { status: 200, body: { message: 'Order created', data: this.toJson(order) } };
  }

  confirm(request: SandboxRequest): SandboxReply {
    this.advance();
    const orderId = (request.body as { orderId?: unknown } | undefined)?.orderId;
    if (typeof orderId !== 'string' || orderId === '') return fail(400, 'Invalid orderId');
    const order = this.#byUid.get(orderId);
    if (order?.expired) return fail(419, 'The order has expired');
    if (order?.state !== 'created') return fail(404, 'No pending order found with that id');
    const total = this.pricing.total(order, (line) => line.quantity);
    if (this.wallet.get(WALLET)!.balance.lt(total)) return fail(400, INSUFFICIENT_FUNDS);
    this.wallet.debit(WALLET, total);
    order.charged = total;
    const now = this.clock.now();
    order.state = 'confirmed';
    order.modifiedAt = now;
    const scenario = this.#options.scenario ?? {};
    this.timeline.schedule(now + (scenario.processingAfterMs ?? 50), { order, step: 'processing' });
    if (order.outcome !== 'pending') {
      const settle = scenario.settleAfterMs ?? 150;
      this.timeline.schedule(now + (typeof settle === 'number' ? settle : settle()), {
        order,
        step: 'final',
      });
    }
    this.#notify(order);
    return {
      status: 200,
      body: { message: 'Order confirmed successfully', data: { id: order.uid, state: 'confirmed' } },
    };
  }

  get(request: SandboxRequest): SandboxReply {
    this.advance();
    const orderId = request.url.searchParams.get('orderId');
    if (!orderId) return fail(400, 'orderId is required');
    const order = this.#byUid.get(orderId);
    if (!order) return fail(404, 'Order not found');
    return { status: 200, body: { message: 'Your order', data: this.toJson(order) } };
  }

  products(request: SandboxRequest): SandboxReply {
    const params = request.url.searchParams;
    const pageSize = params.has('pageSize') ? Number(params.get('pageSize')) : 20;
    if (!Number.isInteger(pageSize) || pageSize < 5 || pageSize > 50)
      return fail(400, 'pageSize must be between 5 and 50');
    const token = params.get('pageToken');
    const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(offset) || offset < 0) return fail(400, 'Invalid pageToken');
    const parentId = params.get('parentId');
    const items = this.#catalog.filter((i) => !parentId || i.parentId === parentId);
    const page = items.slice(offset, offset + pageSize);
    const next =
      offset + pageSize < items.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : null;
    return { status: 200, body: { nextPageToken: next, result: page.map((i) => ({ ...i })) } };
  }

  isFinal(order: SandboxOrder): boolean {
    return order.expired || FINAL.has(order.state);
  }

  /** The order as Retrieve Order answers it (the page's shape). */
  toJson(order: SandboxOrder): Record<string, unknown> {
    const state: OrderState = order.expired ? 'rejected' : order.state;
    const products: Record<string, unknown> = {};
    for (const line of order.lines) {
      products[line.sku] = {
        request: { quote: line.quote.toNumber(), quantity: line.quantity },
        customerDeal: {
          dealState: 'ACTIVE',
          fee: { amount: 0, adjustmentMode: 'percentage' },
          discount: { amount: 0, adjustmentMode: 'percentage' },
        },
        sku: line.sku,
        shopItem: {
          country: line.item.country,
          quote: line.quote.toNumber(),
          name: line.item.name,
          region: line.item.region,
          productType: line.item.productType,
          baseCurrency: line.item.baseCurrency,
        },
      };
    }
    const delivered = (line: SandboxLine) => (FINAL.has(state) ? line.cards.length : line.quantity);
    const json: Record<string, unknown> = {
      uid: order.uid,
      state,
      products,
      exchangeRates: this.pricing.ratesOf(order),
      invoice: this.pricing.invoice(order, delivered),
      createdDate: wireTime(order.createdAt),
      modifiedDate: wireTime(order.modifiedAt),
      reference: order.reference,
    };
    if (state === 'successful' || state === 'partial') json.redeem = redeemJson(order);
    return json;
  }

  #apply({ order, step }: Task): void {
    const at = this.clock.now();
    if (step === 'expire') {
      if (order.state === 'created') {
        order.expired = true;
        order.modifiedAt = at;
      }
      return;
    }
    if (step === 'processing') {
      if (order.state !== 'confirmed') return;
      order.state = 'processing';
      order.modifiedAt = at;
      return;
    }
    if (FINAL.has(order.state)) return;
    this.#settle(order);
    order.modifiedAt = at;
    this.#notify(order);
  }

  #settle(order: SandboxOrder): void {
    const issue = (line: SandboxLine, count: number) => {
      if (order.redeemShape === 'pins' && count > 0)
        line.link = this.#cards.claimUrl('https://redeem.gifthub.sandbox/r');
      for (let i = 0; i < count; i++) {
        const code = this.#code();
        if (order.redeemShape === 'pins') {
          line.cards.push({ code, link: line.link! });
          this.secrets.record(order.reference, i === 0 ? { code, url: line.link! } : { code });
        } else {
          const card: SandboxCard = {
            code,
            pin: this.#cards.pin(1000, 10_000),
            link: this.#cards.claimUrl('https://redeem.gifthub.sandbox/c'),
            serial: this.#cards.serial(),
            expirationDate: new Date(this.clock.now() + 365 * 86_400_000).toISOString(),
          };
          line.cards.push(card);
          this.secrets.record(order.reference, { code, pin: card.pin!, url: card.link });
        }
      }
    };
    const outcome = order.outcome;
    if (outcome === 'successful') for (const line of order.lines) issue(line, line.quantity);
    if (outcome === 'partial') for (const line of order.lines) issue(line, Math.floor(line.quantity / 2));
    const issued = order.lines.reduce((n, l) => n + l.cards.length, 0);
    const requested = order.lines.reduce((n, l) => n + l.quantity, 0);
    order.state =
      outcome === 'rejected'
        ? 'rejected'
        : issued === 0
          ? 'failed'
          : issued === requested
            ? 'successful'
            : 'partial';
    // What was not delivered is not charged: the wallet gets it back.
    const kept = this.pricing.total(order, (line) => line.cards.length);
    const refund = (order.charged ?? new D(0)).sub(kept);
    if (refund.gt(0)) this.wallet.refund(WALLET, refund);
    order.charged = kept;
  }

  #notify(order: SandboxOrder): void {
    const hook = this.#options.webhook;
    if (!hook) return;
    const header = (hook.header ?? 'x-webhook-secret').toLowerCase();
    const body = JSON.stringify({
      message: 'Order updated',
      data: { uid: order.uid, reference: order.reference, state: order.state },
    });
    this.webhooks.deliver({ url: hook.url, body, headers: () => ({ [header]: hook.secret }) });
  }

  /** One card's code in the page's style (`MV97-QWEK-4EQ5-0082-GRW3`). */
  #code(): string {
    return this.#cards
      .code(10)
      .toUpperCase()
      .replace(/(.{4})(?!$)/g, '$1-');
  }
}

function newUid(): string {
  const bytes = randomBytes(20);
  let uid = '';
  for (const b of bytes) uid += UID_ALPHABET[b % UID_ALPHABET.length];
  return uid;
}
