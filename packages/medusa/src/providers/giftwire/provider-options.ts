import type { BambooSettings } from '@giftwire/bamboo';
import { createVoucherCipher, type EncryptionSettings } from '@giftwire/engine';
import { MedusaError } from '@medusajs/framework/utils';
import { PLACE_ON_VALUES, type PlaceOn } from '../../lib/order-payment';
import { VENDOR_NAMES, type VendorName, vendorFactory } from './vendors';

export interface ProductMapping {
  /** The vendor's product id, e.g. Bamboo `439685`. */
  productId: string;
  /** The card's face value: a decimal string and an ISO 4217 code, never a float. */
  faceValue: { amount: string; currency: string };
}

/** One provider registration = one vendor (`giftwire_bamboo`). */
export interface GiftwireProviderOptions {
  vendor: VendorName;
  /** That vendor's settings, as its factory takes them (`createBamboo(settings)`); env fallbacks apply. */
  settings?: BambooSettings;
  /** Medusa variant SKU → vendor product. A line item may also carry `metadata.giftwire_sku` to pick an entry. */
  products: Record<string, ProductMapping>;
  /** Voucher keys; default from `GIFTWIRE_ENCRYPTION_KEY` (base64, 32 bytes) under id `GIFTWIRE_ENCRYPTION_KEY_ID` or `k1`. */
  encryption?: EncryptionSettings;
  /** Where the engine's tables live (schema `giftwire`); default `DATABASE_URL`, Medusa's own database. */
  databaseUrl?: string;
  /** Schema for the engine's tables; default `giftwire`. */
  schema?: string;
  /** Start the engine's in-process poller when the provider first needs it; default true. */
  autoStart?: boolean;
  /**
   * Where the customer reads their codes; `{order_id}` is replaced. The notification links here (it never
   * carries codes). Default: the store route `/store/giftwire/orders/{order_id}/codes`.
   */
  codesUrl?: string;
  /** Template of the "codes ready" notification (channel `email`); default `giftwire-codes-ready`. */
  notificationTemplate?: string;
  /**
   * A vendor order that settled for an order none of whose fulfillments carries its reference (a rolled-back
   * fulfillment whose vendor order could not be cancelled) is kept as `unassigned` after this long; default
   * 10 minutes (before that, Medusa may simply not have written the fulfillment yet).
   */
  unassignedAfterMs?: number;
  /**
   * When the vendor order is placed: `captured` (default) once the order's payment is captured in full;
   * `authorized` as soon as it is authorized — only for payment providers that capture at once, since an
   * authorization can still be voided or fail to capture after the codes went out.
   */
  placeOn?: PlaceOn;
  /**
   * HMAC key (at least 32 characters) for the signed links that let a guest — an order without a customer
   * account — read their codes; default `GIFTWIRE_CODES_LINK_SECRET`. Without one, guests get no link.
   */
  linkSecret?: string;
  /** How long a signed codes link works; default 30 days. */
  linkTtlMs?: number;
  /**
   * Where a guest's notification links; `{token}` is replaced by the signed token (it names the order and
   * never carries a code). Default: the store route `/store/giftwire/links/{token}`.
   */
  codesLinkUrl?: string;
}

export interface ResolvedProviderOptions extends GiftwireProviderOptions {
  encryption: EncryptionSettings;
  databaseUrl: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

function invalid(option: string, message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `giftwire provider option "${option}" ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function encryptionFrom(options: Record<string, unknown>, env: NodeJS.ProcessEnv): EncryptionSettings {
  if (options.encryption !== undefined) {
    if (!isRecord(options.encryption) || !isRecord(options.encryption.keys)) {
      invalid('encryption', 'must be { keys: { <id>: <base64 32-byte key> }, activeKeyId }');
    }
    return options.encryption as unknown as EncryptionSettings;
  }
  const key = env.GIFTWIRE_ENCRYPTION_KEY;
  if (!key) {
    invalid(
      'encryption',
      'is missing: pass { encryption } or set GIFTWIRE_ENCRYPTION_KEY (base64, 32 bytes)',
    );
  }
  const id = env.GIFTWIRE_ENCRYPTION_KEY_ID ?? 'k1';
  return { keys: { [id]: key }, activeKeyId: id };
}

/**
 * Checks everything boot can check without calling the vendor; the first problem stops boot with the
 * option's name ("Loaders for module Fulfillment failed: giftwire provider option ...").
 */
export function resolveProviderOptions(
  raw: unknown,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedProviderOptions {
  if (!isRecord(raw)) invalid('(options)', 'must be an object');
  const vendor = raw.vendor;
  if (typeof vendor !== 'string' || !(VENDOR_NAMES as readonly string[]).includes(vendor)) {
    invalid('vendor', `must be one of ${VENDOR_NAMES.join(', ')}; got ${JSON.stringify(vendor)}`);
  }
  if (raw.settings !== undefined && !isRecord(raw.settings)) invalid('settings', 'must be an object');
  try {
    // The vendor's own factory resolves settings and env fallbacks and names what is missing.
    vendorFactory(vendor as VendorName)((raw.settings ?? {}) as BambooSettings);
  } catch (error) {
    invalid('settings', `is invalid for ${vendor}: ${(error as Error).message}`);
  }
  if (!isRecord(raw.products) || Object.keys(raw.products).length === 0) {
    invalid('products', 'must map at least one SKU to { productId, faceValue: { amount, currency } }');
  }
  for (const [sku, entry] of Object.entries(raw.products)) {
    const at = `products.${sku}`;
    if (!isRecord(entry)) invalid(at, 'must be { productId, faceValue: { amount, currency } }');
    if (typeof entry.productId !== 'string' || entry.productId.trim() === '') {
      invalid(`${at}.productId`, 'must be a non-empty string');
    }
    const face = entry.faceValue;
    if (!isRecord(face)) invalid(`${at}.faceValue`, 'must be { amount, currency }');
    if (typeof face.amount !== 'string' || !DECIMAL.test(face.amount)) {
      invalid(`${at}.faceValue.amount`, 'must be a decimal string such as "10" or "25.50"');
    }
    if (typeof face.currency !== 'string' || !CURRENCY.test(face.currency)) {
      invalid(`${at}.faceValue.currency`, 'must be an ISO 4217 code such as "USD"');
    }
  }
  const encryption = encryptionFrom(raw, env);
  try {
    createVoucherCipher(encryption);
  } catch (error) {
    invalid('encryption', (error as Error).message);
  }
  const databaseUrl = raw.databaseUrl ?? env.DATABASE_URL;
  if (typeof databaseUrl !== 'string' || databaseUrl === '') {
    invalid('databaseUrl', 'is missing: pass { databaseUrl } or set DATABASE_URL');
  }
  if (
    raw.schema !== undefined &&
    (typeof raw.schema !== 'string' || !/^[a-z_][a-z0-9_]*$/.test(raw.schema))
  ) {
    invalid('schema', 'must be a lower-case SQL identifier');
  }
  if (raw.autoStart !== undefined && typeof raw.autoStart !== 'boolean')
    invalid('autoStart', 'must be a boolean');
  if (
    raw.unassignedAfterMs !== undefined &&
    (typeof raw.unassignedAfterMs !== 'number' ||
      !Number.isInteger(raw.unassignedAfterMs) ||
      raw.unassignedAfterMs < 0)
  ) {
    invalid('unassignedAfterMs', 'must be a whole number of milliseconds, 0 or more');
  }
  if (raw.placeOn !== undefined && !(PLACE_ON_VALUES as readonly unknown[]).includes(raw.placeOn)) {
    invalid('placeOn', `must be one of ${PLACE_ON_VALUES.join(', ')}; got ${JSON.stringify(raw.placeOn)}`);
  }
  const linkSecret = raw.linkSecret ?? env.GIFTWIRE_CODES_LINK_SECRET;
  if (linkSecret !== undefined && (typeof linkSecret !== 'string' || linkSecret.length < 32)) {
    // Never echo the value: it is a signing key.
    invalid('linkSecret', 'must be at least 32 characters (or set GIFTWIRE_CODES_LINK_SECRET)');
  }
  if (
    raw.linkTtlMs !== undefined &&
    (typeof raw.linkTtlMs !== 'number' || !Number.isInteger(raw.linkTtlMs) || raw.linkTtlMs <= 0)
  ) {
    invalid('linkTtlMs', 'must be a whole number of milliseconds above 0');
  }
  for (const option of ['codesUrl', 'notificationTemplate', 'codesLinkUrl'] as const) {
    if (raw[option] !== undefined && (typeof raw[option] !== 'string' || raw[option] === '')) {
      invalid(option, 'must be a non-empty string');
    }
  }
  return {
    ...(raw as unknown as GiftwireProviderOptions),
    encryption,
    databaseUrl,
    ...(linkSecret ? { linkSecret } : {}),
  };
}
