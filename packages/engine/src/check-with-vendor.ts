import { type PlaceOrderRequest, ValidationError, type VendorAdapter } from '@giftwire/core';
import type { Logger } from './logger';

/**
 * Asks the vendor, before an order is stored, whether it sells what the request asks for (product,
 * currency, face value): a mismatch is refused here, synchronously, with the fields named under `request.`
 * as the rest of the submission's checks are, and nothing is stored, placed or charged.
 *
 * When the vendor cannot tell (its catalog is unreachable) the order is accepted all the same: the shop has
 * been paid and the order must not be lost. It is not sent unchecked — the adapter's `placeOrder` makes the
 * same check before sending and refuses to send until it could — so it waits in `accepted`, and fails with
 * nothing charged if the check then finds a mismatch.
 */
export async function checkWithVendor(
  adapter: VendorAdapter,
  request: PlaceOrderRequest,
  logger: Logger,
): Promise<void> {
  if (!adapter.checkOrder) return;
  try {
    await adapter.checkOrder(request);
  } catch (error) {
    if (ValidationError.isInstance(error)) {
      throw new ValidationError(
        'order submission',
        error.issues.map((issue) => ({ ...issue, path: issue.path ? `request.${issue.path}` : 'request' })),
        { cause: error },
      );
    }
    logger.warn(
      { vendor: adapter.vendor, reference: request.reference, err: error },
      'could not check the order with the vendor; it will be checked again before it is sent',
    );
  }
}
