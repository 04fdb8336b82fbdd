import { PositiveMoneySchema } from '@giftwire/core';
import { createVoucherCipher, type EncryptionSettings } from '@giftwire/engine';
import { MedusaError } from '@medusajs/framework/utils';
import { PLACE_ON_VALUES, type PlaceOn } from '../../lib/not-placeable-reason';
import { KNOWN_VENDORS, vendorFactory } from './vendor-factory';

export interface ProductMapping {
  /**
   * Which vendor fulfils this SKU: one of the registration's `vendors` (multi-vendor form, required there). In
   * the single-vendor form it defaults to (and must be) the registration's `vendor`.
   */
  vendor?: string;
  /** The vendor's product id, e.g. Bamboo `439685`. */
  productId: string;
  /** The card's face value: a decimal string and an ISO 4217 code, never a float. */
  faceValue: { amount: string; currency: string };
}

/**
 * One provider registration = one engine, one shipping option "Digital delivery", one set of engine tables.
 * Two forms:
 * - multi-vendor: `vendors: { bamboo: {...}, starship: {...} }` and every product names its `vendor`; one
 *   registration (default id `digital` → `giftwire_digital`) serves every vendor, one fulfillment per vendor.
 * - single-vendor shorthand: `vendor: 'bamboo'` + `settings` (default id: the vendor's name).
 * The same vendor twice (two accounts) is two registrations under distinct provider entry ids.
 */
export interface GiftwireProviderOptions {
  /**
   * Single-vendor form: the vendor, by name: `bamboo`, `starship`, `budgetree` or `gifthub`; its package
   * `@giftwire/<vendor>` must be installed. Not together with `vendors`.
   */
  vendor?: string;
  /**
   * Multi-vendor form: vendor name → that vendor's settings, as its factory takes them (`createStarship(...)`),
   * each validated by that factory at boot. Not together with `vendor`/`settings`.
   */
  vendors?: Record<string, Record<string, unknown>>;
  /**
   * This registration's id: the provider entry's `id` in medusa-config (provider id `giftwire_<id>`, webhook
   * route `/hooks/giftwire/<id>` or, multi-vendor, `/hooks/giftwire/<id>/<vendor>`). Learned from the entry
   * when the plugin can see it; give it here when the entry has none. Default: the vendor's name (single
   * form) or `digital` (multi form).
   */
  id?: string;
  /** Single-vendor form: that vendor's settings, as its factory takes them (`createBamboo(settings)`), which validates them; env fallbacks apply. */
  settings?: Record<string, unknown>;
  /** Medusa variant SKU → vendor product. A line item may also carry `metadata.giftwire_sku` to pick an entry. */
  products: Record<string, ProductMapping>;
  /** Voucher keys; default from `GIFTWIRE_ENCRYPTION_KEY` (base64, 32 bytes) under id `GIFTWIRE_ENCRYPTION_KEY_ID` or `k1`. */
  encryption?: EncryptionSettings;
  /** Where the engine's tables live (schema `giftwire`); default `DATABASE_URL`, Medusa's own database. */
  databaseUrl?: string;
  /**
   * Schema for this registration's engine tables; default `giftwire` when the id is the vendor's name (one
   * account per vendor, as before) or, multi-vendor, `digital`; else `giftwire_<id>`. Two registrations never share one: an engine marks
   * the orders of a vendor it has no adapter for as needing attention, and would poll another account's
   * orders with its own credentials.
   */
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

/** A product entry after boot: its vendor is always known. */
export interface ResolvedProductMapping extends ProductMapping {
  vendor: string;
}

export interface ResolvedProviderOptions extends Omit<GiftwireProviderOptions, 'products' | 'vendors'> {
  id: string;
  /** Which form the shop wrote: `single` (`vendor` + `settings`) or `multi` (`vendors`). */
  form: 'single' | 'multi';
  /** Every vendor of this registration and its settings (the single form gives one). */
  vendors: Record<string, Record<string, unknown>>;
  products: Record<string, ResolvedProductMapping>;
  /** The single form's settings; `{}` in the multi form. */
  settings: Record<string, unknown>;
  encryption: EncryptionSettings;
  databaseUrl: string;
  schema: string;
}

/** What boot knows besides the options: the provider entry's id, and where the app lives. */
export interface ProviderOptionsContext {
  env?: NodeJS.ProcessEnv;
  /** The provider entry's `id` in medusa-config, when known. */
  entryId?: string;
  /** The app's project directory, where vendor packages are looked up first; default `process.cwd()`. */
  projectDir?: string;
}

const WRONG_TYPE = {
  amount: 'must be a decimal string such as "10" or "25.50", never a number',
  currency: 'must be an ISO 4217 code such as "USD"',
} as const;

const REGISTRATION_ID = /^[a-z0-9][a-z0-9_-]*$/;

function invalid(option: string, message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `giftwire provider option "${option}" ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The multi-vendor form's default registration id: provider `giftwire_digital`. */
export const DEFAULT_MULTI_VENDOR_ID = 'digital';

/**
 * `giftwire` for a vendor's own registration (every set-up before multiple accounts) and for the default
 * multi-vendor registration (`digital`), `giftwire_<id>` else. `vendor` is the single form's vendor.
 */
export function defaultSchema(id: string, vendor: string | undefined): string {
  const plain = vendor === undefined ? DEFAULT_MULTI_VENDOR_ID : vendor;
  return id === plain ? 'giftwire' : `giftwire_${id.replaceAll('-', '_')}`;
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

function registrationId(raw: Record<string, unknown>, fallback: string, entryId: string | undefined): string {
  if (raw.id !== undefined && (typeof raw.id !== 'string' || !REGISTRATION_ID.test(raw.id))) {
    invalid('id', 'must be lower-case letters, digits, "_" or "-", such as "bamboo_eur"');
  }
  if (raw.id !== undefined && entryId !== undefined && raw.id !== entryId) {
    invalid('id', `must match the provider entry's id ${JSON.stringify(entryId)} (or be left out)`);
  }
  const id = (raw.id as string | undefined) ?? entryId ?? fallback;
  if (!REGISTRATION_ID.test(id)) {
    invalid(
      'id',
      `(the provider entry's id) must be lower-case letters, digits, "_" or "-"; got ${JSON.stringify(id)}`,
    );
  }
  return id;
}

/**
 * Every face value goes through core's money schema: `"0"`, `"010"`, `"-5"` and `10` (a float) all stop boot.
 * Every entry gets its vendor: named and one of `vendors` (multi form), or the single form's vendor.
 */
function checkProducts(
  products: unknown,
  vendors: readonly string[],
  single: string | undefined,
): Record<string, ResolvedProductMapping> {
  const shape = single
    ? '{ productId, faceValue: { amount, currency } }'
    : '{ vendor, productId, faceValue: { amount, currency } }';
  if (!isRecord(products) || Object.keys(products).length === 0) {
    invalid('products', `must map at least one SKU to ${shape}`);
  }
  const resolved: Record<string, ResolvedProductMapping> = {};
  for (const [sku, entry] of Object.entries(products)) {
    const at = `products.${sku}`;
    if (!isRecord(entry)) invalid(at, `must be ${shape}`);
    const vendor = entry.vendor ?? single;
    if (single !== undefined && vendor !== single) {
      invalid(`${at}.vendor`, `must be ${JSON.stringify(single)} (this provider's "vendor") or left out`);
    }
    if (typeof vendor !== 'string' || !vendors.includes(vendor)) {
      invalid(
        `${at}.vendor`,
        `must be one of this provider's "vendors" (${vendors.join(', ')}); got ${JSON.stringify(vendor ?? null)}`,
      );
    }
    if (typeof entry.productId !== 'string' || entry.productId.trim() === '') {
      invalid(`${at}.productId`, 'must be a non-empty string');
    }
    if (!isRecord(entry.faceValue)) invalid(`${at}.faceValue`, 'must be { amount, currency }');
    const parsed = PositiveMoneySchema.safeParse(entry.faceValue);
    const issue = parsed.success ? undefined : parsed.error.issues[0];
    if (issue) {
      const field = issue.path[0] === 'currency' ? 'currency' : 'amount';
      // The schema's own words, except for a wrong type, where zod's are about JavaScript, not the option.
      invalid(`${at}.faceValue.${field}`, issue.code === 'invalid_type' ? WRONG_TYPE[field] : issue.message);
    }
    resolved[sku] = { ...(entry as unknown as ProductMapping), vendor };
  }
  return resolved;
}

/** Each vendor's own factory validates its settings (env fallbacks apply); `option` names where they sit. */
function checkVendorSettings(
  vendor: string,
  settings: unknown,
  option: string,
  projectDir: string | undefined,
): Record<string, unknown> {
  if (settings !== undefined && !isRecord(settings)) invalid(option, 'must be an object');
  const create = vendorFactory(vendor, projectDir, undefined, option === 'settings' ? 'vendor' : option);
  try {
    create((settings ?? {}) as Record<string, unknown>);
  } catch (error) {
    invalid(option, `is invalid for ${vendor}: ${(error as Error).message}`);
  }
  return (settings ?? {}) as Record<string, unknown>;
}

interface VendorForm {
  form: 'single' | 'multi';
  /** The single form's vendor. */
  vendor: string | undefined;
  vendors: Record<string, Record<string, unknown>>;
  settings: Record<string, unknown>;
}

/** Exactly one of the two forms: `vendor` (+ `settings`), or `vendors`. */
function vendorForm(raw: Record<string, unknown>, projectDir: string | undefined): VendorForm {
  const hasSingle = raw.vendor !== undefined || raw.settings !== undefined;
  if (hasSingle && raw.vendors !== undefined) {
    invalid(
      'vendors',
      'cannot be given with "vendor"/"settings": use either { vendors: { <vendor>: settings } } or { vendor, settings }',
    );
  }
  if (raw.vendors === undefined) {
    const vendor = raw.vendor;
    if (typeof vendor !== 'string') {
      invalid(
        'vendor',
        `must be a vendor's name (or give "vendors": { <vendor>: settings } for several); got ${JSON.stringify(vendor)}`,
      );
    }
    // Before the settings: an unknown or missing vendor package is the first thing to fix.
    vendorFactory(vendor, projectDir);
    const settings = checkVendorSettings(vendor, raw.settings, 'settings', projectDir);
    return { form: 'single', vendor, vendors: { [vendor]: settings }, settings };
  }
  if (!isRecord(raw.vendors) || Object.keys(raw.vendors).length === 0) {
    invalid('vendors', `must map at least one vendor (${KNOWN_VENDORS.join(', ')}) to its settings`);
  }
  const vendors: Record<string, Record<string, unknown>> = {};
  for (const [vendor, settings] of Object.entries(raw.vendors)) {
    if (!(KNOWN_VENDORS as readonly string[]).includes(vendor)) {
      invalid(`vendors.${vendor}`, `is not a vendor: use one of ${KNOWN_VENDORS.join(', ')}`);
    }
    vendors[vendor] = checkVendorSettings(vendor, settings ?? {}, `vendors.${vendor}`, projectDir);
  }
  return { form: 'multi', vendor: undefined, vendors, settings: {} };
}

/**
 * Checks everything boot can check without calling the vendor; the first problem stops boot with the
 * option's name ("Loaders for module Fulfillment failed: giftwire provider option ...").
 *
 * @example
 * const options = resolveProviderOptions(entry.options, { entryId: entry.id });
 * options.id; // "bamboo" → provider id giftwire_bamboo, engine schema "giftwire"
 * resolveProviderOptions({ vendors: { bamboo: {...}, starship: {...} }, products, encryption }).id; // "digital"
 */
export function resolveProviderOptions(
  raw: unknown,
  context: ProviderOptionsContext = {},
): ResolvedProviderOptions {
  const env = context.env ?? process.env;
  if (!isRecord(raw)) invalid('(options)', 'must be an object');
  const { form, vendor, vendors, settings } = vendorForm(raw, context.projectDir);
  const id = registrationId(raw, vendor ?? DEFAULT_MULTI_VENDOR_ID, context.entryId);
  const products = checkProducts(raw.products, Object.keys(vendors), vendor);
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
  const { vendor: _vendor, vendors: _vendors, ...rest } = raw as unknown as GiftwireProviderOptions;
  return {
    ...rest,
    ...(vendor !== undefined ? { vendor } : {}),
    id,
    form,
    vendors,
    products,
    settings,
    encryption,
    databaseUrl,
    schema: (raw.schema as string | undefined) ?? defaultSchema(id, vendor),
    ...(linkSecret ? { linkSecret } : {}),
  };
}
