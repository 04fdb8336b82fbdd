import { ValidationError } from '@giftwire/core';
import { SETTLE_SAMPLES_KEPT } from './settle-sample';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 500;

/** `list` page size: absent or NaN → 50; otherwise floored and clamped to 1..500 rather than refused. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
}

/** `due` batch size: floored, at least 0 (nothing), at most what a SQL LIMIT takes comfortably. */
export function dueLimit(limit: number): number {
  if (Number.isNaN(limit))
    throw new ValidationError('due query', [{ path: 'limit', message: 'must be a number' }]);
  return Math.max(0, Math.min(2_147_483_647, Math.floor(limit)));
}

/**
 * `due` cut-off as an integer: `next_action_at` is a bigint, and for an integer x, x <= now exactly when
 * x <= floor(now) — so a fractional `now` neither fails the bind nor forces a cast that would skip the index.
 */
export function dueCutoff(now: number): number {
  if (Number.isNaN(now))
    throw new ValidationError('due query', [{ path: 'now', message: 'must be a number' }]);
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, Math.floor(now)));
}

/** Most settle samples one read returns. */
export const MAX_SETTLE_SAMPLE_LIMIT = 1_000;

/** `settleSamples` size: absent or NaN → the ring's size; otherwise floored and clamped to 1..1000. */
export function settleSampleLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return SETTLE_SAMPLES_KEPT;
  return Math.min(MAX_SETTLE_SAMPLE_LIMIT, Math.max(1, Math.floor(limit)));
}
