import { z } from 'zod';

/**
 * Small schemas for what Budgetree sends back. Fields we act on are required; the rest are `.nullish()`
 * because we do not control them. Amounts arrive as numbers or strings: both are read as decimal text.
 */

const idSchema = z.union([z.string(), z.number()]).transform(String);

export const budgetreeCancelSchema = z.object({
  allowed: z.boolean().nullish(),
  /** Minutes after placement within which the order can be reversed; the page types it as a string. */
  allowedWithIn: z.union([z.number(), z.string()]).nullish(),
});

/** The status answer (budgetree-order-status.txt, "Sample Response 200"). */
export const budgetreeOrderStatusSchema = z.object({
  status: z.string().nullish(),
  statusLabel: z.string().nullish(),
  orderId: idSchema.nullish(),
  refno: z.string().nullish(),
  cancel: budgetreeCancelSchema.nullish(),
});
export type BudgetreeOrderStatus = z.infer<typeof budgetreeOrderStatusSchema>;

export const budgetreeCardSchema = z.object({
  sku: z.string().nullish(),
  productName: z.string().nullish(),
  cardNumber: z.string().nullish(),
  cardPin: z.string().nullish(),
  activationCode: z.string().nullish(),
  activationUrl: z.string().nullish(),
  /** A string or a JSON number; read as decimal text when mapped (kept cheap: 500 cards per page). */
  amount: z.union([z.string(), z.number()]),
  validity: z.string().nullish(),
});
export type BudgetreeCard = z.infer<typeof budgetreeCardSchema>;

const currencySchema = z
  .union([z.string(), z.object({ code: z.string().nullish() })])
  .transform((value) => (typeof value === 'string' ? value : (value.code ?? undefined)));

/** One page of the activated cards (`GET /rest/v3/order/{orderId}/cards`). */
export const budgetreeCardsPageSchema = z.object({
  cards: z.array(budgetreeCardSchema),
  total: z.number().int().nonnegative().nullish(),
  currency: currencySchema.nullish(),
});
export type BudgetreeCardsPage = z.infer<typeof budgetreeCardsPageSchema>;

/** Create's answer: 201 COMPLETE with cards (sync) or 202 PROCESSING (async). */
export const budgetreeCreateResponseSchema = z.object({
  status: z.string(),
  orderId: idSchema,
  refno: z.string().nullish(),
  currency: currencySchema.nullish(),
  cancel: budgetreeCancelSchema.nullish(),
  cards: z.array(budgetreeCardSchema).nullish(),
});
export type BudgetreeCreateResponse = z.infer<typeof budgetreeCreateResponseSchema>;

/** The OAuth steps. */
export const budgetreeVerifySchema = z.object({ authorizationCode: z.string().min(1) });
export const budgetreeTokenSchema = z.object({ token: z.string().min(1) });

/** The reversal's answer: 202 accepted, 200 already cancelled; its fields are not needed. */
export const budgetreeReverseSchema = z.unknown();

/** The failure body of the page: `{ code, message, messages }`. */
export const budgetreeErrorSchema = z.object({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
  messages: z.array(z.unknown()).nullish(),
});
