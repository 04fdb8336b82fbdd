// Pure helpers (no DOM, no fetch), shared by the views and unit-tested in test/format.test.ts.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Escapes text for HTML built with template strings; every interpolated value goes through it. */
export function escapeHtml(value) {
  return String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}

/**
 * Money for display. Amounts arrive as decimal strings (giftwire) or numbers (Medusa's totals); either way
 * they are formatted from their string form, never summed here.
 */
export function formatMoney(amount, currency = 'USD') {
  const text = String(amount ?? '0');
  const [whole, fraction = ''] = text.split('.');
  const cents = fraction.length ? `.${fraction.padEnd(2, '0')}` : '';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = { USD: '$', EUR: '€', GBP: '£' }[String(currency).toUpperCase()];
  return symbol ? `${symbol}${grouped}${cents}` : `${grouped}${cents} ${String(currency).toUpperCase()}`;
}

/** A hidden code keeps its length class but shows nothing of it. */
export function maskSecret(value) {
  const length = Math.min(Math.max(String(value ?? '').length, 8), 16);
  return '•'.repeat(length).replace(/(.{4})(?=.)/g, '$1 ');
}

/** `expired`, `soon` (within 30 days) or `ok`; `null` when the vendor gave no expiry. */
export function expiryState(expiresAt, now = Date.now()) {
  if (!expiresAt) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  if (at <= now) return 'expired';
  if (at - now <= 30 * DAY_MS) return 'soon';
  return 'ok';
}

export function formatDate(value) {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Words for the codes route's order status. */
export const STATUS_LABELS = {
  placed: 'Order placed',
  processing: 'Processing with the vendor',
  delivered: 'Delivered',
  partially_delivered: 'Partially delivered',
  failed: 'Failed',
};

export const FINAL_STATUSES = new Set(['delivered', 'partially_delivered', 'failed']);

/** A vendor's claim URL as a link only when it is http(s): a `javascript:` URL must never become an href. */
export function httpUrl(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * What each vendor calls the parts of a card, in the order a customer uses them. The codes route gives every
 * vendor's card the same fields (`code`, `pin`, `claim_url`, `serial`, and `activation_code` where a vendor
 * issues one); only the words differ.
 */
const FIELD_LABELS = {
  default: {
    code: 'Code',
    activation_code: 'Activation code',
    pin: 'PIN',
    claim_url: 'Claim link',
    serial: 'Serial',
  },
  bamboo: { code: 'Card code' },
  starship: { code: 'Card number', claim_url: 'Claim link' },
  budgetree: { code: 'Card number', claim_url: 'Activation link' },
  gifthub: { code: 'Redeem code', claim_url: 'Redeem link' },
};

const FIELD_ORDER = ['code', 'activation_code', 'pin', 'claim_url', 'serial'];
/** The serial identifies a card to support; it redeems nothing, so it is shown without a reveal. */
const PUBLIC_FIELDS = new Set(['serial']);

/**
 * A card's fields, grouped and labelled for its vendor: `[{ name, label, value, secret, link }]`, only the
 * fields the card has. `link` marks a claim URL (shown as a link only when it is http(s), see `httpUrl`).
 *
 * @example
 * voucherFields({ code: 'AB12', pin: '1234', claim_url: 'https://x/c/1' }, 'budgetree').map((f) => f.label);
 * // ['Card number', 'PIN', 'Activation link']
 */
export function voucherFields(card, vendor) {
  const labels = { ...FIELD_LABELS.default, ...(FIELD_LABELS[vendor] ?? {}) };
  return FIELD_ORDER.filter((name) => typeof card?.[name] === 'string' && card[name] !== '').map((name) => ({
    name,
    label: labels[name],
    value: card[name],
    secret: !PUBLIC_FIELDS.has(name),
    link: name === 'claim_url',
  }));
}

/**
 * Splits a long code into groups of four for reading (`AB12 CD34 …`), shown as separate boxes with no
 * characters in between, so a selection or a copy still gives the value whole. Short values, URLs and values
 * that already carry separators (dashes, spaces) stay in one piece.
 *
 * @example
 * codeGroups('19366b34dc5cc15f'); // ['1936', '6b34', 'dc5c', 'c15f']
 * codeGroups('https://redeem.example/c/1'); // ['https://redeem.example/c/1']
 */
export function codeGroups(value, size = 4) {
  const text = String(value ?? '');
  if (text.length <= 8 || !/^[A-Za-z0-9]+$/.test(text)) return [text];
  return text.match(new RegExp(`.{1,${size}}`, 'g'));
}
