import { z } from 'zod';
import { MoneySchema, PositiveMoneySchema } from './money';
import { Secret } from './secret';
import { OrderStatusSchema, VoucherStatusSchema } from './status';

/** A Secret in a schema; checked by marker so duplicated package copies still match. */
export const SecretSchema = z.custom<Secret<string>>((value) => Secret.isInstance(value), {
  message: 'must be a Secret',
});

export const VoucherSchema = z.object({
  code: SecretSchema.optional(),
  pin: SecretSchema.optional(),
  claimUrl: SecretSchema.optional(),
  /**
   * A second code some vendors issue beside the card number, needed to activate or redeem the card
   * (Budgetree's `activationCode`). A secret like the code: the customer needs both.
   */
  activationCode: SecretSchema.optional(),
  serial: z.string().optional(),
  vendorReference: z.string().optional(),
  /** ISO 8601 timestamp as the vendor gave it. */
  expiresAt: z.string().optional(),
  status: VoucherStatusSchema,
  /** The vendor's own word for the voucher's status, for diagnostics. */
  rawStatus: z.string().optional(),
  faceValue: MoneySchema,
});
export type Voucher = z.infer<typeof VoucherSchema>;

/**
 * Every field of a voucher that holds a secret, in the order a person reads them. Whatever seals, shows,
 * reveals or masks a voucher goes through this list, so a new secret field cannot be left out of one of them
 * (stored as "[redacted]", or never shown to its owner).
 */
export const VOUCHER_SECRET_FIELDS = ['code', 'pin', 'activationCode', 'claimUrl'] as const;
export type VoucherSecretField = (typeof VOUCHER_SECRET_FIELDS)[number];

export const OrderLineSchema = z.object({
  productId: z.string().min(1),
  quantity: z.number().int().positive(),
  faceValue: MoneySchema,
  vouchers: z.array(VoucherSchema),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const OrderFailureSchema = z.object({
  code: z.string(),
  message: z.string(),
});
export type OrderFailure = z.infer<typeof OrderFailureSchema>;

export const GiftCardOrderSchema = z.object({
  vendor: z.string().min(1),
  /** Our idempotency key (a UUID), chosen and persisted before anything is sent. */
  reference: z.string().min(1),
  vendorOrderId: z.string().optional(),
  status: OrderStatusSchema,
  /** The vendor's own word for the order's status. */
  rawStatus: z.string().optional(),
  /** Set when the vendor sent a status word the mapping table does not know. */
  unrecognizedStatus: z.boolean().optional(),
  lines: z.array(OrderLineSchema),
  /** What the vendor charged the shop's account; failed cards of a partial order are not in it. */
  charged: MoneySchema.optional(),
  placedAt: z.string().optional(),
  updatedAt: z.string(),
  failure: OrderFailureSchema.optional(),
});
export type GiftCardOrder = z.infer<typeof GiftCardOrderSchema>;

export const PlaceOrderLineSchema = z.object({
  productId: z.string().min(1, 'must not be empty'),
  quantity: z.number().int('must be an integer').positive('must be positive'),
  faceValue: PositiveMoneySchema,
});
export type PlaceOrderLine = z.infer<typeof PlaceOrderLineSchema>;

export const PlaceOrderRequestSchema = z.object({
  /** Lower-cased on parse: vendors compare references case-insensitively, so giftwire keys them that way. */
  reference: z.uuid('must be a UUID').toLowerCase(),
  lines: z.array(PlaceOrderLineSchema).min(1, 'must hold at least one line'),
  /** Who receives the cards, for vendors that deliver by e-mail too. */
  recipient: z
    .object({
      email: z.email().optional(),
      name: z.string().max(200).optional(),
    })
    .optional(),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;
