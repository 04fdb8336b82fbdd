import {
  PlaceOrderRequestSchema,
  toValidationIssues,
  ValidationError,
  type ValidationIssue,
  type VendorAdapter,
} from '@giftwire/core';
import { z } from 'zod';

export const SubmitInputSchema = z.object({
  vendor: z.string().min(1, 'must name a vendor'),
  request: PlaceOrderRequestSchema,
  /** The shop's own order id, for finding the order from the shop's side. */
  shopOrderId: z.string().min(1).max(200).optional(),
  /** The shop's customer id: `list({ customer })` and the adapters' ownership checks use it. */
  customerId: z.string().min(1).max(200).optional(),
});
export type SubmitInput = z.input<typeof SubmitInputSchema>;
export type ValidSubmitInput = z.output<typeof SubmitInputSchema>;

/**
 * Validates a submission against the core schema and the chosen vendor's own limits, listing every bad
 * field at once. Nothing is stored or sent when this throws.
 */
export function parseSubmitInput(
  input: unknown,
  vendors: ReadonlyMap<string, VendorAdapter>,
): ValidSubmitInput {
  const parsed = SubmitInputSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : toValidationIssues(parsed.error);
  const vendorName = (input as { vendor?: unknown } | null)?.vendor;
  const adapter = typeof vendorName === 'string' ? vendors.get(vendorName) : undefined;
  if (typeof vendorName === 'string' && vendorName !== '' && !adapter) {
    issues.push({ path: 'vendor', message: `unknown vendor; configured: ${[...vendors.keys()].join(', ')}` });
  }
  if (parsed.success && adapter) {
    const { lines } = parsed.data.request;
    const cards = lines.reduce((sum, line) => sum + line.quantity, 0);
    const { maxCardsPerOrder, maxLinesPerOrder } = adapter.limits;
    if (maxCardsPerOrder !== undefined && cards > maxCardsPerOrder) {
      issues.push({
        path: 'request.lines',
        message: `must hold at most ${maxCardsPerOrder} cards for ${adapter.vendor}`,
      });
    }
    if (maxLinesPerOrder !== undefined && lines.length > maxLinesPerOrder) {
      issues.push({
        path: 'request.lines',
        message: `must hold at most ${maxLinesPerOrder} lines for ${adapter.vendor}`,
      });
    }
  }
  if (issues.length > 0 || !parsed.success) throw new ValidationError('order submission', issues);
  return parsed.data;
}
