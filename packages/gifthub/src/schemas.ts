import { z } from 'zod';

/**
 * Small schemas for what GiftHub sends back. Fields we act on are required; the rest are `.nullish()`
 * because we do not control them and a missing region must not fail an order. Money arrives as JSON numbers
 * (`134.11`); each is turned into a decimal string from its shortest round-trip text, never computed with.
 */

export const giftHubTimestampSchema = z.object({
  // zod 4's `.int()` accepts safe integers only, so seconds times 1000 stays exact.
  _seconds: z.number().int(),
  _nanoseconds: z.number().int().min(0).max(999_999_999),
});

const adjustmentSchema = z
  .object({ amount: z.number().nullish(), adjustmentMode: z.string().nullish() })
  .nullish();

export const giftHubProductEntrySchema = z.object({
  request: z.object({ quote: z.number().positive(), quantity: z.number().int().positive() }),
  customerDeal: z
    .object({ dealState: z.string().nullish(), fee: adjustmentSchema, discount: adjustmentSchema })
    .nullish(),
  sku: z.string().nullish(),
  // The shop item repeats the catalog entry; only its currency is read, so only that is checked (the rest is
  // dropped, as `metaData` below).
  shopItem: z.object({ baseCurrency: z.string().nullish() }).nullish(),
});
export type GiftHubProductEntry = z.infer<typeof giftHubProductEntrySchema>;

export const giftHubExchangeRateSchema = z.object({
  targetCurrency: z.string(),
  rate: z.number().positive(),
  modifiedDate: giftHubTimestampSchema.nullish(),
  baseCurrency: z.string(),
});

// `metaData` repeats the exchange rate or the request: not read, so not checked (it is dropped).
const invoiceItemSchema = z.object({
  effect: z.object({ amount: z.number(), currency: z.string() }).nullish(),
  description: z.string().nullish(),
  type: z.string().nullish(),
});

export const giftHubInvoiceSchema = z.object({
  total: z.number(),
  wallet: z.string(),
  records: z
    .array(
      z.object({
        total: z.record(z.string(), z.number()).nullish(),
        sku: z.string().nullish(),
        items: z.array(invoiceItemSchema).nullish(),
      }),
    )
    .nullish(),
  paymentMethod: z.string().nullish(),
  status: z.string().nullish(),
});

/** The vendor's redeem reference: one entry per card. */
export const giftHubRedeemCardSchema = z.object({
  redeemCardCode: z.string().nullish(),
  redeemPin: z.string().nullish(),
  redeemLink: z.string().nullish(),
  redeemSerialNumber: z.string().nullish(),
  expirationDate: z.string().nullish(),
});
export type GiftHubRedeemCard = z.infer<typeof giftHubRedeemCardSchema>;

/**
 * Redeem data of one SKU in either published shape: the page's `redeemPin: [..]` (one code per entry) with
 * one `redeemLink`, or the redeem reference's `cards: [..]`.
 */
export const giftHubRedeemSchema = z.object({
  redeemPin: z.array(z.string()).nullish(),
  redeemLink: z.string().nullish(),
  cards: z.array(giftHubRedeemCardSchema).nullish(),
  currency: z.string().nullish(),
});
export type GiftHubRedeem = z.infer<typeof giftHubRedeemSchema>;

export const giftHubOrderSchema = z.object({
  uid: z.string().min(1),
  state: z.string(),
  reference: z.string().nullish(),
  products: z.record(z.string(), giftHubProductEntrySchema).nullish(),
  exchangeRates: z.array(giftHubExchangeRateSchema).nullish(),
  invoice: giftHubInvoiceSchema.nullish(),
  createdDate: giftHubTimestampSchema.nullish(),
  modifiedDate: giftHubTimestampSchema.nullish(),
  redeem: z.record(z.string(), giftHubRedeemSchema).nullish(),
});
export type GiftHubOrder = z.infer<typeof giftHubOrderSchema>;

/** Retrieve Order and create both answer `{ message, data }`. */
export const giftHubOrderEnvelopeSchema = z.object({
  message: z.string().nullish(),
  data: giftHubOrderSchema,
});

/** Confirm: `{ message: 'Order confirmed successfully', data: { id, state: 'confirmed' } }`. */
export const giftHubConfirmEnvelopeSchema = z.object({
  message: z.string().nullish(),
  // A 200 that does not say the order's new state proves nothing: the order is read instead.
  data: z.object({ id: z.string().nullish(), state: z.string() }),
});

export const giftHubShopItemSchema = z.object({
  productId: z.string().min(1),
  name: z.string().nullish(),
  country: z.string().nullish(),
  state: z.string().nullish(),
  region: z.string().nullish(),
  parentId: z.string().nullish(),
  baseCurrency: z.string().nullish(),
  productType: z.string().nullish(),
  quote: z.number().nullish(),
  minQuote: z.number().nullish(),
  maxQuote: z.number().nullish(),
  brand: z.string().nullish(),
  image: z.string().nullish(),
  description: z.string().nullish(),
});
export type GiftHubShopItem = z.infer<typeof giftHubShopItemSchema>;

export const giftHubProductsPageSchema = z.object({
  nextPageToken: z.string().nullish(),
  result: z.array(giftHubShopItemSchema),
});

/** A webhook hint: only ids and the claimed state are read (the body may carry the whole order). */
export const giftHubWebhookSchema = z.object({
  data: z
    .object({
      uid: z.string().nullish(),
      id: z.string().nullish(),
      reference: z.string().nullish(),
      state: z.string().nullish(),
    })
    .nullish(),
  uid: z.string().nullish(),
  orderId: z.string().nullish(),
  reference: z.string().nullish(),
  state: z.string().nullish(),
  event: z.string().nullish(),
});
