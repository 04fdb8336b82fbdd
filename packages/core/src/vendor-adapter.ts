import type { VendorCapabilities, VendorLimits } from './limits';
import type { GiftCardOrder, PlaceOrderRequest } from './order';
import type { Balance, Product } from './product';
import type { WebhookEvent, WebhookInput } from './webhook-event';

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Placement only, and only by adapters whose `capabilities.reportsSend` is true: called when a placement
   * request is about to leave — after the adapter's own checks and after the rate limiter has granted its
   * permit, immediately before the first byte can go out — and again before each re-send. The request waits
   * for the returned promise; if it rejects, nothing is sent and `placeOrder` rejects with that error.
   *
   * This lets a caller record "sent" durably at the last moment: the engine writes `placing` (and counts
   * the attempt) here, so an order that waited for a permit and never left is not counted as attempted, yet
   * nothing leaves before `placing` is stored.
   */
  onSend?: () => Promise<void> | void;
}

export interface OrderIds {
  reference: string;
  vendorOrderId?: string;
}

/** What a placement call tells us straight away; the full order usually needs `getOrder`. */
export interface PlacementResult {
  reference: string;
  vendorOrderId?: string;
  /** Present when the vendor answers the placement with the order itself. */
  order?: GiftCardOrder;
}

export interface CancelResult {
  /** `already_final` when the order had settled before the cancel arrived. */
  outcome: 'cancelled' | 'accepted' | 'already_cancelled' | 'already_final';
}

export interface ProductQuery {
  currency?: string;
  country?: string;
  name?: string;
  productId?: string;
  brandId?: string;
  pageSize?: number;
}

/**
 * The vendor spec, v1. A vendor package returns one of these; the engine and the adapters use nothing
 * else, and plan from `capabilities` and `limits` without knowing which vendor it is.
 */
export interface VendorAdapter {
  readonly specificationVersion: 'v1';
  readonly vendor: string;
  readonly capabilities: VendorCapabilities;
  readonly limits: VendorLimits;
  /**
   * Places the order under `request.reference`. Throws `OutcomeUnknownError` when it cannot tell whether
   * the vendor took it; `VendorApiError` when the vendor refused it.
   */
  placeOrder(request: PlaceOrderRequest, options?: CallOptions): Promise<PlacementResult>;
  /**
   * Checks, without placing anything, that the vendor sells what `request` asks for: each line's product
   * exists, its currency is the product's, and its face value is one the product allows (range, fixed
   * denominations, precision). Throws a `ValidationError` naming each bad field (`lines.0.faceValue.currency`)
   * when it does not; a `VendorApiError` when it could not tell (catalog unreachable). May read and cache
   * the vendor's catalog. `placeOrder` makes the same check itself before sending; this lets a caller refuse
   * a bad order synchronously, before it is stored.
   */
  checkOrder?(request: PlaceOrderRequest, options?: CallOptions): Promise<void>;
  getOrder(ids: OrderIds, options?: CallOptions): Promise<GiftCardOrder>;
  cancelOrder?(ids: OrderIds, options?: CallOptions): Promise<CancelResult>;
  /** The catalog, one page at a time. */
  listProducts?(query?: ProductQuery, options?: CallOptions): AsyncIterable<Product[]>;
  getBalance?(options?: CallOptions): Promise<Balance[]>;
  /** Verifies and parses a notification; throws `WebhookVerificationError` when it cannot be trusted. */
  parseWebhook?(input: WebhookInput): Promise<WebhookEvent>;
}
