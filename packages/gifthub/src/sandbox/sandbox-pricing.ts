import { D, FxRates } from '@giftwire/sandbox-kit';
import type { SandboxLine, SandboxOrder } from './gifthub-api';
import { wireTime } from './wire-time';

/**
 * What an order costs from the wallet and how GiftHub writes it down: a foreign-currency face value is divided
 * by the wallet's rate and rounded to cents (1000 DKK at 7.456803455723542 → 134.11 EUR), and the invoice
 * carries the page's three records per SKU (main product, target currency evened out, payment in base).
 */
export class SandboxPricing {
  readonly walletCurrency: string;
  readonly #fx: FxRates;
  readonly #rates: Readonly<Record<string, string>>;
  readonly #updatedAt: number;

  constructor(walletCurrency: string, rates: Readonly<Record<string, string>>, updatedAt: number) {
    this.walletCurrency = walletCurrency;
    this.#rates = rates;
    this.#fx = new FxRates(rates);
    this.#updatedAt = updatedAt;
  }

  /** Whether the wallet can pay for a product in `currency`. */
  pays(currency: string): boolean {
    return this.#fx.rate(this.walletCurrency, currency) !== undefined;
  }

  cost(line: SandboxLine, count: number): D {
    const face = line.quote.mul(count);
    if (line.item.baseCurrency === this.walletCurrency) return face;
    const rate = this.#fx.rate(this.walletCurrency, line.item.baseCurrency)!;
    return face.div(rate).toDecimalPlaces(2, D.ROUND_HALF_UP);
  }

  total(order: SandboxOrder, count: (line: SandboxLine) => number): D {
    return order.lines.reduce((sum, line) => sum.add(this.cost(line, count(line))), new D(0));
  }

  rateMeta(currency: string) {
    return {
      targetCurrency: currency,
      rate: Number(
        this.#rates[`${this.walletCurrency}:${currency}`] ?? this.#fx.rate(this.walletCurrency, currency),
      ),
      modifiedDate: wireTime(this.#updatedAt),
      baseCurrency: this.walletCurrency,
    };
  }

  ratesOf(order: SandboxOrder) {
    const foreign = [...new Set(order.lines.map((l) => l.item.baseCurrency))].filter(
      (c) => c !== this.walletCurrency,
    );
    return foreign.map((c) => this.rateMeta(c));
  }

  invoice(order: SandboxOrder, count: (line: SandboxLine) => number) {
    const wallet = this.walletCurrency;
    const records = order.lines.map((line) => {
      const n = count(line);
      const face = line.quote.mul(n);
      const cost = this.cost(line, n);
      const currency = line.item.baseCurrency;
      const items: unknown[] = [
        {
          metaData: { quantity: n, quote: line.quote.toNumber() },
          effect: { amount: face.toNumber(), currency },
          description: line.item.name,
          type: 'main-product',
        },
      ];
      if (currency !== wallet) {
        const meta = this.rateMeta(currency);
        items.push(
          {
            metaData: meta,
            effect: { amount: face.neg().toNumber(), currency },
            description: `Even out target currency: ${currency}`,
            type: 'exchange-target-currency',
          },
          {
            metaData: meta,
            effect: { amount: cost.toNumber(), currency: wallet },
            description: `Payment in base currency: ${currency}`,
            type: 'exchange-base-currency',
          },
        );
      }
      const total: Record<string, number> = { [wallet]: cost.toNumber() };
      if (currency !== wallet) total[currency] = 0;
      return { total, sku: line.sku, items };
    });
    const total = order.charged ?? this.total(order, count);
    const status =
      order.charged === null
        ? 'unpaid'
        : order.state === 'failed' || order.state === 'rejected'
          ? 'refunded'
          : 'paid';
    return { total: total.toNumber(), wallet, records, paymentMethod: 'balance', status };
  }
}
