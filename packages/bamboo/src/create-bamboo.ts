import {
  type Balance,
  type CallOptions,
  ConfigurationError,
  type GiftCardOrder,
  money,
  type OrderIds,
  type PlacementResult,
  type Product,
  type ProductQuery,
  type VendorAdapter,
  type WebhookEvent,
  type WebhookInput,
} from '@giftwire/core';
import { createHttpClient, createRateLimiter, userAgent } from '@giftwire/http';
import { z } from 'zod';
import packageJson from '../package.json';
import { BAMBOO_CAPABILITIES, BAMBOO_LIMITS } from './bamboo-limits';
import { type BambooSettings, resolveBambooSettings } from './bamboo-settings';
import { mapBambooBrand } from './map-catalog';
import { BAMBOO_VENDOR, mapBambooOrder } from './map-order';
import { parseBambooWebhook } from './parse-bamboo-webhook';
import { BAMBOO_REASONS, findBambooReason } from './reason-codes';
import {
  bambooAccountsSchema,
  bambooCatalogPageSchema,
  bambooNotificationSettingsSchema,
  bambooOrderSchema,
  bambooPlaceOrderResponseSchema,
} from './schemas';
import { buildBambooOrderBody } from './validate-place-order';

const ORDERS_PATH = '/api/integration/v1.0/orders';
const CATALOG_PATH = '/api/integration/v2.0/catalog';
const ACCOUNTS_PATH = '/api/integration/v1.0/accounts';
const NOTIFICATION_PATH = '/api/integration/v1.0/notification';

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
  // Products seen in the catalog, so Place Order can check face values before spending a call.
  const knownProducts = new Map<string, Product>();

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

  async function placeOrder(input: unknown, call: CallOptions = {}): Promise<PlacementResult> {
    if (settings.accountId === undefined) {
      throw new ConfigurationError(
        'Bamboo accountId is missing: pass { accountId } to createBamboo() or set BAMBOO_ACCOUNT_ID',
      );
    }
    const { request, body } = buildBambooOrderBody(input, settings.accountId, knownProducts);
    const { data } = await http.request({
      method: 'POST',
      path: `${ORDERS_PATH}/checkout`,
      body,
      schema: bambooPlaceOrderResponseSchema,
      idempotent: false,
      operation: 'placeOrder',
      rateLimitKeys: { products: body.Products.map((p) => String(p.ProductId)) },
      reference: request.reference,
      signal: call.signal,
    });
    return { reference: data };
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
      const products = brands.flatMap(mapBambooBrand);
      for (const product of products) knownProducts.set(product.id, product);
      if (products.length > 0) yield products;
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
