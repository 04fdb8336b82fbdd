import { z } from 'zod';
import { CurrencyCodeSchema, DecimalStringSchema, MoneySchema } from './money';

export const DenominationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('range'), min: DecimalStringSchema, max: DecimalStringSchema }),
  z.object({ type: z.literal('fixed'), values: z.array(DecimalStringSchema).min(1) }),
]);
export type Denomination = z.infer<typeof DenominationSchema>;

/** A catalog entry, vendor-neutral. */
export const ProductSchema = z.object({
  vendor: z.string().min(1),
  id: z.string().min(1),
  name: z.string(),
  brand: z.string(),
  /** ISO 3166-1 alpha-2 where the card is redeemable, when the vendor says. */
  country: z.string().optional(),
  /** Currency of the face value. */
  currency: CurrencyCodeSchema,
  denomination: DenominationSchema,
  /** Cards in stock; `null` means unlimited. */
  stock: z.number().int().nonnegative().nullable(),
  /** What one card costs the shop, when the vendor publishes it. */
  price: z.object({ min: MoneySchema, max: MoneySchema }).optional(),
  description: z.string().optional(),
  imageUrl: z.string().optional(),
  updatedAt: z.string().optional(),
});
export type Product = z.infer<typeof ProductSchema>;

export const BalanceSchema = z.object({
  accountId: z.string(),
  available: MoneySchema,
  active: z.boolean(),
  sandbox: z.boolean().optional(),
});
export type Balance = z.infer<typeof BalanceSchema>;
