/**
 * How much faster than real life tests run vendor limits, sandbox clocks and engine tuning: 20 times.
 * One number for every package, so a sandbox scaled in one file and a client scaled in another agree.
 */
export const TIME_SCALE = 0.05;

/**
 * `ms` of real-life time at the test time scale, rounded to a whole millisecond and never below 1 (a
 * zero delay would turn a spacing rule off rather than make it short).
 *
 * @example
 * startBambooSandbox({ limits: { placeOrderSpacingMs: scaled(500) } }); // 25 ms
 */
export function scaled(ms: number, scale: number = TIME_SCALE): number {
  return Math.max(1, Math.round(ms * scale));
}
