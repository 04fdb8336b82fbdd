import type { SandboxOrderSummary } from '@giftwire/sandbox-kit';
import type { CardStatus, OrderRecord, OrderStatus } from './order-lifecycle';

export interface SandboxCard {
  id: number;
  serialNumber: string;
  /** In clear, for tests to compare with what the client delivered; null for cards that fail. */
  cardCode: string | null;
  pin: string | null;
  expirationDate: string;
  status: CardStatus;
}

export interface SandboxOrderItem {
  productId: number;
  productName: string;
  productFaceValue: string;
  quantity: number;
  countryCode: string;
  currencyCode: string;
  /** Cost of one card in the account currency. */
  unitCharge: string;
  cards: SandboxCard[];
}

/** The sandbox's own view of an order, for assertions in tests. Amounts are decimal strings. */
export interface SandboxOrder {
  orderId: number;
  requestId: string;
  accountId: number;
  orderType: 'Sandbox' | 'Live';
  status: OrderStatus;
  createdAt: number;
  completedAt: number | null;
  currency: string;
  /** Debited at acceptance. */
  charged: string;
  /** Credited back for failed cards. */
  refunded: string;
  /** `charged − refunded`: what Get Order reports as `total`. */
  total: string;
  errorMessage: string | null;
  items: SandboxOrderItem[];
}

export function toSandboxOrder(order: OrderRecord): SandboxOrder {
  return {
    orderId: order.orderId,
    requestId: order.requestId,
    accountId: order.accountId,
    orderType: order.orderType,
    status: order.status,
    createdAt: order.createdAt,
    completedAt: order.completedAt,
    currency: order.currency,
    charged: order.charged.toFixed(),
    refunded: order.refunded.toFixed(),
    total: order.charged.sub(order.refunded).toFixed(),
    errorMessage: order.errorMessage,
    items: order.items.map((item) => ({
      productId: item.product.id,
      productName: item.product.name,
      productFaceValue: item.faceValue.toFixed(),
      quantity: item.quantity,
      countryCode: item.product.countryCode,
      currencyCode: item.product.currencyCode,
      unitCharge: item.unitCharge.toFixed(),
      cards: item.cards.map((card) => ({
        id: card.id,
        serialNumber: card.serialNumber,
        cardCode: card.cardCode,
        pin: card.pin,
        expirationDate: card.expirationDate,
        status: card.status,
      })),
    })),
  };
}

const FINAL: ReadonlySet<OrderStatus> = new Set(['Succeeded', 'Failed', 'PartialFailed']);

/** The order in the words every vendor sandbox shares; Bamboo charges at acceptance, so `charged` is set. */
export function toOrderSummary(order: SandboxOrder): SandboxOrderSummary {
  const cards = order.items.flatMap((item) => item.cards);
  return {
    id: String(order.orderId),
    reference: order.requestId,
    status: order.status,
    final: FINAL.has(order.status),
    cardsRequested: cards.length,
    cardsIssued: cards.filter((card) => card.status === 'Sold').length,
    charged: { amount: order.total, currency: order.currency },
  };
}
