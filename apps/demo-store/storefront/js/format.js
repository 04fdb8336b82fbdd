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
