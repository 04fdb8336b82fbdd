import type { PlaceOrderRequest } from '@giftwire/core';
import type { Request } from 'express';
import type { GiftwireCaller } from './giftwire-caller';

/** What `POST /orders` asks to place, after validation, with the caller `authenticate` established. */
export interface PlacementRequest {
  vendor: string;
  /** The order's idempotency key (body `reference` or `Idempotency-Key`), lower-case UUID. */
  reference: string;
  lines: PlaceOrderRequest['lines'];
  recipient?: PlaceOrderRequest['recipient'];
  /** The shop's own order id the client sent; look the paid order up by it. */
  shopOrderId?: string;
  caller: GiftwireCaller;
}

/**
 * Whether this placement may spend the shop's prepaid vendor balance: true places it, false answers 403 and
 * places nothing. Typically: the shop order `shopOrderId` exists, belongs to `caller`, is paid, was bound to
 * this `reference`, and its gift-card lines equal `lines`.
 */
export type AuthorizePlacement = (req: Request, placement: PlacementRequest) => boolean | Promise<boolean>;
