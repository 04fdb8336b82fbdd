import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBamboo } from '@giftwire/bamboo';
import { createBudgetree } from '@giftwire/budgetree';
import { type PlaceOrderRequest, PlaceOrderRequestSchema } from '@giftwire/core';
import { createFulfiller, type Fulfiller } from '@giftwire/engine';
import { giftwire, giftwireErrorHandler, type PlacementRequest } from '@giftwire/express';
import { createGiftHub } from '@giftwire/gifthub';
import { createStarship } from '@giftwire/starship';
import express from 'express';
import { closeServer, listen } from './free-port';
import type { DemoVendorSettings } from './vendor-settings';

export interface ExpressSideOptions {
  port: number;
  dataDir: string;
  /** Every vendor's client settings (`demoVendorSettings`): the fulfiller takes orders for all four. */
  vendors: DemoVendorSettings;
  apiKey: string;
  encryptionKey: string;
}

/** A shop order the demo's checkout marked paid: whose, what, and the giftwire reference chosen for it. */
export interface PaidShopOrder {
  customerId: string;
  reference: string;
  lines: PlaceOrderRequest['lines'];
}

export interface ExpressSide {
  url: string;
  /** The demo's stand-in for a shop's paid orders, by shop order id; `POST /shop/checkout` adds to it. */
  paidOrders: ReadonlyMap<string, PaidShopOrder>;
  /** Where the giftwire router is mounted. */
  apiUrl: string;
  fulfiller: Fulfiller;
  close(): Promise<void>;
}

const sameLine = (a: PlaceOrderRequest['lines'][number], b: PlaceOrderRequest['lines'][number]) =>
  a.productId === b.productId &&
  a.quantity === b.quantity &&
  a.faceValue.amount === b.faceValue.amount &&
  a.faceValue.currency === b.faceValue.currency;

/** The placement check a shop writes: the paid order of this caller, under this reference, with these lines. */
export function isPaidPlacement(
  paidOrders: ReadonlyMap<string, PaidShopOrder>,
  placement: PlacementRequest,
): boolean {
  const paid = placement.shopOrderId === undefined ? undefined : paidOrders.get(placement.shopOrderId);
  return (
    paid !== undefined &&
    paid.customerId === placement.caller.customerId &&
    paid.reference === placement.reference &&
    paid.lines.length === placement.lines.length &&
    paid.lines.every((line, i) => sameLine(line, placement.lines[i]!))
  );
}

/**
 * The other adapter: a plain Express 5 app with `@giftwire/express` over its own engine and embedded store,
 * next to the Medusa store, ordering from the same four vendor sandboxes. Only Bamboo has a second webhook
 * stream (Svix) for this side; Starship's and GiftHub's single webhook goes to Medusa, so here those orders,
 * like Budgetree's, are followed by polling.
 *
 * @example
 * const side = await startExpressSide({ port: 0, dataDir, vendors: demoVendorSettings(urls, secrets), apiKey, encryptionKey });
 * await fetch(`${side.url}/shop/checkout`, { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body });
 */
export async function startExpressSide(options: ExpressSideOptions): Promise<ExpressSide> {
  const { vendors } = options;
  const fulfiller = createFulfiller({
    vendors: [
      createBamboo(vendors.bamboo),
      createStarship(vendors.starship),
      createBudgetree(vendors.budgetree),
      createGiftHub(vendors.gifthub),
    ],
    dataDir: join(options.dataDir, 'express-engine'),
    encryption: { keys: { 'demo-k1': options.encryptionKey }, activeKeyId: 'demo-k1' },
  });
  await fulfiller.start();

  // In a real shop these are its orders table; here a checkout that "takes payment" fills a map.
  const paidOrders = new Map<string, PaidShopOrder>();
  // A demo key in a header stands in for your session; `x-customer` picks whose orders you see.
  const authenticate = (req: express.Request) =>
    req.get('x-api-key') === options.apiKey
      ? { customerId: req.get('x-customer') || 'demo-customer' }
      : undefined;

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.json({ giftwire: '/giftwire', health: '/giftwire/health', checkout: 'POST /shop/checkout' });
  });
  app.use(
    '/giftwire',
    giftwire({
      fulfiller,
      authenticate,
      // Only what the demo checkout recorded as paid is placed: a signed-in caller is not a payment.
      authorizePlacement: (_req, placement) => isPaidPlacement(paidOrders, placement),
      authorize: (_req, order) => order.status === 'fulfilled' || order.status === 'partially_fulfilled',
    }),
  );
  // The demo's checkout: it "takes payment" for `{ lines }` and answers the shop order id and the reference
  // to place it under, as a shop's checkout would store them with its order.
  app.post('/shop/checkout', express.json({ limit: '16kb' }), (req, res) => {
    const caller = authenticate(req);
    if (!caller) {
      res.status(401).json({ error: 'send the demo key as x-api-key' });
      return;
    }
    const lines = PlaceOrderRequestSchema.shape.lines.safeParse(req.body?.lines);
    if (!lines.success) {
      res.status(400).json({ error: 'lines: [{ productId, quantity, faceValue: { amount, currency } }]' });
      return;
    }
    const shopOrderId = `demo_${randomUUID()}`;
    const paid: PaidShopOrder = { customerId: caller.customerId, reference: randomUUID(), lines: lines.data };
    paidOrders.set(shopOrderId, paid);
    res.status(201).json({ shopOrderId, reference: paid.reference, lines: paid.lines });
  });
  app.use(giftwireErrorHandler);

  const http = createServer(app);
  let port: number;
  try {
    port = await listen(http, options.port);
  } catch (error) {
    await fulfiller.close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/giftwire`,
    paidOrders,
    fulfiller,
    async close() {
      await closeServer(http);
      await fulfiller.close();
    },
  };
}
