import { z } from 'zod';

/**
 * Small schemas for what Bamboo sends back. Fields we act on are required; the rest are `.nullish()`
 * because we do not control them and a missing picture URL must not fail an order.
 */

const idSchema = z.union([z.number(), z.string()]);

export const bambooCardSchema = z.object({
  id: idSchema.nullish(),
  serialNumber: z.string().nullish(),
  cardCode: z.string().nullish(),
  pin: z.string().nullish(),
  expirationDate: z.string().nullish(),
  status: z.string(),
});
export type BambooCard = z.infer<typeof bambooCardSchema>;

export const bambooOrderItemSchema = z.object({
  brandCode: z.string().nullish(),
  productId: idSchema,
  productFaceValue: z.number(),
  quantity: z.number().int(),
  pictureUrl: z.string().nullish(),
  countryCode: z.string().nullish(),
  currencyCode: z.string(),
  cards: z.array(bambooCardSchema).nullish(),
});

export const bambooOrderSchema = z.object({
  orderId: idSchema.nullish(),
  requestId: z.string(),
  items: z.array(bambooOrderItemSchema).nullish(),
  status: z.string(),
  createdDate: z.string().nullish(),
  total: z.number().nullish(),
  errorMessage: z.string().nullish(),
  orderType: z.string().nullish(),
  currency: z.string().nullish(),
});
export type BambooOrder = z.infer<typeof bambooOrderSchema>;

/** Place Order answers with the RequestId as a bare JSON string. */
export const bambooPlaceOrderResponseSchema = z.string().min(1);

export const bambooProductSchema = z.object({
  id: idSchema,
  name: z.string().nullish(),
  minFaceValue: z.number(),
  maxFaceValue: z.number(),
  count: z.number().int().nullish(),
  price: z
    .object({ min: z.number().nullish(), max: z.number().nullish(), currencyCode: z.string().nullish() })
    .nullish(),
  modifiedDate: z.string().nullish(),
});

export const bambooBrandSchema = z.object({
  internalId: idSchema.nullish(),
  name: z.string().nullish(),
  countryCode: z.string().nullish(),
  currencyCode: z.string(),
  description: z.string().nullish(),
  redemptionInstructions: z.string().nullish(),
  terms: z.string().nullish(),
  logoUrl: z.string().nullish(),
  modifiedDate: z.string().nullish(),
  products: z.array(bambooProductSchema).nullish(),
});
export type BambooBrand = z.infer<typeof bambooBrandSchema>;

export const bambooCatalogPageSchema = z.object({
  pageIndex: z.number().int(),
  pageSize: z.number().int(),
  count: z.number().int(),
  items: z.array(bambooBrandSchema).nullish(),
});

export const bambooAccountsSchema = z.object({
  accounts: z.array(
    z.object({
      id: idSchema,
      currency: z.string(),
      balance: z.number(),
      isActive: z.boolean(),
      sandboxMode: z.boolean().nullish(),
    }),
  ),
});

export const bambooNotificationSettingsSchema = z.object({
  notificationUrl: z.string().nullish(),
  notificationUrlSandbox: z.string().nullish(),
  secretKey: z.string().nullish(),
});

/** The notification callback: the secret is echoed in the body rather than signing it. */
export const bambooCallbackSchema = z.object({
  orderId: idSchema.nullish(),
  status: z.string(),
  totalCards: z.number().nullish(),
  createdOn: z.string().nullish(),
  completedOn: z.string().nullish(),
  secretKey: z.string(),
  requestId: z.string().min(1),
});

/** Svix deliveries: Bamboo does not publish the payload; accept the callback's fields at top level or in `data`. */
const svixOrderFields = z.object({
  requestId: z.string().nullish(),
  orderId: idSchema.nullish(),
  status: z.string().nullish(),
});
export const bambooSvixEventSchema = svixOrderFields.extend({
  type: z.string().nullish(),
  eventType: z.string().nullish(),
  data: svixOrderFields.nullish(),
});
