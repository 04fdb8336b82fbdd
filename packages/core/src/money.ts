import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money is a decimal string and an ISO 4217 code — never a JS float. Bamboo charges 18.9401 and USD 10.851
 * per card from an FX rate; floats would drift. Arithmetic goes through decimal.js.
 */

// A private Decimal constructor so an app's global Decimal settings cannot change our results.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });

const DECIMAL_PATTERN = /^-?(0|[1-9]\d*)(\.\d+)?$/;

export const DecimalStringSchema = z
  .string()
  .regex(DECIMAL_PATTERN, 'must be a decimal string such as "10" or "18.9401"');

// zod runs refinements even after the pattern failed; a malformed string is reported once, by the pattern.
export const PositiveDecimalStringSchema = DecimalStringSchema.refine(
  (v) => !DECIMAL_PATTERN.test(v) || new D(v).gt(0),
  {
    message: 'must be greater than zero',
  },
);

export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code (three uppercase letters)');

export const MoneySchema = z.object({
  amount: DecimalStringSchema,
  currency: CurrencyCodeSchema,
});
export type Money = z.infer<typeof MoneySchema>;

export const PositiveMoneySchema = z.object({
  amount: PositiveDecimalStringSchema,
  currency: CurrencyCodeSchema,
});

/** Canonical decimal text: no exponent, no trailing zeros ("108.510" → "108.51", "10.0" → "10"). */
export function normalizeDecimal(value: string | number): string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError('amount must be finite');
  // A JSON number like 18.9401 is parsed from its shortest decimal text, which is what the vendor sent.
  const text = typeof value === 'number' ? String(value) : value;
  // Most amounts arrive canonical already; a vendor answer holds dozens, so skip decimal.js for those.
  if (CANONICAL_DECIMAL.test(text) && text !== '-0') return text;
  return new D(text).toFixed();
}

const CANONICAL_DECIMAL = /^-?(0|[1-9]\d*)(\.\d*[1-9])?$/;

/**
 * Builds Money from a decimal string or a vendor's JSON number, keeping the vendor's digits exactly.
 *
 * @example
 * money('10.50', 'USD'); // { amount: '10.5', currency: 'USD' }
 * money(18.9401, 'EUR'); // { amount: '18.9401', currency: 'EUR' }: the vendor's digits, never a float
 */
export function money(amount: string | number, currency: string): Money {
  const normalized = normalizeDecimal(amount);
  // normalizeDecimal only returns decimal text, so a well-formed currency is all that is left to check; a vendor
  // answer builds dozens of these on every read, and the schema's parse is the slow way to say "yes".
  if (CURRENCY_CODE.test(currency)) return { amount: normalized, currency };
  return MoneySchema.parse({ amount: normalized, currency });
}

const CURRENCY_CODE = /^[A-Z]{3}$/;

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new RangeError(`cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: new D(a.amount).plus(b.amount).toFixed(), currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: new D(a.amount).minus(b.amount).toFixed(), currency: a.currency };
}

/** Sums a list of amounts in one currency; an empty list needs the currency to answer zero. */
export function sumMoney(values: readonly Money[], currency?: string): Money {
  const first = values[0];
  const code = currency ?? first?.currency;
  if (code === undefined) throw new RangeError('sumMoney needs a currency for an empty list');
  return values.reduce((total, v) => addMoney(total, v), { amount: '0', currency: code });
}

/** Unit price × quantity (or × an exact decimal factor such as an FX rate). */
export function multiplyMoney(value: Money, factor: number | string): Money {
  if (typeof factor === 'number' && !Number.isFinite(factor)) throw new RangeError('factor must be finite');
  return { amount: new D(value.amount).times(String(factor)).toFixed(), currency: value.currency };
}

/** -1, 0 or 1; amounts in different currencies cannot be compared. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return new D(a.amount).comparedTo(b.amount) as -1 | 0 | 1;
}

export function isZeroMoney(value: Money): boolean {
  return new D(value.amount).isZero();
}

/** Rounds to `places` decimals with banker's rounding, for display or a currency's minor unit. */
export function roundMoney(value: Money, places: number): Money {
  return {
    amount: new D(value.amount).toDecimalPlaces(places, D.ROUND_HALF_EVEN).toFixed(places),
    currency: value.currency,
  };
}

/**
 * Human text through Intl, with the exact digits kept: `Intl.NumberFormat` accepts decimal strings, so
 * "18.9401" USD prints as "$18.9401", not a rounded float.
 */
export function formatMoney(value: Money, locale = 'en-US'): string {
  const decimals = value.amount.includes('.') ? value.amount.split('.')[1]!.length : 0;
  const formatter = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: value.currency,
    minimumFractionDigits: Math.max(decimals, currencyMinorDigits(value.currency)),
    maximumFractionDigits: Math.max(decimals, currencyMinorDigits(value.currency)),
  });
  return formatter.format(value.amount as unknown as number);
}

function currencyMinorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}
