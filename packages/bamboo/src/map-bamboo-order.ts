import { type GiftCardOrder, money, type OrderLine, Secret, type Voucher } from '@giftwire/core';
import type { BambooCard, BambooOrder } from './schemas';
import { mapBambooCardStatus, mapBambooOrderStatus } from './status-tables';

export const BAMBOO_VENDOR = 'bamboo';

/**
 * Maps a Get Order body onto the vendor-neutral order. A card's code and PIN are carried only once the
 * card itself is `Sold` (bamboo-get-order.txt: release codes only after the card status is final).
 */
export function mapBambooOrder(order: BambooOrder, now: Date = new Date()): GiftCardOrder {
  const status = mapBambooOrderStatus(order.status);
  const lines: OrderLine[] = (order.items ?? []).map((item) => {
    const faceValue = money(item.productFaceValue, item.currencyCode);
    return {
      productId: String(item.productId),
      quantity: item.quantity,
      faceValue,
      vouchers: (item.cards ?? []).map((card) => mapCard(card, faceValue)),
    };
  });

  const mapped: GiftCardOrder = {
    vendor: BAMBOO_VENDOR,
    reference: order.requestId,
    status: status.status,
    rawStatus: status.raw,
    lines,
    updatedAt: now.toISOString(),
  };
  if (!status.recognized) mapped.unrecognizedStatus = true;
  if (order.orderId !== null && order.orderId !== undefined) mapped.vendorOrderId = String(order.orderId);
  if (order.total !== null && order.total !== undefined && order.currency) {
    mapped.charged = money(order.total, order.currency);
  }
  if (order.createdDate) mapped.placedAt = order.createdDate;
  if (order.errorMessage) {
    mapped.failure = {
      code: status.status === 'failed' ? 'vendor_failed' : 'vendor_partial',
      message: order.errorMessage,
    };
  }
  return mapped;
}

function mapCard(card: BambooCard, faceValue: Voucher['faceValue']): Voucher {
  const status = mapBambooCardStatus(card.status);
  const voucher: Voucher = { status: status.status, rawStatus: status.raw, faceValue };
  if (card.serialNumber) voucher.serial = card.serialNumber;
  if (card.id !== null && card.id !== undefined) voucher.vendorReference = String(card.id);
  if (card.expirationDate) voucher.expiresAt = card.expirationDate;
  if (status.status === 'issued') {
    if (card.cardCode) voucher.code = new Secret(card.cardCode);
    if (card.pin) voucher.pin = new Secret(card.pin);
  }
  return voucher;
}
