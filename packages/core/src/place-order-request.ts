import { type PlaceOrderRequest, PlaceOrderRequestSchema } from './order';
import { validate } from './validate';

/** Validates a placement request, throwing a `ValidationError` that lists every bad field. */
export function parsePlaceOrderRequest(input: unknown): PlaceOrderRequest {
  return validate(PlaceOrderRequestSchema, input, 'place order request');
}
