import Decimal from 'decimal.js';

/**
 * The sandbox's own Decimal constructor: money is never a float, and an app's global Decimal settings must
 * not change what the sandbox charges. Amounts reach JSON through `toNumber()`: sandbox amounts stay well
 * under 15 significant digits, where a double round-trips its decimal text, so 18.9401 is written as 18.9401.
 */
export const D = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type D = InstanceType<typeof D>;
