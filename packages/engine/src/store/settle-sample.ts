/**
 * How long one order took to settle at its vendor, as the engine saw it: the engine learns from these when
 * to ask for an order's status (see `learned-poll-delay.ts`). Times are milliseconds from placement. The
 * vendor's true moment lies in `[openMs, settledMs]`: after the last status call that still saw the order
 * open, at or before the engine first saw it final (equal when a webhook told us as it happened).
 */
export interface SettleSample {
  vendor: string;
  /** The order's product when it had one line; absent for a multi-line order (it counts for its vendor only). */
  productId?: string;
  /** When the engine last saw the order still open (0: only at placement). */
  openMs: number;
  /** When the engine first saw the order final. */
  settledMs: number;
  /** When the sample was recorded (ISO 8601). */
  recordedAt: string;
}

export interface SettleSampleQuery {
  vendor: string;
  /** One product's samples; absent: every sample of the vendor (all products and multi-line orders). */
  productId?: string;
  /** Most samples returned, newest first: default {@link SETTLE_SAMPLES_KEPT}, at most 1000. */
  limit?: number;
}

/**
 * Samples kept per (vendor, product) — and per vendor for multi-line orders — the newest ones: enough for a
 * p99 estimate, small enough that reading a product's distribution is one cheap indexed query.
 */
export const SETTLE_SAMPLES_KEPT = 100;
