import { GiftwireError, ValidationError } from '@giftwire/core';

/** The reference was used before for a different request: idempotency refuses to guess which one is meant. */
export class IdempotencyConflictError extends GiftwireError {
  static override readonly errorName: string = 'IdempotencyConflictError';
  readonly reference: string;

  constructor(reference: string) {
    super(`reference ${reference} was already used for a different request`);
    this.reference = reference;
  }
}

export class OrderNotFoundError extends GiftwireError {
  static override readonly errorName: string = 'OrderNotFoundError';
  readonly reference: string;

  constructor(reference: string) {
    super(`no order with reference ${reference}`);
    this.reference = reference;
  }
}

/** The order cannot be cancelled now: it settled, or the vendor has no cancel. */
export class CancelNotAllowedError extends GiftwireError {
  static override readonly errorName: string = 'CancelNotAllowedError';
  readonly reference: string;

  constructor(reference: string, why: string) {
    super(`order ${reference} cannot be cancelled: ${why}`);
    this.reference = reference;
  }
}

/**
 * The order store cannot be reached right now: the connection was refused or lost, the pool was ended, the
 * embedded database was closed. Nothing about the order is known to have changed; try again later. The
 * driver's error is kept as `cause` for logs (it may name the host), never in the message.
 */
export class StoreUnavailableError extends GiftwireError {
  static override readonly errorName: string = 'StoreUnavailableError';

  constructor(options: { cause?: unknown } = {}) {
    super('the order store is unavailable', options);
  }
}

/**
 * The order cannot be retried: its vendor order is not the one this engine sent (`vendor_order_mismatch`).
 * Re-checking would only find the same foreign order again — or, when the vendor's copy looks like ours,
 * adopt another shop's codes — so a person resolves it at the vendor (see `inspect`).
 */
export class RetryNotAllowedError extends GiftwireError {
  static override readonly errorName: string = 'RetryNotAllowedError';
  readonly reference: string;

  constructor(reference: string, why: string) {
    super(`order ${reference} cannot be retried: ${why}`);
    this.reference = reference;
  }
}

/**
 * No vendor of that name is configured in this fulfiller. A `ValidationError` on the `vendor` field, so a
 * generic handler still answers 400; a webhook route answers 404 (there is nothing there to call).
 */
export class UnknownVendorError extends ValidationError {
  static override readonly errorName: string = 'UnknownVendorError';
  readonly vendor: string;

  constructor(subject: string, vendor: string, configured: readonly string[]) {
    super(subject, [
      { path: 'vendor', message: `unknown vendor; configured: ${configured.join(', ') || '(none)'}` },
    ]);
    this.vendor = vendor;
  }
}

/** The vendor is configured but sends no webhooks (its adapter has no `parseWebhook`): a webhook route answers 404. */
export class WebhooksNotSupportedError extends ValidationError {
  static override readonly errorName: string = 'WebhooksNotSupportedError';
  readonly vendor: string;

  constructor(vendor: string) {
    super('webhook', [{ path: 'vendor', message: 'this vendor does not send webhooks' }]);
    this.vendor = vendor;
  }
}
