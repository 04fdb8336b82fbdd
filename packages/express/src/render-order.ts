import type { Money, OrderFailure, OrderStatus, Voucher } from '@giftwire/core';
import { VOUCHER_SECRET_FIELDS } from '@giftwire/core';
import type {
  AttentionReason,
  FulfillmentOrder,
  FulfillmentState,
  SettlementSummary,
} from '@giftwire/engine';

/** Normalized fields only: a vendor's free text (serials, card ids, raw status words) is never rendered. */
export interface RenderedVoucher {
  status: Voucher['status'];
  expiresAt?: string;
  faceValue: Money;
  code?: string;
  pin?: string;
  /** A second code some vendors issue to activate the card (Budgetree): shown beside the code. */
  activationCode?: string;
  claimUrl?: string;
}

export interface RenderedOrder {
  reference: string;
  vendor: string;
  state: FulfillmentState;
  status: OrderStatus;
  shopOrderId?: string;
  lines: {
    productId: string;
    quantity: number;
    faceValue: Money;
    vouchers: RenderedVoucher[];
  }[];
  charged?: Money;
  failure?: OrderFailure;
  attention?: AttentionReason;
  settlement?: SettlementSummary;
  createdAt: string;
  updatedAt: string;
  /** Says whether codes are in this body, so a client never mistakes "hidden" for "none issued". */
  codes: 'hidden' | 'revealed';
}

/**
 * The order as JSON for the shop's client. Fields are picked one by one (never spread) so that nothing the
 * engine adds later — a customer id, the raw request — leaks by default; codes are revealed only on request.
 */
export function renderOrder(order: FulfillmentOrder, reveal: boolean): RenderedOrder {
  const rendered: Omit<RenderedOrder, 'codes'> = {
    reference: order.reference,
    vendor: order.vendor,
    state: order.state,
    status: order.status,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      faceValue: line.faceValue,
      vouchers: line.vouchers.map((voucher) => renderVoucher(voucher, reveal)),
    })),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
  if (order.shopOrderId !== undefined) rendered.shopOrderId = order.shopOrderId;
  if (order.charged !== undefined) rendered.charged = order.charged;
  if (order.failure !== undefined) rendered.failure = order.failure;
  if (order.attention !== undefined) rendered.attention = order.attention;
  if (order.settlement !== undefined) rendered.settlement = order.settlement;
  return { ...rendered, codes: reveal ? 'revealed' : 'hidden' };
}

function renderVoucher(voucher: Voucher, reveal: boolean): RenderedVoucher {
  const rendered: RenderedVoucher = { status: voucher.status, faceValue: voucher.faceValue };
  if (voucher.expiresAt !== undefined) rendered.expiresAt = voucher.expiresAt;
  if (reveal) {
    for (const field of VOUCHER_SECRET_FIELDS) {
      const secret = voucher[field];
      if (secret) rendered[field] = secret.reveal();
    }
  }
  return rendered;
}

/** How many vouchers a revealed body carries secrets for: the audit line counts, never copies. */
export function revealedVoucherCount(order: FulfillmentOrder): number {
  return order.lines.reduce(
    (sum, line) => sum + line.vouchers.filter((v) => VOUCHER_SECRET_FIELDS.some((field) => v[field])).length,
    0,
  );
}
