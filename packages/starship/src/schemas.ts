import { z } from 'zod';

/** Starship's answers, checked field by field. Money fields are 2-decimal strings and stay strings. */

/** Starship writes money as a string with two decimals (`"25.00"`); a number would have lost digits. */
const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string');

/**
 * One voucher as Starship sends it. Codes, PINs and claim URLs are wrapped into `Secret`s by
 * `mapStarshipOrder`, the step right after validation in every client call: the parsed answer itself never
 * leaves the client. (Wrapping inside the schema, a zod transform per field, made a 500-voucher answer five
 * times slower to read.)
 */
export const starshipVoucherSchema = z.object({
  card_number: z.string().nullish(),
  pin_code: z.string().nullish(),
  claim_url: z.string().nullish(),
  voucher_reference_number: z.string().nullish(),
  expires_at: z.string().nullish(),
});
export type StarshipVoucher = z.output<typeof starshipVoucherSchema>;

/**
 * Get, list and create answers share these fields; get and list name our ref `reference_code`, create names it
 * `ref`. Either is accepted.
 */
export const starshipOrderSchema = z.object({
  id: z.number().int().positive(),
  reference_code: z.string().nullish(),
  ref: z.string().nullish(),
  transaction_id: z.number().int().nullish(),
  amount: decimalString,
  product_id: z.number().int().positive(),
  denomination: decimalString,
  quantity: z.number().int().positive(),
  discount: decimalString.nullish(),
  vouchers: z.array(starshipVoucherSchema).nullish(),
  status: z.string().min(1),
  placed_at: z.string().nullish(),
});
export type StarshipOrder = z.output<typeof starshipOrderSchema>;

/**
 * What a create (or a replay of one) may answer: the order, or — for a replay — only its ids. The id is all
 * we need; the rest is read by `GET /orders/{id}` when it is missing.
 */
export const starshipCreateAnswerSchema = z.looseObject({
  id: z.number().int().positive(),
});

/** List orders: a bare array, or the array under `data` / `orders`. */
export const starshipOrderListSchema = z.union([
  z.array(starshipOrderSchema),
  z.looseObject({ data: z.array(starshipOrderSchema) }).transform((page) => page.data),
  z.looseObject({ orders: z.array(starshipOrderSchema) }).transform((page) => page.orders),
]);

export const starshipProductSchema = z.looseObject({
  id: z.number().int().positive(),
  name: z.string(),
  brand: z.string().nullish(),
  currency: z.string().nullish(),
  country: z.string().nullish(),
  description: z.string().nullish(),
  image_url: z.string().nullish(),
  delivery_type: z.string().nullish(),
  delivery_time: z.string().nullish(),
  available_denominations: z.array(z.union([decimalString, z.number()])).nullish(),
  min_denomination: z.union([decimalString, z.number()]).nullish(),
  max_denomination: z.union([decimalString, z.number()]).nullish(),
  stock: z.number().int().nonnegative().nullish(),
  updated_at: z.string().nullish(),
});
export type StarshipProduct = z.output<typeof starshipProductSchema>;

/** The products endpoint: a bare array (paging in headers), or the array under `data`. */
export const starshipProductListSchema = z.union([
  z.array(starshipProductSchema),
  z.looseObject({ data: z.array(starshipProductSchema) }).transform((page) => page.data),
]);

export const starshipWebhookSchema = z.object({
  event_type: z.string().min(1),
  data: z.looseObject({
    id: z.number().int().positive(),
    reference_code: z.string().nullish(),
    ref: z.string().nullish(),
    status: z.string().nullish(),
  }),
});
