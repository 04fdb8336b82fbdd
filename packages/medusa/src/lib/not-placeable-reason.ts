import { MathBN } from '@medusajs/framework/utils';

/**
 * When a giftwire order may spend the shop's vendor balance. `captured` (the default): only once the money is
 * taken — an authorization can still fail to capture or be voided, and the codes cannot be taken back.
 * `authorized`: for shops whose payment provider captures at authorization, or that accept that risk.
 */
export type PlaceOn = 'captured' | 'authorized';

export const PLACE_ON_VALUES: readonly PlaceOn[] = ['captured', 'authorized'];

type Amount = Parameters<typeof MathBN.convert>[0];

export interface PayableOrder {
  status?: string | null;
  canceled_at?: string | Date | null;
  payment_collections?: Array<{
    status?: string | null;
    amount?: Amount | null;
    authorized_amount?: Amount | null;
    captured_amount?: Amount | null;
    refunded_amount?: Amount | null;
  } | null> | null;
}

/** The Query fields of an order that `notPlaceableReason` reads: its status and every payment collection. */
export const PAYABLE_ORDER_FIELDS = [
  'status',
  'canceled_at',
  'payment_collections.status',
  'payment_collections.amount',
  'payment_collections.authorized_amount',
  'payment_collections.captured_amount',
  'payment_collections.refunded_amount',
] as const;

/** Why an order is not placed (yet); `null` when it may be placed. Never contains anything secret. */
export type NotPlaceable = 'canceled' | 'refunded' | 'not_paid' | 'not_captured';

/**
 * Whether an order is paid enough to place its vendor order. Mirrors Medusa's own payment status (core-flows
 * `getLastPaymentStatus`): every payment collection that is not canceled must be captured in full (or, with
 * `placeOn: 'authorized'`, authorized or captured in full). A canceled order or any refund stops placement:
 * whatever the shop gave back must not be spent on codes.
 */
export function notPlaceableReason(order: PayableOrder, placeOn: PlaceOn = 'captured'): NotPlaceable | null {
  if (order.status === 'canceled' || order.canceled_at) return 'canceled';
  const collections = (order.payment_collections ?? []).filter(
    (collection): collection is NonNullable<typeof collection> =>
      !!collection && collection.status !== 'canceled',
  );
  if (collections.some((collection) => MathBN.gt(collection.refunded_amount ?? 0, 0))) return 'refunded';
  if (collections.length === 0) return 'not_paid';
  const covers = (paid: Amount | null | undefined, amount: Amount | null | undefined) =>
    MathBN.gte(paid ?? 0, amount ?? 0);
  const captured = collections.every(
    (collection) =>
      collection.status === 'completed' || covers(collection.captured_amount, collection.amount),
  );
  if (captured) return null;
  if (placeOn === 'captured') return 'not_captured';
  const authorized = collections.every(
    (collection) =>
      collection.status === 'authorized' ||
      collection.status === 'partially_captured' ||
      covers(collection.authorized_amount, collection.amount),
  );
  return authorized ? null : 'not_paid';
}
