import { type GiftCardOrder, type Money, multiplyMoney, sumMoney } from '@giftwire/core';

export interface FailedUnits {
  productId: string;
  quantity: number;
  faceValue: Money;
}

export interface SettlementSummary {
  /** Cards issued and released. */
  issued: number;
  /** Cards that will not be issued. */
  failed: number;
  failedUnits: FailedUnits[];
  /** Face value of the failed cards, per currency: what the shop should refund its customer. */
  notCharged: Money[];
  /** What the vendor charged the shop's account, when it says. */
  charged?: Money;
}

/**
 * Counts a final order's outcome per line. A unit with no issued voucher counts as failed: once the vendor
 * has settled, a card it never produced will not come.
 */
export function summarizeSettlement(order: GiftCardOrder): SettlementSummary {
  let issued = 0;
  const failedUnits: FailedUnits[] = [];
  for (const line of order.lines) {
    const lineIssued = line.vouchers.filter((v) => v.status === 'issued').length;
    issued += lineIssued;
    const missing = line.quantity - lineIssued;
    if (missing > 0)
      failedUnits.push({ productId: line.productId, quantity: missing, faceValue: line.faceValue });
  }
  const byCurrency = new Map<string, Money[]>();
  for (const unit of failedUnits) {
    const total = multiplyMoney(unit.faceValue, unit.quantity);
    byCurrency.set(total.currency, [...(byCurrency.get(total.currency) ?? []), total]);
  }
  const summary: SettlementSummary = {
    issued,
    failed: failedUnits.reduce((sum, u) => sum + u.quantity, 0),
    failedUnits,
    notCharged: [...byCurrency.values()].map((amounts) => sumMoney(amounts)),
  };
  if (order.charged) summary.charged = order.charged;
  return summary;
}
