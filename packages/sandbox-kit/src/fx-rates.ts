import { D } from './decimal';

/**
 * Exchange rates keyed `FROM:TO`. A missing direction falls back to the inverse of the other one, rounded to
 * six decimals like a quoted rate, so a charge is still an exact product of decimals.
 *
 * @example
 * const fx = new FxRates({ 'EUR:USD': '1.0851' });
 * new D('10').mul(fx.rate('EUR', 'USD')!).toFixed(); // '10.851'
 */
export class FxRates {
  readonly #rates = new Map<string, D>();

  constructor(rates: Readonly<Record<string, string>>) {
    for (const [pair, rate] of Object.entries(rates)) {
      const [from, to] = pair.split(':');
      if (!from || !to) throw new TypeError(`fxRates key "${pair}" must look like "EUR:USD"`);
      const value = new D(rate);
      if (!value.isFinite() || value.lte(0))
        throw new TypeError(`fxRates["${pair}"] must be a positive decimal`);
      this.#rates.set(key(from, to), value);
    }
  }

  /** The rate to multiply an amount in `from` by to get `to`, or undefined when the pair is unknown. */
  rate(from: string, to: string): D | undefined {
    if (from.toUpperCase() === to.toUpperCase()) return new D(1);
    const direct = this.#rates.get(key(from, to));
    if (direct) return direct;
    const inverse = this.#rates.get(key(to, from));
    return inverse ? new D(1).div(inverse).toDecimalPlaces(6, D.ROUND_HALF_EVEN) : undefined;
  }
}

function key(from: string, to: string): string {
  return `${from.toUpperCase()}:${to.toUpperCase()}`;
}
