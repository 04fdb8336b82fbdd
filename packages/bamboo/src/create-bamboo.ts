import {
  type Balance,
  type CallOptions,
  ConfigurationError,
  type GiftCardOrder,
  money,
  type OrderIds,
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
import { z } from 'zod';
import packageJson from '../package.json';
import { BAMBOO_CAPABILITIES, BAMBOO_LIMITS } from './bamboo-limits';
import { BAMBOO_REASONS, findBambooReason } from './bamboo-reasons';
import { type BambooSettings, resolveBambooSettings } from './bamboo-settings';
import { buildBambooOrderBody, checkBambooLines, isBambooProductId } from './build-bamboo-order-body';
import { mapBambooBrand } from './map-bamboo-brand';
import { BAMBOO_VENDOR, mapBambooOrder } from './map-bamboo-order';
import { parseBambooWebhook } from './parse-bamboo-webhook';
import { createProductCache } from './product-cache';
import {
  bambooAccountsSchema,
  bambooCatalogPageSchema,
  bambooNotificationSettingsSchema,
  bambooOrderSchema,
  bambooPlaceOrderResponseSchema,
} from './schemas';
import { serializeBambooOrderBody } from './serialize-bamboo-order-body';

const ORDERS_PATH = '/api/integration/v1.0/orders';
const CATALOG_PATH = '/api/integration/v2.0/catalog';
const ACCOUNTS_PATH = '/api/integration/v1.0/accounts';
const NOTIFICATION_PATH = '/api/integration/v1.0/notification';

/** Catalog failures worth trying again later: the order waits for its check rather than going unchecked. */
const TRANSIENT_CATALOG_FAILURES = new Set([
  'vendor_unavailable',
  'timeout',
  'network_error',
  'rate_limited',
]);

export interface BambooNotificationSettings {
  notificationUrl?: string;
  notificationUrlSandbox?: string;
  secretKey?: string;
}

export interface BambooCatalogQuery extends ProductQuery {
  /** Only brands/products changed since this ISO date. */
  modifiedSince?: string;
  /** Converts prices into this currency. */
  targetCurrency?: string;
}

/** The Bamboo adapter: the vendor spec plus Bamboo's notification settings. */
export interface BambooAdapter extends VendorAdapter {
  checkOrder(request: PlaceOrderRequest, options?: CallOptions): Promise<void>;
  listProducts(query?: BambooCatalogQuery, options?: CallOptions): AsyncIterable<Product[]>;
  getBalance(options?: CallOptions): Promise<Balance[]>;
  parseWebhook(input: WebhookInput): Promise<WebhookEvent>;
  setNotification(settings: BambooNotificationSettings, options?: CallOptions): Promise<void>;
  getNotification(options?: CallOptions): Promise<BambooNotificationSettings>;
}

/**
 * Creates a Bamboo Card client. Credentials fall back to `BAMBOO_CLIENT_ID` / `BAMBOO_CLIENT_SECRET`.
 *
 * @example
 * const bamboo = createBamboo({ clientId, clientSecret, accountId: 555 });
 * await bamboo.placeOrder({ reference: randomUUID(), lines: [{ productId: '439685', quantity: 1, faceValue: { amount: '10', currency: 'USD' } }] });
 * const order = await bamboo.getOrder({ reference });
 */
export function createBamboo(options: BambooSettings = {}): BambooAdapter {
  const settings = resolveBambooSettings(options);
  const now = options.now ?? Date.now;
  const limits = options.limits ?? BAMBOO_LIMITS;
  const authorization = `Basic ${Buffer.from(`${settings.clientId}:${settings.clientSecret.reveal()}`).toString('base64')}`;
  // What the catalog says each product is, so every line is checked before money is spent on it.
  const products = createProductCache({
    ttlMs: options.catalogCacheMs ?? 10 * 60_000,
    now,
    load: loadProduct,
  });

  const http = createHttpClient({
    vendor: BAMBOO_VENDOR,
    baseUrl: settings.baseUrl,
    userAgent: userAgent(packageJson.name, packageJson.version),
    dispatcher: options.dispatcher,
    timeoutMs: options.timeoutMs,
    headers: () => ({ authorization }),
    retry: { maxAttempts: options.maxAttempts ?? 3 },
    rateLimiter: createRateLimiter({
      vendor: BAMBOO_VENDOR,
      rules: limits.rateLimits,
      store: options.rateLimitStore,
      safetyMarginMs: options.rateLimitMarginMs ?? 1,
    }),
    classifyError: ({ json, bodyText }) => {
      const reason = findBambooReason(json ?? bodyText);
      if (!reason) return undefined;
      const mapping = BAMBOO_REASONS[reason]!;
      return { code: mapping.code, vendorCode: reason, retryable: mapping.retryable };
    },
  });

  async function getOrder(ids: OrderIds, call: CallOptions = {}): Promise<GiftCardOrder> {
    const { data } = await http.request({
      method: 'GET',
      path: `${ORDERS_PATH}/${encodeURIComponent(ids.reference)}`,
      schema: bambooOrderSchema,
      operation: 'getOrder',
      rateLimitKeys: { order: ids.reference },
      signal: call.signal,
    });
    return mapBambooOrder(data, new Date(now()));
  }

  /** One product from the catalog (the `ProductId` filter), or `undefined` when the catalog lacks it. */
  async function loadProduct(productId: string, signal?: AbortSignal): Promise<Product | undefined> {
    for await (const page of listProducts({ productId }, { signal })) {
      const product = page.find((p) => p.id === productId);
      if (product) return product;
    }
    return undefined;
  }

  /**
   * The catalog entries of the request's products. When the catalog cannot be read the order is not sent
   * unchecked: the error says nothing was sent (no HTTP status of its own, so nobody mistakes it for an
   * answer to the placement) and is retryable when the catalog's failure was.
   */
  async function productsFor(request: PlaceOrderRequest, signal?: AbortSignal) {
    const ids = request.lines.map((line) => line.productId).filter(isBambooProductId);
    try {
      return await products.resolve(ids, signal);
    } catch (error) {
      if (!VendorApiError.isInstance(error)) throw error;
      throw new VendorApiError({
        vendor: BAMBOO_VENDOR,
        code: error.code,
        retryable: error.retryable || TRANSIENT_CATALOG_FAILURES.has(error.code),
        retryAfterMs: error.retryAfterMs,
        message: `${BAMBOO_VENDOR}: the catalog could not be read to check the order (${error.code}); nothing was sent`,
        cause: error,
      });
    }
  }

  async function checkOrder(input: PlaceOrderRequest, call: CallOptions = {}): Promise<void> {
    const request = parsePlaceOrderRequest(input);
    const issues = checkBambooLines(request, await productsFor(request, call.signal));
    if (issues.length > 0) throw new ValidationError('Bamboo order', issues);
  }

  async function placeOrder(input: unknown, call: CallOptions = {}): Promise<PlacementResult> {
    if (settings.accountId === undefined) {
      throw new ConfigurationError(
        'Bamboo accountId is missing: pass { accountId } to createBamboo() or set BAMBOO_ACCOUNT_ID',
      );
    }
    const parsed = parsePlaceOrderRequest(input);
    const { request, body } = buildBambooOrderBody(
      parsed,
      settings.accountId,
      await productsFor(parsed, call.signal),
    );
    const productIds = body.Products.map((p) => String(p.ProductId));
    try {
      const { data } = await http.request({
        method: 'POST',
        path: `${ORDERS_PATH}/checkout`,
        rawBody: serializeBambooOrderBody(body),
        schema: bambooPlaceOrderResponseSchema,
        idempotent: false,
        operation: 'placeOrder',
        rateLimitKeys: { products: productIds },
        reference: request.reference,
        beforeSend: call.onSend,
        signal: call.signal,
      });
      return { reference: data };
    } catch (error) {
      // Bamboo judged a face value the cached entry allowed: the catalog changed; read it afresh next time.
      if (VendorApiError.isInstance(error) && error.code === 'invalid_denomination')
        products.forget(productIds);
      throw error;
    }
  }

  async function* listProducts(
    query: BambooCatalogQuery = {},
    call: CallOptions = {},
  ): AsyncIterable<Product[]> {
    const pageSize = query.pageSize ?? 100;
    for (let pageIndex = 0; ; pageIndex++) {
      const { data } = await http.request({
        method: 'GET',
        path: CATALOG_PATH,
        query: {
          CurrencyCode: query.currency,
          CountryCode: query.country,
          Name: query.name,
          ProductId: query.productId,
          BrandId: query.brandId,
          ModifiedDate: query.modifiedSince,
          TargetCurrency: query.targetCurrency,
          PageSize: pageSize,
          PageIndex: pageIndex,
        },
        schema: bambooCatalogPageSchema,
        operation: 'listProducts',
        signal: call.signal,
      });
      const brands = data.items ?? [];
      const found = brands.flatMap(mapBambooBrand);
      for (const product of found) products.remember(product);
      if (found.length > 0) yield found;
      // Pages count brands; stop at the last one, or at an empty page if `count` lies.
      if (brands.length === 0 || (pageIndex + 1) * data.pageSize >= data.count) return;
    }
  }

  async function getBalance(call: CallOptions = {}): Promise<Balance[]> {
    const { data } = await http.request({
      method: 'GET',
      path: ACCOUNTS_PATH,
      schema: bambooAccountsSchema,
      operation: 'getBalance',
      signal: call.signal,
    });
    return data.accounts.map((account) => {
      const balance: Balance = {
        accountId: String(account.id),
        available: money(account.balance, account.currency),
        active: account.isActive,
      };
      if (account.sandboxMode !== null && account.sandboxMode !== undefined)
        balance.sandbox = account.sandboxMode;
      return balance;
    });
  }

  async function setNotification(
    notification: BambooNotificationSettings,
    call: CallOptions = {},
  ): Promise<void> {
    await http.request({
      method: 'POST',
      path: NOTIFICATION_PATH,
      body: notification,
      schema: z.unknown(),
      // Setting the same values twice is harmless, so retries are safe.
      idempotent: true,
      signal: call.signal,
    });
  }

  async function getNotification(call: CallOptions = {}): Promise<BambooNotificationSettings> {
    const { data } = await http.request({
      method: 'GET',
      path: NOTIFICATION_PATH,
      schema: bambooNotificationSettingsSchema,
      signal: call.signal,
    });
    const result: BambooNotificationSettings = {};
    if (data.notificationUrl) result.notificationUrl = data.notificationUrl;
    if (data.notificationUrlSandbox) result.notificationUrlSandbox = data.notificationUrlSandbox;
    if (data.secretKey) result.secretKey = data.secretKey;
    return result;
  }

  return {
    specificationVersion: 'v1',
    vendor: BAMBOO_VENDOR,
    capabilities: BAMBOO_CAPABILITIES,
    limits,
    placeOrder,
    checkOrder,
    getOrder,
    listProducts,
    getBalance,
    setNotification,
    getNotification,
    parseWebhook: (input) =>
      parseBambooWebhook(input, {
        notificationSecret: settings.notificationSecret,
        webhookSecret: settings.webhookSecret,
        now,
      }),
  };
}
