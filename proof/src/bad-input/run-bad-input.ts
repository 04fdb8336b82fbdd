import fc from 'fast-check';
import type { ShopClient } from '../shop/shop-client';
import { CUSTOMER_HEADER, ROUTER_BASE } from '../shop/shop-config';
import type { ProofWorld } from '../world/start-proof-world';

/** What one route made of the generated requests thrown at it. */
export interface BadInputResult {
  readonly route: string;
  readonly tried: number;
  /** Answers 500 or above. */
  readonly serverErrors: number;
  /** Requests the shop did not answer at all (a crash, a hang past the client's timeout). */
  readonly unanswered: number;
  /**
   * Medusa only: 5xx answers to a path Express cannot percent-decode, which Medusa's own error handler gives
   * before any plugin code runs (its own routes answer them the same way: `upstreamControl`). Counted apart
   * from `serverErrors`, and reported.
   */
  readonly undecodable?: number;
}

export interface BadInputPartResult {
  readonly routes: BadInputResult[];
  /** Vendor orders the sandboxes took while the generated requests ran: must be 0. */
  readonly placed: number;
  /** Times the shop process died during the part: must be 0. */
  readonly crashes: number;
  /** Medusa only: what Medusa's own routes answer an undecodable path (`GET /store/products/%zz`, …). */
  readonly upstreamControl?: string;
}

interface Route {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (param: string) => string;
  readonly hasBody: boolean;
}

/** The seed every bad-input part samples with, so a run's requests can be replayed. */
export const BAD_INPUT_SEED = 20261204;

const ROUTES: readonly Route[] = [
  { name: 'POST /orders', method: 'POST', path: () => `${ROUTER_BASE}/orders`, hasBody: true },
  { name: 'GET /orders', method: 'GET', path: () => `${ROUTER_BASE}/orders`, hasBody: false },
  {
    name: 'GET /orders/:reference',
    method: 'GET',
    path: (p) => `${ROUTER_BASE}/orders/${p}`,
    hasBody: false,
  },
  {
    name: 'POST /webhooks/:vendor',
    method: 'POST',
    path: (p) => `${ROUTER_BASE}/webhooks/${p}`,
    hasBody: true,
  },
  { name: 'GET /health', method: 'GET', path: () => `${ROUTER_BASE}/health`, hasBody: false },
];

/** A path segment: text of any kind, percent-encoded as a browser would, or raw percent junk. */
export const segment = fc.oneof(
  fc.string({ maxLength: 80 }).map((s) => encodeURIComponent(s)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom(
    '%',
    '%zz',
    '%00',
    '..',
    '%2e%2e',
    'a%2Fb',
    'bamboo',
    'starship',
    'gifthub',
    'budgetree',
    'x'.repeat(5_000),
  ),
);

/** A query string: arbitrary keys and values (the routes know `reveal`, `limit` and `cursor`). */
export const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom('reveal', 'limit', 'cursor', 'reveal[]', '__proto__'),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('codes', '-1', '1e9', 'NaN', '0x10', 'null')),
      { maxKeys: 4 },
    )
    .map((d) => `?${new URLSearchParams(d).toString()}`),
  fc.constantFrom('?reveal=codes&reveal=codes', '?limit=%ZZ', '?=', '?&&&', '?cursor=eyJ9'),
);

/** A header value fetch accepts (visible ASCII and spaces). */
export const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '').trim());

const headers = fc.record(
  {
    customer: fc.oneof(fc.constant(undefined), fc.constantFrom('cus_attacker', ''), headerValue),
    contentType: fc.oneof(
      fc.constant(undefined),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
      ),
      headerValue,
    ),
    idempotencyKey: fc.oneof(fc.constant(undefined), headerValue),
  },
  { requiredKeys: [] },
);

/** A valid order body with one field replaced by anything, or JSON of any shape, or bytes that are no JSON. */
export const body = fc.oneof(
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v))),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  fc
    .record({
      vendor: fc.oneof(fc.constantFrom('bamboo', 'starship', 'budgetree', 'gifthub'), fc.anything()),
      reference: fc.oneof(fc.uuid(), fc.anything()),
      shopOrderId: fc.oneof(fc.string(), fc.anything()),
      lines: fc.oneof(
        fc.array(
          fc.record({
            productId: fc.oneof(fc.string(), fc.anything()),
            quantity: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double(), fc.anything()),
            faceValue: fc.oneof(
              fc.record({ amount: fc.oneof(fc.string(), fc.double()), currency: fc.string() }),
              fc.anything(),
            ),
          }),
          { maxLength: 3 },
        ),
        fc.anything(),
      ),
    })
    .map((v) => Buffer.from(JSON.stringify(v))),
  fc.constantFrom(
    Buffer.from('{"vendor":"bamboo","lines":[{"quantity":1e400}]}'),
    Buffer.from('{'.repeat(5_000)),
  ),
);

/**
 * Generated bodies, headers, path parameters and query strings (fast-check, `perRoute` each) against every
 * route the giftwire router adds: no answer may be a 5xx, the shop must not crash, and nothing may be placed.
 * No generated request can be authorized to place: the shop's records hold no paid order for the attacker.
 *
 * @example
 * const result = await runBadInput(world, client, { perRoute: 2_000, log: console.log });
 */
export async function runBadInput(
  world: ProofWorld,
  client: ShopClient,
  { perRoute, log }: { perRoute: number; log: (line: string) => void },
): Promise<BadInputPartResult> {
  const ordersBefore = world.vendors.reduce((sum, v) => sum + v.sandbox.orders().length, 0);
  const startsBefore = world.shop.starts;
  let died = false;
  void world.shop.died().then(() => {
    died = true;
  });
  const routes: BadInputResult[] = [];
  for (const route of ROUTES) {
    const result = { route: route.name, tried: 0, serverErrors: 0, unanswered: 0 };
    const sample = fc.sample(fc.tuple(segment, query, headers, body), {
      numRuns: perRoute,
      seed: BAD_INPUT_SEED,
    });
    for (const [param, search, h, raw] of sample) {
      if (died) break;
      const sent: Record<string, string> = {};
      if (h.customer !== undefined) sent[CUSTOMER_HEADER] = h.customer;
      if (h.contentType !== undefined) sent['content-type'] = h.contentType;
      if (h.idempotencyKey !== undefined) sent['idempotency-key'] = h.idempotencyKey;
      const answer = await client.raw(
        route.method,
        `${route.path(param)}${search}`,
        sent,
        route.hasBody ? raw : undefined,
      );
      result.tried += 1;
      if (answer.status === 0) result.unanswered += 1;
      else if (answer.status >= 500) result.serverErrors += 1;
    }
    routes.push(result);
    log(
      `bad input: ${route.name}: ${result.tried} tried, ${result.serverErrors} 5xx, ${result.unanswered} unanswered`,
    );
  }
  const ordersAfter = world.vendors.reduce((sum, v) => sum + v.sandbox.orders().length, 0);
  if (died) await world.shop.restart();
  return { routes, placed: ordersAfter - ordersBefore, crashes: died ? 1 : world.shop.starts - startsBefore };
}
