import {
  type CallOptions,
  type GiftCardOrder,
  type OrderIds,
  OutcomeUnknownError,
  type PlacementResult,
  type PlaceOrderRequest,
  type Product,
  type ProductQuery,
  parsePlaceOrderRequest,
  ValidationError,
  type ValidationIssue,
  type VendorAdapter,
  VendorApiError,
  type WebhookEvent,
  type WebhookInput,
} from '@giftwire/core';
import { createHttpClient, createRateLimiter, headerValue, userAgent } from '@giftwire/http';
import packageJson from '../package.json';
import { joinStarshipOrders, mapStarshipOrder, STARSHIP_VENDOR } from './map-starship-order';
import { mapStarshipProduct } from './map-starship-product';
import { parseStarshipWebhook } from './parse-starship-webhook';
import {
  type StarshipOrder,
  starshipCreateAnswerSchema,
  starshipOrderListSchema,
  starshipOrderSchema,
  starshipProductListSchema,
} from './schemas';
import { signStarshipRequest } from './sign-starship-request';
import { STARSHIP_CAPABILITIES, STARSHIP_LIMITS, starshipLimitsFor } from './starship-limits';
import {
  joinStarshipOrderIds,
  parseStarshipPartRef,
  type StarshipPart,
  splitStarshipOrderIds,
  starshipPartRef,
  starshipParts,
} from './starship-parts';
import { classifyStarshipError } from './starship-reasons';
import { resolveStarshipSettings, type StarshipSettings } from './starship-settings';

const ORDERS_PATH = '/api/v1/orders';
const PRODUCTS_PATH = '/api/v1/products';
/** List orders allows at most 100 a page. */
const LIST_LIMIT = 100;

/** The Starship adapter: the vendor spec, with the optional members it implements. */
export interface StarshipAdapter extends VendorAdapter {
  listProducts(query?: ProductQuery, options?: CallOptions): AsyncIterable<Product[]>;
  parseWebhook(input: WebhookInput): Promise<WebhookEvent>;
}

/** Two decimals, as Starship writes money (`25` → `25.00`); more digits than two are refused before. */
function twoDecimals(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/**
 * Creates a Starship Rewards client. Credentials fall back to `STARSHIP_API_KEY` / `STARSHIP_API_SECRET`.
 * A request of several lines becomes one Starship order per line (Starship orders hold one product), joined
 * back into one order; a lost answer is resolved by replaying the same `Idempotency-Key`.
 *
 * @example
 * const starship = createStarship({ apiKey, apiSecret, baseUrl: 'https://sandbox.starship.example' });
 * const placed = await starship.placeOrder({ reference: randomUUID(), lines: [{ productId: '1001', quantity: 1, faceValue: { amount: '25.00', currency: 'USD' } }] });
 * const order = await starship.getOrder(placed);
 */
export function createStarship(options: StarshipSettings = {}): StarshipAdapter {
  const settings = resolveStarshipSettings(options);
  const now = options.now ?? Date.now;
  const limits = options.limits ?? (options.speed ? starshipLimitsFor(options.speed) : STARSHIP_LIMITS);
  const searchPages = options.searchPages ?? 3;
  const { currency } = settings;
  const apiKey = settings.apiKey.reveal();
  const apiSecret = settings.apiSecret.reveal();
  const credentials = Object.freeze({ 'x-api-key': apiKey, 'x-api-secret': apiSecret });

  const http = createHttpClient({
    vendor: STARSHIP_VENDOR,
    baseUrl: settings.baseUrl,
    userAgent: userAgent(packageJson.name, packageJson.version),
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    // Runs after the rate limiter's wait, so a signed timestamp is fresh when it leaves.
    headers: settings.signRequests
      ? ({ method, url, body }) => {
          const target = new URL(url);
          return {
            ...credentials,
            ...signStarshipRequest(apiSecret, {
              method,
              path: target.pathname + target.search,
              body,
              timestamp: Math.floor(now() / 1000),
            }),
          };
        }
      : () => credentials,
    retry: { maxAttempts: options.maxAttempts ?? 3 },
    rateLimiter: createRateLimiter({
      vendor: STARSHIP_VENDOR,
      rules: limits.rateLimits,
      store: options.rateLimitStore,
      safetyMarginMs: options.rateLimitMarginMs ?? 1,
    }),
    classifyError: classifyStarshipError,
  });

  const map = (order: StarshipOrder) => mapStarshipOrder(order, { currency, now: new Date(now()) });

  function checkLines(request: PlaceOrderRequest): void {
    const issues: ValidationIssue[] = [];
    request.lines.forEach((line, i) => {
      if (!/^[1-9]\d*$/.test(line.productId) || !Number.isSafeInteger(Number(line.productId))) {
        issues.push({
          path: `lines.${i}.productId`,
          message: 'must be a Starship product id (a whole number > 0)',
        });
      }
      if (!/^\d+(\.\d{1,2})?$/.test(line.faceValue.amount)) {
        issues.push({ path: `lines.${i}.faceValue.amount`, message: 'must have at most two decimals' });
      }
      if (line.faceValue.currency !== currency) {
        issues.push({
          path: `lines.${i}.faceValue.currency`,
          message: `must be ${currency}, the currency of this Starship account`,
        });
      }
    });
    if (issues.length > 0) throw new ValidationError('Starship order', issues);
  }

  async function fetchOrder(id: number, ref: string, signal?: AbortSignal): Promise<GiftCardOrder> {
    const { data } = await http.request({
      method: 'GET',
      path: `${ORDERS_PATH}/${id}`,
      schema: starshipOrderSchema,
      operation: 'getOrder',
      rateLimitKeys: { order: ref },
      signal,
    });
    return map(data);
  }

  /** Sends one part; its id, and the order when the answer holds all of it. */
  async function placePart(
    request: PlaceOrderRequest,
    part: StarshipPart,
    call: CallOptions,
  ): Promise<{ id: number; order?: GiftCardOrder }> {
    const line = request.lines[part.index]!;
    const { data, headers } = await http.request({
      method: 'POST',
      path: ORDERS_PATH,
      body: {
        product_id: Number(line.productId),
        denomination: twoDecimals(line.faceValue.amount),
        quantity: line.quantity,
        ref: part.ref,
      },
      headers: { 'idempotency-key': part.idempotencyKey },
      schema: starshipCreateAnswerSchema,
      idempotent: false,
      operation: 'placeOrder',
      rateLimitKeys: { order: part.ref },
      reference: request.reference,
      // Reported once per placement: for its first request, each time that request is (re-)sent.
      beforeSend: part.index === 0 ? call.onSend : undefined,
      signal: call.signal,
    });
    // A first create may already be final (instant products: DELIVERED with vouchers): use it. A replay
    // (ids only, or flagged `Idempotent-Replayed`) only proves the order exists under this key; what it
    // holds now is read by polling, so a lost answer is never taken for the order itself.
    const replayed = headerValue(headers, 'idempotent-replayed')?.trim().toLowerCase() === 'true';
    const full = replayed ? undefined : starshipOrderSchema.safeParse(data);
    return full?.success ? { id: data.id, order: map(full.data) } : { id: data.id };
  }

  async function placeOrder(input: unknown, call: CallOptions = {}): Promise<PlacementResult> {
    const request = parsePlaceOrderRequest(input);
    checkLines(request);
    const parts = starshipParts(request.reference, request.lines.length);
    const placed: { id: number; order?: GiftCardOrder }[] = [];
    for (const part of parts) {
      try {
        placed.push(await placePart(request, part, call));
      } catch (error) {
        // A later line refused while earlier ones are held at Starship is not a refusal of the order: the
        // engine must replay (which finds the earlier ones) rather than write the order off.
        if (placed.length > 0 && !OutcomeUnknownError.isInstance(error)) {
          throw new OutcomeUnknownError({
            vendor: STARSHIP_VENDOR,
            reference: request.reference,
            httpStatus: VendorApiError.isInstance(error) ? error.httpStatus : undefined,
            reason: 'unconfirmed_refusal',
            cause: error,
          });
        }
        throw error;
      }
    }
    const vendorOrderId = joinStarshipOrderIds(placed.map((p) => p.id));
    const orders = placed.map((p) => p.order);
    const result: PlacementResult = { reference: request.reference, vendorOrderId };
    if (orders.every((o): o is GiftCardOrder => o !== undefined)) {
      result.order = joinStarshipOrders(request.reference, orders, new Date(now()));
    }
    return result;
  }

  /**
   * Without a vendor id: page the order list newest-first, a bounded window (`searchPages` × 100), for the
   * parts whose `ref` is ours. List orders cannot filter by `ref`; replay is the real recovery path.
   */
  async function searchByReference(reference: string, signal?: AbortSignal): Promise<GiftCardOrder> {
    const found = new Map<number, StarshipOrder>();
    let count: number | undefined;
    for (let page = 1; page <= searchPages; page++) {
      const { data, headers } = await http.request({
        method: 'GET',
        path: ORDERS_PATH,
        query: { page, limit: LIST_LIMIT },
        schema: starshipOrderListSchema,
        operation: 'getOrder',
        signal,
      });
      for (const order of data) {
        const ref = order.reference_code ?? order.ref;
        if (!ref) continue;
        const part = parseStarshipPartRef(ref);
        if (part.reference !== reference) continue;
        count ??= part.count;
        if (!found.has(part.index)) found.set(part.index, order);
      }
      if (count !== undefined && found.size >= count) break;
      const hasMore = headerValue(headers, 'x-has-more');
      if (data.length < LIST_LIMIT || hasMore?.trim().toLowerCase() === 'false') break;
    }
    if (count === undefined || found.size < count) {
      throw new VendorApiError({
        vendor: STARSHIP_VENDOR,
        code: 'not_found',
        retryable: false,
        message: `${STARSHIP_VENDOR}: no order with this reference among the ${searchPages * LIST_LIMIT} newest (list orders cannot filter by ref)`,
      });
    }
    const parts = Array.from({ length: count }, (_, i) => map(found.get(i)!));
    return joinStarshipOrders(reference, parts, new Date(now()));
  }

  async function getOrder(ids: OrderIds, call: CallOptions = {}): Promise<GiftCardOrder> {
    const reference = ids.reference.toLowerCase();
    if (ids.vendorOrderId === undefined || ids.vendorOrderId === '') {
      return searchByReference(reference, call.signal);
    }
    const vendorIds = splitStarshipOrderIds(ids.vendorOrderId);
    if (!vendorIds) {
      throw new ValidationError('Starship order ids', [
        { path: 'vendorOrderId', message: 'must be Starship order ids (whole numbers > 0), comma-separated' },
      ]);
    }
    // The common case, one line: one read, nothing to join.
    if (vendorIds.length === 1) return fetchOrder(vendorIds[0]!, reference, call.signal);
    const parts = await Promise.all(
      vendorIds.map((id, index) =>
        fetchOrder(id, starshipPartRef(reference, index, vendorIds.length), call.signal),
      ),
    );
    return joinStarshipOrders(reference, parts, new Date(now()));
  }

  async function* listProducts(query: ProductQuery = {}, call: CallOptions = {}): AsyncIterable<Product[]> {
    const perPage = Math.min(query.pageSize ?? 100, 100);
    for (let page = 1; ; page++) {
      const { data, headers } = await http.request({
        method: 'GET',
        path: PRODUCTS_PATH,
        query: { page, per_page: perPage },
        schema: starshipProductListSchema,
        operation: 'listProducts',
        signal: call.signal,
      });
      const products = data
        .map((product) => mapStarshipProduct(product, currency))
        .filter((product) => matches(product, query));
      if (products.length > 0) yield products;
      if (data.length === 0 || !hasMorePages(headers, page)) return;
    }
  }

  return {
    specificationVersion: 'v1',
    vendor: STARSHIP_VENDOR,
    capabilities: STARSHIP_CAPABILITIES,
    limits,
    placeOrder,
    getOrder,
    listProducts,
    parseWebhook: (input) => parseStarshipWebhook(input, { secret: settings.webhookSecret, now }),
  };
}

/** `X-Has-More` decides; without it, `X-Total-Pages`; without either, an empty page ends the catalog. */
function hasMorePages(headers: Record<string, string | string[] | undefined>, page: number): boolean {
  const more = headerValue(headers, 'x-has-more')?.trim().toLowerCase();
  if (more === 'true') return true;
  if (more === 'false') return false;
  const total = Number(headerValue(headers, 'x-total-pages'));
  return Number.isFinite(total) && total > 0 ? page < total : true;
}

/** The filters Starship's products endpoint does not take, applied to each page. */
function matches(product: Product, query: ProductQuery): boolean {
  if (query.productId !== undefined && product.id !== query.productId) return false;
  if (query.currency !== undefined && product.currency !== query.currency.toUpperCase()) return false;
  if (query.country !== undefined && product.country !== query.country.toUpperCase()) return false;
  if (query.name !== undefined && !product.name.toLowerCase().includes(query.name.toLowerCase()))
    return false;
  return true;
}
