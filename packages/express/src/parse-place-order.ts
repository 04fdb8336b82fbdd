import { PlaceOrderRequestSchema, sameReference, type ValidationIssue } from '@giftwire/core';
import type { SubmitInput } from '@giftwire/engine';
import { z } from 'zod';

const request = PlaceOrderRequestSchema.shape;

/**
 * The body of `POST /orders`, built from core's request schema so the rules are the engine's, but flat, so
 * error paths are the body's own (`lines.0.quantity`, not `request.lines.0.quantity`). Unknown fields are
 * dropped: the customer comes from `authenticate`, never from the body.
 */
export const PlaceOrderBodySchema = z.object({
  vendor: z.string().min(1, 'must name a vendor'),
  reference: request.reference.optional(),
  lines: request.lines,
  recipient: request.recipient,
  shopOrderId: z.string().min(1).max(200).optional(),
});
export type PlaceOrderBody = z.infer<typeof PlaceOrderBodySchema>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Engine paths name the submission (`request.lines`); clients sent a body, so name its fields. */
export function bodyPath(path: string): string {
  return path.startsWith('request.') ? path.slice('request.'.length) : path;
}

export type ParsedPlaceOrder =
  | { ok: true; input: Omit<SubmitInput, 'customerId'> }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Checks the body, the `Idempotency-Key` header and the vendor together, so one answer lists every problem.
 * A reference (or key) is required: an order without one could not be retried safely, and a retried
 * request that silently became a second order would cost the shop money.
 */
export function parsePlaceOrder(
  body: unknown,
  idempotencyKey: string | undefined,
  vendors: readonly string[],
): ParsedPlaceOrder {
  const issues: ValidationIssue[] = [];
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      issues: [{ path: '', message: 'must be a JSON object (Content-Type: application/json)' }],
    };
  }
  const parsed = PlaceOrderBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.push({ path: issue.path.map(String).join('.'), message: issue.message });
    }
  }
  const vendor = (body as { vendor?: unknown }).vendor;
  if (typeof vendor === 'string' && vendor !== '' && !vendors.includes(vendor)) {
    issues.push({ path: 'vendor', message: `unknown vendor; configured: ${vendors.join(', ')}` });
  }
  if (idempotencyKey !== undefined && !request.reference.safeParse(idempotencyKey).success) {
    issues.push({ path: IDEMPOTENCY_HEADER, message: 'must be a UUID' });
  }
  const reference = (body as { reference?: unknown }).reference;
  if (
    idempotencyKey !== undefined &&
    reference !== undefined &&
    (typeof reference !== 'string' || !sameReference(reference, idempotencyKey))
  ) {
    issues.push({ path: 'reference', message: `differs from the ${IDEMPOTENCY_HEADER} header` });
  }
  if (idempotencyKey === undefined && reference === undefined) {
    issues.push({
      path: 'reference',
      message: `is required (a UUID), in the body or as the ${IDEMPOTENCY_HEADER} header`,
    });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  const { vendor: name, shopOrderId, lines, recipient } = parsed.data;
  const input: Omit<SubmitInput, 'customerId'> = {
    vendor: name,
    request: {
      // One of the two is present: checked above.
      reference: (parsed.data.reference ?? idempotencyKey)!,
      lines,
      ...(recipient === undefined ? {} : { recipient }),
    },
    ...(shopOrderId === undefined ? {} : { shopOrderId }),
  };
  return { ok: true, input };
}
