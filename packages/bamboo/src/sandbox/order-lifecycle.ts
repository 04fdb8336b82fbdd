import {
  createCardFactory,
  createSecretsRegistry,
  D,
  type IssuedSecrets,
  OrderTimeline,
} from '@giftwire/sandbox-kit';
import type { CatalogProduct } from './catalog';
import { formatVendorTime } from './format-vendor-time';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export type OrderStatus = 'Created' | 'Processing' | 'Succeeded' | 'Failed' | 'PartialFailed';
export type CardStatus = 'Created' | 'Processing' | 'Paused' | 'Sold' | 'Failed';

export interface OutcomeInput {
  requestId: string;
  products: { productId: number; quantity: number; value: number }[];
}

export type Outcome =
  | 'Succeeded'
  | 'Failed'
  | 'PartialFailed'
  | { status: 'PartialFailed'; failedCards: number };

export interface LifecycleScenario {
  processingAfterMs: number;
  /** A fixed delay, or one chosen per order (e.g. random, for benchmarks of polling). */
  settleAfterMs: number | ((order: OutcomeInput) => number);
  pausedCards: number;
  pausedForMs: number;
  outcome: ((order: OutcomeInput) => Outcome) | undefined;
}

export interface CardRecord {
  readonly id: number;
  readonly serialNumber: string;
  /** Generated at acceptance for cards that will sell; shown to the client only once `status` is Sold. */
  readonly cardCode: string | null;
  readonly pin: string | null;
  readonly expirationDate: string;
  status: CardStatus;
  readonly fate: 'Sold' | 'Paused' | 'Failed';
}

export interface ItemRecord {
  readonly product: CatalogProduct;
  readonly faceValue: D;
  readonly quantity: number;
  /** What one card costs in the account currency: face value × FX rate. */
  readonly unitCharge: D;
  readonly cards: CardRecord[];
}

export interface OrderRecord {
  readonly orderId: number;
  readonly requestId: string;
  readonly accountId: number;
  readonly orderType: 'Sandbox' | 'Live';
  readonly currency: string;
  readonly createdAt: number;
  readonly charged: D;
  readonly items: ItemRecord[];
  readonly totalCards: number;
  status: OrderStatus;
  completedAt: number | null;
  refunded: D;
  errorMessage: string | null;
}

export interface NewOrder {
  requestId: string;
  accountId: number;
  orderType: 'Sandbox' | 'Live';
  currency: string;
  charged: D;
  lines: { product: CatalogProduct; value: D; quantity: number; unitCharge: D }[];
}

type Step = 'processing' | 'settle' | 'release';

/**
 * Stores orders and moves them along Created → Processing → final as the clock passes each step's due time.
 * Refunds for failed cards go to `onRefund` when the cards fail, so `total` is what sold cards cost.
 */
export class OrderLifecycle {
  readonly #orders = new Map<string, OrderRecord>();
  readonly #timeline = new OrderTimeline<{ order: OrderRecord; step: Step }>({
    apply: (task, at) => this.#apply(task.order, task.step, at),
  });
  readonly #cards = createCardFactory();
  readonly #secrets = createSecretsRegistry({ normalize: OrderLifecycle.key });
  #finalized: OrderRecord[] = [];
  readonly #scenario: LifecycleScenario;
  readonly #onRefund: (accountId: number, amount: D) => void;
  #nextOrderId = 7_000_001;
  #nextCardId = 24_153_984;

  constructor(scenario: LifecycleScenario, onRefund: (accountId: number, amount: D) => void) {
    this.#scenario = scenario;
    this.#onRefund = onRefund;
  }

  /** RequestIds are GUIDs, which compare case-insensitively. */
  static key(requestId: string): string {
    return requestId.toLowerCase();
  }

  has(requestId: string): boolean {
    return this.#orders.has(OrderLifecycle.key(requestId));
  }

  get(requestId: string): OrderRecord | undefined {
    return this.#orders.get(OrderLifecycle.key(requestId));
  }

  all(): IterableIterator<OrderRecord> {
    return this.#orders.values();
  }

  create(input: NewOrder, now: number): OrderRecord {
    const totalCards = input.lines.reduce((sum, line) => sum + line.quantity, 0);
    const failed = this.#failedCards(input, totalCards);
    const sold = totalCards - failed;
    const paused = Math.min(Math.max(0, Math.floor(this.#scenario.pausedCards)), sold);

    let index = 0;
    const items: ItemRecord[] = input.lines.map((line) => {
      const cards: CardRecord[] = [];
      for (let i = 0; i < line.quantity; i++, index++) {
        // The first cards pause, the last ones fail: predictable for tests, irrelevant to clients.
        const fate = index < paused ? 'Paused' : index >= sold ? 'Failed' : 'Sold';
        // Card data shaped like the docs' example: 32-hex code, 3–4 digit PIN, UUID serial, a year's expiry.
        const issued = fate !== 'Failed';
        const card: CardRecord = {
          id: this.#nextCardId++,
          serialNumber: this.#cards.serial(),
          cardCode: issued ? this.#cards.code() : null,
          pin: issued ? this.#cards.pin() : null,
          expirationDate: formatVendorTime(now + YEAR_MS),
          status: 'Created',
          fate,
        };
        cards.push(card);
        this.#secrets.record(input.requestId, { code: card.cardCode, pin: card.pin });
      }
      return {
        product: line.product,
        faceValue: line.value,
        quantity: line.quantity,
        unitCharge: line.unitCharge,
        cards,
      };
    });

    const order: OrderRecord = {
      orderId: this.#nextOrderId++,
      requestId: input.requestId,
      accountId: input.accountId,
      orderType: input.orderType,
      currency: input.currency,
      createdAt: now,
      charged: input.charged,
      items,
      totalCards,
      status: 'Created',
      completedAt: null,
      refunded: new D(0),
      errorMessage: null,
    };
    this.#orders.set(OrderLifecycle.key(input.requestId), order);

    const { processingAfterMs } = this.#scenario;
    const settleAfterMs = this.#settleDelay(input);
    if (processingAfterMs < settleAfterMs)
      this.#timeline.schedule(now + processingAfterMs, { order, step: 'processing' });
    this.#timeline.schedule(now + settleAfterMs, { order, step: 'settle' });
    return order;
  }

  /** Applies every transition due by `now`; returns the orders that became final. */
  advance(now: number): OrderRecord[] {
    this.#timeline.advance(now);
    const finalized = this.#finalized;
    this.#finalized = [];
    return finalized;
  }

  /** Codes and PINs issued so far (or for one RequestId); failed cards have none. */
  issuedSecrets(requestId?: string): IssuedSecrets {
    return this.#secrets.issued(requestId);
  }

  #apply(order: OrderRecord, step: Step, at: number): void {
    if (step === 'processing') {
      order.status = 'Processing';
      for (const card of cardsOf(order)) card.status = 'Processing';
    } else if (step === 'settle') {
      if (this.#settle(order, at)) this.#finalized.push(order);
    } else {
      for (const card of cardsOf(order)) if (card.status === 'Paused') card.status = 'Sold';
      this.#finish(order, at);
      this.#finalized.push(order);
    }
  }

  /** Sells, fails or pauses each card; true when the order is final now. */
  #settle(order: OrderRecord, at: number): boolean {
    let refund = new D(0);
    let anyPaused = false;
    for (const item of order.items) {
      for (const card of item.cards) {
        card.status = card.fate;
        if (card.fate === 'Failed') refund = refund.add(item.unitCharge);
        if (card.fate === 'Paused') anyPaused = true;
      }
    }
    if (!refund.isZero()) {
      order.refunded = refund;
      this.#onRefund(order.accountId, refund);
    }
    if (anyPaused) {
      // Paused cards keep the whole order non-final until they are released.
      order.status = 'Processing';
      this.#timeline.schedule(at + this.#scenario.pausedForMs, { order, step: 'release' });
      return false;
    }
    this.#finish(order, at);
    return true;
  }

  #finish(order: OrderRecord, at: number): void {
    let failed = 0;
    for (const card of cardsOf(order)) if (card.status === 'Failed') failed++;
    order.completedAt = at;
    if (failed === 0) {
      order.status = 'Succeeded';
    } else if (failed === order.totalCards) {
      order.status = 'Failed';
      order.errorMessage = 'No card could be purchased; nothing was charged.';
    } else {
      order.status = 'PartialFailed';
      order.errorMessage = `${failed} of ${order.totalCards} cards could not be purchased and were not charged.`;
    }
  }

  #settleDelay(input: NewOrder): number {
    const { settleAfterMs } = this.#scenario;
    if (typeof settleAfterMs === 'number') return settleAfterMs;
    const chosen = settleAfterMs(outcomeInput(input));
    return Number.isFinite(chosen) && chosen >= 0 ? chosen : 0;
  }

  #failedCards(input: NewOrder, totalCards: number): number {
    const outcome = this.#scenario.outcome?.(outcomeInput(input));
    if (outcome === undefined || outcome === 'Succeeded') return 0;
    if (outcome === 'Failed') return totalCards;
    // A PartialFailed needs at least one sold and one failed card; a one-card order can only fail outright.
    const requested =
      outcome === 'PartialFailed' ? Math.floor(totalCards / 2) : Math.floor(outcome.failedCards);
    return Math.min(totalCards, Math.max(1, requested));
  }
}

function* cardsOf(order: OrderRecord): Generator<CardRecord> {
  for (const item of order.items) yield* item.cards;
}

function outcomeInput(input: NewOrder): OutcomeInput {
  return {
    requestId: input.requestId,
    products: input.lines.map((l) => ({
      productId: l.product.id,
      quantity: l.quantity,
      value: l.value.toNumber(),
    })),
  };
}
