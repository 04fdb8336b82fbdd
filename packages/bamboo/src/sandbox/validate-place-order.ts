import { D, type FxRates } from '@giftwire/sandbox-kit';
import { z } from 'zod';
import type { Account, AccountLedger } from './account-ledger';
import type { Catalog, CatalogProduct } from './catalog';
import type { BambooReason } from './error-body';

/** The docs' limit on cards per order. */
export const MAX_CARDS_PER_ORDER = 500;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Property names exactly as documented: a client that sends `requestId` should find out here, not in production.
const PlaceOrderBodySchema = z.object({
  RequestId: z.string().regex(GUID),
  AccountId: z.number().int(),
  Products: z
    .array(
      z.object({
        ProductId: z.number().int(),
        Quantity: z.number().int().positive(),
        Value: z.number().finite(),
      }),
    )
    .nullish(),
});

export interface PlaceOrderContext {
  ordersEnabled: boolean;
  environment: 'sandbox' | 'live';
  catalog: Catalog;
  ledger: AccountLedger;
  fx: FxRates;
  orderExists(requestId: string): boolean;
}

export interface OrderDraft {
  requestId: string;
  account: Account;
  lines: { product: CatalogProduct; quantity: number; value: D; unitCharge: D }[];
  /** Face value × FX × quantity over all lines, in the account currency. */
  charge: D;
  /** Quantity per product, for stock and the per-product rate rule. */
  quantities: Map<number, number>;
}

export type PlaceOrderValidation =
  | { ok: true; draft: OrderDraft }
  | { ok: false; reason: BambooReason; message: string };

function reject(reason: BambooReason, message: string): PlaceOrderValidation {
  return { ok: false, reason, message };
}

/**
 * Checks a Place Order body the way Bamboo would, cheapest and most general reasons first: request shape,
 * client, account, order as a whole, then each product, then money. Nothing is taken here.
 */
export function validatePlaceOrder(body: unknown, ctx: PlaceOrderContext): PlaceOrderValidation {
  const parsed = PlaceOrderBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    return reject('InvalidRequest', `${where}: ${issue?.message ?? 'invalid request'}`);
  }
  const { RequestId: requestId, AccountId: accountId } = parsed.data;
  const products = parsed.data.Products ?? [];

  if (!ctx.ordersEnabled) return reject('UserNotEnabled', 'This client is not enabled to place orders.');
  if (ctx.catalog.isEmpty) return reject('ClientCatalogNotExist', 'No catalog is assigned to this client.');

  const account = ctx.ledger.get(accountId);
  const wantSandbox = ctx.environment === 'sandbox';
  if (!account?.isActive || account.sandboxMode !== wantSandbox) {
    return reject('WrongAccount', `Account ${accountId} is not valid for this client and environment.`);
  }
  if (products.length === 0) return reject('NoProducts', 'The order contains no products.');
  if (ctx.orderExists(requestId))
    return reject('OrderAlreadyExists', `An order with RequestId ${requestId} exists.`);

  const totalCards = products.reduce((sum, p) => sum + p.Quantity, 0);
  if (totalCards > MAX_CARDS_PER_ORDER) {
    return reject(
      'CardsLimitExceeded',
      `The order has ${totalCards} cards; the maximum is ${MAX_CARDS_PER_ORDER}.`,
    );
  }

  const resolved: { product: CatalogProduct; quantity: number; value: D }[] = [];
  const unknown: number[] = [];
  for (const line of products) {
    const product = ctx.catalog.product(line.ProductId);
    if (product) resolved.push({ product, quantity: line.Quantity, value: new D(line.Value) });
    else unknown.push(line.ProductId);
  }
  if (unknown.length > 0) return reject('InvalidProductIds', `Unknown ProductId: ${unknown.join(', ')}.`);

  for (const { product } of resolved) {
    if (!product.orderable) return reject('InvalidProduct', `Product ${product.id} cannot be ordered.`);
  }
  for (const { product } of resolved) {
    if (!product.priceValid)
      return reject('ClientPriceInvalid', `The client price of product ${product.id} is stale.`);
  }
  for (const { product, value } of resolved) {
    if (value.lt(product.minFaceValue) || value.gt(product.maxFaceValue)) {
      return reject(
        'InvalidDenomination',
        `Value ${value.toFixed()} is outside ${product.minFaceValue.toFixed()}..${product.maxFaceValue.toFixed()} for product ${product.id}.`,
      );
    }
  }

  const quantities = new Map<number, number>();
  for (const { product, quantity } of resolved) {
    quantities.set(product.id, (quantities.get(product.id) ?? 0) + quantity);
  }
  for (const [productId, quantity] of quantities) {
    const count = ctx.catalog.product(productId)?.count;
    if (count !== null && count !== undefined && count < quantity) {
      return reject('ProductIsOutOfStock', `Product ${productId} has ${count} cards in stock.`);
    }
  }

  let charge = new D(0);
  const lines: OrderDraft['lines'] = [];
  for (const line of resolved) {
    const rate = ctx.fx.rate(line.product.currencyCode, account.currency);
    if (!rate) {
      return reject(
        'InvalidProduct',
        `Product ${line.product.id} (${line.product.currencyCode}) cannot be settled in ${account.currency}.`,
      );
    }
    const unitCharge = line.value.mul(rate);
    charge = charge.add(unitCharge.mul(line.quantity));
    lines.push({ ...line, unitCharge });
  }
  if (account.balance.lt(charge)) {
    return reject(
      'InsufficientBalance',
      `The order costs ${charge.toFixed()} ${account.currency}; the balance is lower.`,
    );
  }

  return { ok: true, draft: { requestId, account, lines, charge, quantities } };
}
