import {
  type CallOptions,
  type CancelResult,
  type OrderIds,
  OutcomeUnknownError,
  type PlacementResult,
  parsePlaceOrderRequest,
  Secret,
  type VendorAdapter,
  VendorApiError,
  type VendorOperation,
} from '@giftwire/core';
import {
  createHttpClient,
  createRateLimiter,
  type HttpResponse,
  parseJsonSafely,
  userAgent,
} from '@giftwire/http';
import type { z } from 'zod';
import packageJson from '../package.json';
import { BUDGETREE_CAPABILITIES, BUDGETREE_LIMITS } from './budgetree-limits';
import { BUDGETREE_REASONS, classifyBudgetreeReason } from './budgetree-reasons';
import { type BudgetreeSettings, resolveBudgetreeSettings } from './budgetree-settings';
import { budgetreeSignature, canonicalJson } from './budgetree-signature';
import { buildBudgetreeOrderBody } from './build-budgetree-order-body';
import { BUDGETREE_VENDOR, type BudgetreeOrder, mapBudgetreeOrder } from './map-budgetree-order';
import { createMemoryPlacedOrderStore } from './placed-order-store';
import {
  type BudgetreeCard,
  budgetreeCardsPageSchema,
  budgetreeCreateResponseSchema,
  budgetreeOrderStatusSchema,
  budgetreeReverseSchema,
  budgetreeTokenSchema,
  budgetreeVerifySchema,
} from './schemas';
import { mapBudgetreeOrderStatus } from './status-tables';
import { createTokenCache } from './token-cache';

/** Verify-then-exchange purchases tried when an exchange's answer is lost, before the error is the caller's. */
const TOKEN_PURCHASE_ATTEMPTS = 3;

const ORDERS_PATH = '/rest/v3/orders';
/** Most cards read for one order when the cards answer gives no total. */
const MAX_CARDS_READ = 100_000;
/** Budgetree's page-size limit of the activated cards call. */
export const BUDGETREE_MAX_CARDS_PAGE = 500;

/** The Budgetree adapter: the vendor spec, with Budgetree's cancel window on every order it returns. */
export interface BudgetreeAdapter extends VendorAdapter {
  getOrder(ids: OrderIds, options?: CallOptions): Promise<BudgetreeOrder>;
  cancelOrder(ids: OrderIds, options?: CallOptions): Promise<CancelResult>;
}

interface SignedRequest<S extends z.ZodType> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number>;
  body?: unknown;
  schema: S;
  idempotent?: boolean;
  operation?: VendorOperation;
  reference?: string;
  beforeSend?: () => Promise<void> | void;
  signal?: AbortSignal | undefined;
}

/** The same error with a clearer message of our own words; the body stays a Secret, never in the message. */
function withMessage(error: VendorApiError, message: string): VendorApiError {
  return new VendorApiError({
    vendor: error.vendor,
    code: error.code,
    retryable: error.retryable,
    httpStatus: error.httpStatus,
    vendorCode: error.vendorCode,
    requestId: error.requestId,
    retryAfterMs: error.retryAfterMs,
    headers: error.headers,
    body: error.body?.reveal(),
    invalidPaths: error.invalidPaths,
    message,
    cause: error,
  });
}

/** Explains a refusal: a known reason code in our words, a non-JSON answer (a firewall page) as such. */
function explain(error: unknown): unknown {
  if (!VendorApiError.isInstance(error) || error.httpStatus === undefined) return error;
  const status = `HTTP ${error.httpStatus}`;
  const known = error.vendorCode ? BUDGETREE_REASONS[error.vendorCode] : undefined;
  if (known) {
    return withMessage(error, `budgetree: ${error.code} ${error.vendorCode} (${status}): ${known.meaning}`);
  }
  const text = error.body?.reveal() ?? '';
  if (error.httpStatus >= 400 && text.length > 0 && !parseJsonSafely(text).ok) {
    return withMessage(
      error,
      `budgetree: ${error.code} (${status}): the answer was not JSON (an HTML page, as a firewall sends for an address outside the allowlist)`,
    );
  }
  return error;
}

/**
 * Creates a Budgetree client. Credentials fall back to `BUDGETREE_CLIENT_ID`, `BUDGETREE_CLIENT_SECRET`,
 * `BUDGETREE_USERNAME`, `BUDGETREE_PASSWORD`; the base URL to `BUDGETREE_BASE_URL`.
 *
 * @example
 * const budgetree = createBudgetree({ clientId, clientSecret, username, password, baseUrl });
 * await budgetree.placeOrder({ reference: randomUUID(), lines: [{ productId: 'BT-GIFT-INR', quantity: 1, faceValue: { amount: '500', currency: 'INR' } }] });
 * const order = await budgetree.getOrder({ reference });
 */
export function createBudgetree(options: BudgetreeSettings = {}): BudgetreeAdapter {
  const settings = resolveBudgetreeSettings(options);
  const now = options.now ?? Date.now;
  const limits = options.limits ?? BUDGETREE_LIMITS;
  const placedOrders = options.placedOrders ?? createMemoryPlacedOrderStore();
  const paymentCode = options.paymentCode ?? 'svc';
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');

  const http = createHttpClient({
    vendor: BUDGETREE_VENDOR,
    baseUrl,
    userAgent: userAgent(packageJson.name, packageJson.version),
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    retry: { maxAttempts: options.maxAttempts ?? 3 },
    // Budgetree publishes no limit; a shop's own rules in `limits` are kept all the same.
    rateLimiter:
      limits.rateLimits.length > 0
        ? createRateLimiter({
            vendor: BUDGETREE_VENDOR,
            rules: limits.rateLimits,
            store: options.rateLimitStore,
          })
        : undefined,
    classifyError: ({ status, json }) => classifyBudgetreeReason(status, json),
  });

  /**
   * OAuth: verify the API user, then trade the authorization code for a token. A code is single-use, so the
   * exchange is never sent twice with one code: when its answer is lost (a timeout, a dropped connection, a
   * 5xx) the vendor may have used the code already and would refuse it again with 401 — the purchase starts
   * over from verify instead, a few times at most.
   */
  async function buyToken(): Promise<Secret<string>> {
    for (let attempt = 1; ; attempt += 1) {
      const { data: verified } = await http.request({
        method: 'POST',
        path: '/oauth2/verify',
        body: {
          clientId: settings.clientId,
          username: settings.username,
          password: settings.password.reveal(),
        },
        schema: budgetreeVerifySchema,
        // Asking again only yields another code: safe to retry.
        idempotent: true,
      });
      try {
        const { data } = await http.request({
          method: 'POST',
          path: '/oauth2/token',
          body: {
            clientId: settings.clientId,
            clientSecret: settings.clientSecret.reveal(),
            authorizationCode: verified.authorizationCode,
          },
          schema: budgetreeTokenSchema,
          idempotent: false,
        });
        return new Secret(data.token);
      } catch (error) {
        const lost =
          OutcomeUnknownError.isInstance(error) || (VendorApiError.isInstance(error) && error.retryable);
        if (!lost || attempt >= TOKEN_PURCHASE_ATTEMPTS) throw error;
      }
    }
  }

  const tokens = createTokenCache({
    fetch: buyToken,
    refreshAfterMs: options.tokenRefreshAfterMs ?? 6 * 24 * 3_600_000,
    now,
  });

  /**
   * Every API call: bearer token, `dateAtClient` and the signature (budgetree-signature.ts). The body is
   * sent exactly as signed (canonical JSON). A 401 buys a new token and sends once more — never a loop.
   */
  async function call<S extends z.ZodType>(req: SignedRequest<S>): Promise<HttpResponse<z.output<S>>> {
    const pairs = Object.entries(req.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]);
    const search = pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
    const path = req.path + search;
    const rawBody = req.body === undefined ? undefined : canonicalJson(req.body);
    for (let attempt = 1; ; attempt++) {
      const token = await tokens.get();
      const headers = {
        authorization: `Bearer ${token.reveal()}`,
        dateAtClient: new Date(now()).toISOString(),
        signature: budgetreeSignature(settings.clientSecret.reveal(), req.method, baseUrl + path, req.body),
      };
      try {
        return await http.request({
          method: req.method,
          path,
          rawBody,
          headers,
          schema: req.schema,
          idempotent: req.idempotent,
          operation: req.operation,
          reference: req.reference,
          beforeSend: req.beforeSend,
          signal: req.signal,
        });
      } catch (error) {
        if (attempt === 1 && VendorApiError.isInstance(error) && error.httpStatus === 401) {
          tokens.invalidate(token);
          continue;
        }
        throw explain(error);
      }
    }
  }

  /**
   * Every activated card, `limit` at a time; `not_yet` while Budgetree says so (409), `cancelled` for 410.
   */
  async function readCards(
    orderId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ cards: BudgetreeCard[]; currency?: string } | 'not_yet' | 'cancelled'> {
    const limit = Math.min(options.cardsPageSize ?? BUDGETREE_MAX_CARDS_PAGE, BUDGETREE_MAX_CARDS_PAGE);
    const cards: BudgetreeCard[] = [];
    let currency: string | undefined;
    for (let offset = 0; ; offset += limit) {
      let page: z.output<typeof budgetreeCardsPageSchema>;
      try {
        ({ data: page } = await call({
          method: 'GET',
          path: `/rest/v3/order/${encodeURIComponent(orderId)}/cards`,
          query: { offset, limit },
          schema: budgetreeCardsPageSchema,
          operation: 'getOrder',
          signal,
        }));
      } catch (error) {
        if (VendorApiError.isInstance(error) && error.httpStatus === 409) return 'not_yet';
        if (VendorApiError.isInstance(error) && error.httpStatus === 410) return 'cancelled';
        throw error;
      }
      cards.push(...page.cards);
      currency ??= page.currency ?? undefined;
      const done = page.cards.length < limit || (page.total != null && cards.length >= page.total);
      if (done) return currency === undefined ? { cards } : { cards, currency };
      // Full pages without end and without a total: a broken answer, not an order to read forever.
      if (page.total == null && cards.length >= MAX_CARDS_READ) {
        throw new VendorApiError({
          vendor: BUDGETREE_VENDOR,
          code: 'invalid_response',
          retryable: false,
          message: `budgetree: invalid_response: the cards call kept answering full pages past ${MAX_CARDS_READ} cards`,
        });
      }
    }
  }

  async function getOrder(ids: OrderIds, opts: CallOptions = {}): Promise<BudgetreeOrder> {
    const { data: status } = await call({
      method: 'GET',
      path: `${ORDERS_PATH}/${encodeURIComponent(ids.reference)}`,
      schema: budgetreeOrderStatusSchema,
      operation: 'getOrder',
      signal: opts.signal,
    });
    const body = await placedOrders.recall(ids.reference);
    // The page marks `refno` optional: an answer without one is about the refno it was asked for.
    const mapOptions = {
      currency: settings.currency,
      now: new Date(now()),
      reference: ids.reference,
      ...(body && { body }),
    };
    // Mapped without cards first: COMPLETE reads as `processing` until the activated cards are in hand.
    const withoutCards = mapBudgetreeOrder(status, undefined, mapOptions);
    if (mapBudgetreeOrderStatus(withoutCards.rawStatus ?? '').status !== 'fulfilled') return withoutCards;
    const orderId = status.orderId ?? ids.vendorOrderId;
    if (orderId === undefined) {
      throw new VendorApiError({
        vendor: BUDGETREE_VENDOR,
        code: 'invalid_response',
        retryable: true,
        message:
          'budgetree: invalid_response: a COMPLETE order without an orderId, so its cards cannot be read',
      });
    }
    const cards = await readCards(orderId, opts.signal);
    if (cards === 'not_yet') return withoutCards;
    if (cards === 'cancelled')
      return mapBudgetreeOrder({ ...status, status: 'CANCELED' }, undefined, mapOptions);
    return mapBudgetreeOrder(status, cards.cards, {
      ...mapOptions,
      ...(cards.currency && { cardsCurrency: cards.currency }),
    });
  }

  async function placeOrder(input: unknown, opts: CallOptions = {}): Promise<PlacementResult> {
    const request = parsePlaceOrderRequest(input);
    const body = buildBudgetreeOrderBody(request, paymentCode);
    // Kept before the first byte leaves: if the answer is lost, a reversal still needs the exact body.
    await placedOrders.remember(body.refno, body);
    const { data } = await call({
      method: 'POST',
      path: ORDERS_PATH,
      body,
      schema: budgetreeCreateResponseSchema,
      idempotent: false,
      operation: 'placeOrder',
      reference: request.reference,
      beforeSend: opts.onSend,
      signal: opts.signal,
    });
    const result: PlacementResult = { reference: request.reference, vendorOrderId: data.orderId };
    if (data.cards && data.cards.length > 0 && mapBudgetreeOrderStatus(data.status).status === 'fulfilled') {
      // A sync answer (201) carries the cards: it is the order itself.
      try {
        result.order = mapBudgetreeOrder(
          {
            status: data.status,
            orderId: data.orderId,
            refno: data.refno ?? null,
            cancel: data.cancel ?? null,
          },
          data.cards,
          {
            body,
            currency: settings.currency,
            now: new Date(now()),
            ...(data.currency && { cardsCurrency: data.currency }),
          },
        );
      } catch (error) {
        throw new OutcomeUnknownError({
          vendor: BUDGETREE_VENDOR,
          reference: request.reference,
          reason: 'invalid_response',
          cause: error,
        });
      }
    }
    return result;
  }

  async function cancelOrder(ids: OrderIds, opts: CallOptions = {}): Promise<CancelResult> {
    const body = await placedOrders.recall(ids.reference);
    if (!body) {
      throw new VendorApiError({
        vendor: BUDGETREE_VENDOR,
        code: 'invalid_request',
        retryable: false,
        message: `budgetree: cannot reverse order ${ids.reference}: a reversal repeats the create body, which this client does not hold (give createBudgetree a durable placedOrders store); nothing was sent`,
      });
    }
    const reverse = () =>
      call({
        method: 'POST',
        path: `${ORDERS_PATH}/reverse`,
        body,
        schema: budgetreeReverseSchema,
        // Retried here, not by the HTTP client, so that the retry's answer can be read for what it says
        // about the first attempt.
        idempotent: false,
        operation: 'cancelOrder',
        signal: opts.signal,
      });
    let status: number;
    try {
      ({ status } = await reverse());
    } catch (error) {
      // Only a failure that says nothing about the reversal: a Budgetree answer (8221 too) is final here.
      const mayRetry =
        OutcomeUnknownError.isInstance(error) ||
        (VendorApiError.isInstance(error) && error.retryable && error.vendorCode === undefined);
      if (!mayRetry) throw error;
      try {
        ({ status } = await reverse());
      } catch (again) {
        // 8221 right after our own unanswered attempt: that attempt landed and its reversal is running.
        if (VendorApiError.isInstance(again) && again.vendorCode === '8221') return { outcome: 'accepted' };
        throw again;
      }
    }
    return { outcome: status === 202 ? 'accepted' : 'already_cancelled' };
  }

  return {
    specificationVersion: 'v1',
    vendor: BUDGETREE_VENDOR,
    capabilities: BUDGETREE_CAPABILITIES,
    limits,
    placeOrder,
    getOrder,
    cancelOrder,
  };
}
