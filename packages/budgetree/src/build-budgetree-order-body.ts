import {
  multiplyMoney,
  normalizeDecimal,
  type PlaceOrderRequest,
  sumMoney,
  ValidationError,
  type ValidationIssue,
} from '@giftwire/core';
import type { BudgetreeOrderBody } from './placed-order-store';

/** Budgetree's limit on `refno` (NOTES.md). Our references are UUIDs (36), but a longer one is refused. */
export const MAX_REFNO_LENGTH = 55;

/**
 * The create body for a parsed request: async mode (`syncOnly: false`), one product entry per line, and one
 * payment from the prepaid account for the exact total. Money goes as decimal strings, never floats.
 * Refuses, before anything is sent, what Budgetree would refuse or charge differently.
 *
 * @example
 * const body = buildBudgetreeOrderBody(parsePlaceOrderRequest(input), 'svc');
 */
export function buildBudgetreeOrderBody(request: PlaceOrderRequest, paymentCode: string): BudgetreeOrderBody {
  const issues: ValidationIssue[] = [];
  if (request.reference.length > MAX_REFNO_LENGTH) {
    issues.push({ path: 'reference', message: `must be at most ${MAX_REFNO_LENGTH} characters (refno)` });
  }
  const currency = request.lines[0]!.faceValue.currency;
  request.lines.forEach((line, index) => {
    // One payment pays the whole order, so it holds one currency.
    if (line.faceValue.currency !== currency) {
      issues.push({
        path: `lines.${index}.faceValue.currency`,
        message: `must be ${currency}, like the order's first line: one order is paid in one currency`,
      });
    }
  });
  if (issues.length > 0) throw new ValidationError('Budgetree order', issues);
  const total = sumMoney(request.lines.map((line) => multiplyMoney(line.faceValue, line.quantity)));
  return {
    refno: request.reference,
    products: request.lines.map((line) => ({
      sku: line.productId,
      price: normalizeDecimal(line.faceValue.amount),
      qty: line.quantity,
      currency: line.faceValue.currency,
    })),
    payments: [{ code: paymentCode, amount: normalizeDecimal(total.amount) }],
    deliveryMode: 'API',
    syncOnly: false,
  };
}
