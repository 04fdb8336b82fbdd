import { formatVendorTime } from './format-vendor-time';
import type { OrderRecord } from './order-lifecycle';

/** Get Order's answer, exactly the docs' shape. Codes and PINs stay null until the card is Sold. */
export function toOrderJson(order: OrderRecord): unknown {
  return {
    orderId: order.orderId,
    requestId: order.requestId,
    items: order.items.map((item) => ({
      brandCode: null,
      productId: item.product.id,
      productFaceValue: item.faceValue.toNumber(),
      quantity: item.quantity,
      pictureUrl: null,
      countryCode: item.product.countryCode,
      currencyCode: item.product.currencyCode,
      cards: item.cards.map((card) => {
        const sold = card.status === 'Sold';
        return {
          id: card.id,
          serialNumber: card.serialNumber,
          cardCode: sold ? card.cardCode : null,
          pin: sold ? card.pin : null,
          expirationDate: card.expirationDate,
          status: card.status,
        };
      }),
    })),
    status: order.status,
    createdDate: formatVendorTime(order.createdAt),
    total: order.charged.sub(order.refunded).toNumber(),
    errorMessage: order.errorMessage,
    orderType: order.orderType,
    currency: order.currency,
  };
}
