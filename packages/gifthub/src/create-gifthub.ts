import {
  type CallOptions,
  type OrderIds,
  OutcomeUnknownError,
  type PlacementResult,
  type PlaceOrderRequest,
  type Product,
  type ProductQuery,
  parsePlaceOrderRequest,
  ValidationError,
  type VendorAdapter,
  VendorApiError,
  type WebhookEvent,
  type WebhookInput,
} from '@giftwire/core';
import { createHttpClient, createRateLimiter, userAgent } from '@giftwire/http';
import packageJson from '../package.json';
import { buildCreateBody } from './build-create-body';
import { classifyGiftHubError } from './classify-gifthub-error';
import { compiledOnFirstUse } from './compiled-on-first-use';
import { GIFTHUB_CAPABILITIES, GIFTHUB_LIMITS } from './gifthub-limits';
import { GIFTHUB_VENDOR, type GiftHubOrderView, mapGiftHubOrder } from './map-gifthub-order';
import { mapGiftHubProduct } from './map-gifthub-product';
import { matchHeldOrder } from './match-held-order';
import { parseGiftHubWebhook } from './parse-gifthub-webhook';
import { type GiftHubSettings, resolveGiftHubSettings } from './resolve-gifthub-settings';
import {
  type GiftHubOrder,
  giftHubConfirmEnvelopeSchema,
  giftHubOrderEnvelopeSchema,
  giftHubProductsPageSchema,
} from './schemas';

/** Create and every read answer with it: the one schema on the hot path. */
const orderEnvelope = compiledOnFirstUse(giftHubOrderEnvelopeSchema);
/** `GET /shop/products` takes 5–50 items a page (NOTES.md). */
const MIN_PAGE_SIZE = 5;
const MAX_PAGE_SIZE = 50;
/** Answers that prove the confirm was refused before GiftHub looked at it. */
const REFUSED_AT_THE_DOOR: ReadonlySet<number> = new Set([401, 403, 429]);

export interface GiftHubCatalogQuery extends ProductQuery {
  /** GiftHub's own grouping of shop items. */
  parentId?: string;
}

/** The GiftHub adapter: the vendor spec, its orders with their reconciliation data. */
export interface GiftHubAdapter extends VendorAdapter {
  getOrder(ids: OrderIds, options?: CallOptions): Promise<GiftHubOrderView>;
  listProducts(query?: GiftHubCatalogQuery, options?: CallOptions): AsyncIterable<Product[]>;
  parseWebhook(input: WebhookInput): Promise<WebhookEvent>;
}

/**
 * Creates a GiftHub client. The API key falls back to `GIFTHUB_API_KEY`. Placement is GiftHub's two steps:
 * create (our reference, products by SKU), then confirm; a failure between them is resolved by placing again
 * under the same reference, which finds the held order and confirms it only if it is still `created` and is
 * the one we asked for — never a second order.
 *
 * @example
 * const gifthub = createGiftHub({ apiKey, baseUrl });
 * const { vendorOrderId } = await gifthub.placeOrder({ reference: randomUUID(), lines: [{ productId: 'gc035-208-1000', quantity: 1, faceValue: { amount: '1000', currency: 'DKK' } }] });
 * const order = await gifthub.getOrder({ reference, vendorOrderId });
 */
export function createGiftHub(options: GiftHubSettings = {}): GiftHubAdapter {
  const settings = resolveGiftHubSettings(options);
  const { routes } = settings;
  const now = options.now ?? Date.now;
  const limits = options.limits ?? GIFTHUB_LIMITS;
  // Built once: the key never changes, and most requests add nothing else.
  const authHeaders = Object.freeze({ [routes.apiKeyHeader.toLowerCase()]: settings.apiKey.reveal() });

  const http = createHttpClient({
    vendor: GIFTHUB_VENDOR,
    baseUrl: settings.baseUrl,
    userAgent: userAgent(packageJson.name, packageJson.version),
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    headers: () => authHeaders,
    retry: { maxAttempts: options.maxAttempts ?? 3 },
    rateLimiter:
      limits.rateLimits.length > 0
        ? createRateLimiter({
            vendor: GIFTHUB_VENDOR,
            rules: limits.rateLimits,
            store: options.rateLimitStore,
          })
        : undefined,
    classifyError: classifyGiftHubError,
  });

  async function fetchOrder(orderId: string, signal?: AbortSignal): Promise<GiftHubOrder> {
    const { data } = await http.request({
      method: 'GET',
      path: routes.get.path,
      query: { orderId },
      schema: orderEnvelope(),
      operation: 'getOrder',
      rateLimitKeys: { order: orderId },
      signal,
    });
    return data.data;
  }

  async function getOrder(ids: OrderIds, call: CallOptions = {}): Promise<GiftHubOrderView> {
    if (!ids.vendorOrderId) {
      throw new ValidationError('GiftHub order lookup', [
        { path: 'vendorOrderId', message: 'is required: GiftHub finds orders by its own id, not by ours' },
      ]);
    }
    return mapGiftHubOrder(await fetchOrder(ids.vendorOrderId, call.signal), new Date(now()));
  }

  /** Creates the order, or gets back the one GiftHub already holds for this reference. */
  async function create(
    request: PlaceOrderRequest,
    body: ReturnType<typeof buildCreateBody>,
    call: CallOptions,
  ): Promise<GiftHubOrder> {
    const { data } = await http.request({
      method: routes.create.method,
      path: routes.create.path,
      rawBody: body.rawBody,
      schema: orderEnvelope(),
      idempotent: false,
      operation: 'placeOrder',
      rateLimitKeys: { products: [...body.products.keys()] },
      reference: request.reference,
      beforeSend: call.onSend,
      signal: call.signal,
    });
    const held = data.data;
    if (held.reference && held.products) return held;
    // A short create answer cannot be checked against what we sent: read the order itself first.
    try {
      return await fetchOrder(held.uid, call.signal);
    } catch (error) {
      throw new OutcomeUnknownError({
        vendor: GIFTHUB_VENDOR,
        reference: request.reference,
        reason: 'invalid_response',
        cause: error,
      });
    }
  }

  /**
   * Confirms a held order. Only 419 (expired: nothing charged), the insufficient-funds sentence and a refusal
   * at the door are taken as they are; after any other failure the order itself says whether the confirm
   * landed, and an order already past `created` is confirmed as far as we are concerned.
   */
  async function confirm(orderId: string, reference: string, call: CallOptions): Promise<void> {
    try {
      await http.request({
        method: routes.confirm.method,
        path: routes.confirm.path,
        body: { orderId },
        schema: giftHubConfirmEnvelopeSchema,
        // A repeated confirm is refused by GiftHub: whether one landed is read from the order instead.
        idempotent: false,
        operation: 'placeOrder',
        reference,
        beforeSend: call.onSend,
        signal: call.signal,
      });
      return;
    } catch (error) {
      if (VendorApiError.isInstance(error)) {
        if (error.vendorCode === 'order_expired') throw expired(error);
        if (error.vendorCode === 'insufficient_funds') throw error;
        if (error.httpStatus !== undefined && REFUSED_AT_THE_DOOR.has(error.httpStatus)) throw error;
      }
      let after: GiftHubOrder;
      try {
        after = await fetchOrder(orderId, call.signal);
      } catch {
        throw unknownAfterConfirm(reference, error);
      }
      if (after.state.trim().toLowerCase() !== 'created') return;
      throw unknownAfterConfirm(reference, error);
    }
  }

  async function placeOrder(input: PlaceOrderRequest, call: CallOptions = {}): Promise<PlacementResult> {
    const request = parsePlaceOrderRequest(input);
    const body = buildCreateBody(request);
    const held = await create(request, body, call);
    const result = { reference: request.reference, vendorOrderId: held.uid };
    const problems = matchHeldOrder(held, request.reference, body.products);
    if (problems.length > 0 || held.state.trim().toLowerCase() !== 'created') {
      // Not confirmed by us: either not the order we asked for (the engine flags it for staff, its codes
      // shown to nobody) or one an earlier attempt already confirmed (the engine follows it).
      return { ...result, order: heldOrderView(held, request.reference) };
    }
    await confirm(held.uid, request.reference, call);
    return result;
  }

  function heldOrderView(held: GiftHubOrder, reference: string): GiftHubOrderView {
    try {
      return mapGiftHubOrder(held, new Date(now()));
    } catch (error) {
      throw new VendorApiError({
        vendor: GIFTHUB_VENDOR,
        code: 'duplicate_reference',
        retryable: false,
        message: `${GIFTHUB_VENDOR}: the order GiftHub holds for reference ${reference} cannot be read; it was not confirmed`,
        cause: error,
      });
    }
  }

  async function* listProducts(
    query: GiftHubCatalogQuery = {},
    call: CallOptions = {},
  ): AsyncIterable<Product[]> {
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, query.pageSize ?? MAX_PAGE_SIZE));
    let pageToken: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const { data } = await http.request({
        method: 'GET',
        path: routes.products.path,
        query: { pageToken, pageSize, parentId: query.parentId ?? query.brandId },
        schema: giftHubProductsPageSchema,
        operation: 'listProducts',
        signal: call.signal,
      });
      const found = data.result
        .map(mapGiftHubProduct)
        .filter((p): p is Product => p !== undefined && matches(p, query));
      if (found.length > 0) yield found;
      const next = data.nextPageToken ?? undefined;
      // A token seen before would loop forever: stop rather than page in circles.
      if (!next || seen.has(next)) return;
      seen.add(next);
      pageToken = next;
    }
  }

  return {
    specificationVersion: 'v1',
    vendor: GIFTHUB_VENDOR,
    capabilities: GIFTHUB_CAPABILITIES,
    limits,
    placeOrder,
    getOrder,
    listProducts,
    parseWebhook: (input) =>
      parseGiftHubWebhook(input, {
        secret: settings.webhookSecret,
        header: routes.webhookSecretHeader,
        now,
      }),
  };
}

/** GiftHub filters its catalog by `parentId` only; the other filters are applied to what it returns. */
function matches(product: Product, query: ProductQuery): boolean {
  if (query.currency && product.currency !== query.currency.toUpperCase()) return false;
  if (query.country && product.country?.toUpperCase() !== query.country.toUpperCase()) return false;
  if (query.productId && product.id !== query.productId) return false;
  if (query.name && !product.name.toLowerCase().includes(query.name.toLowerCase())) return false;
  return true;
}

function expired(cause: VendorApiError): VendorApiError {
  return new VendorApiError({
    vendor: GIFTHUB_VENDOR,
    code: cause.code,
    retryable: true,
    httpStatus: 419,
    vendorCode: 'order_expired',
    requestId: cause.requestId,
    message: `${GIFTHUB_VENDOR}: the created order expired before it was confirmed (HTTP 419); nothing was charged, so it may be created again under the same reference`,
    cause,
  });
}

function unknownAfterConfirm(reference: string, cause: unknown): OutcomeUnknownError {
  const reason = OutcomeUnknownError.isInstance(cause)
    ? cause.reason
    : VendorApiError.isInstance(cause) && (cause.httpStatus ?? 0) >= 500
      ? 'server_error'
      : 'unconfirmed_refusal';
  return new OutcomeUnknownError({ vendor: GIFTHUB_VENDOR, reference, reason, cause });
}
