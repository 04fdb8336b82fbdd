import fc from 'fast-check';
import type { MedusaClient } from '../medusa/medusa-client';
import { checkoutMedusaOrder, followMedusaOrder } from '../medusa/medusa-order-journey';
import type { ProofWorld } from '../world/start-proof-world';
import {
  BAD_INPUT_SEED,
  type BadInputPartResult,
  type BadInputResult,
  body,
  headerValue,
  query,
  segment,
} from './run-bad-input';

interface MedusaRoute {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (param: string, second: string) => string;
  readonly hasBody: boolean;
}

/** Every route the plugin adds (packages/medusa/src/api), each param generated. */
const ROUTES: readonly MedusaRoute[] = [
  {
    name: 'GET /store/giftwire/orders/:id/codes',
    method: 'GET',
    path: (p) => `/store/giftwire/orders/${p}/codes`,
    hasBody: false,
  },
  {
    name: 'GET /store/giftwire/links/:token',
    method: 'GET',
    path: (p) => `/store/giftwire/links/${p}`,
    hasBody: false,
  },
  { name: 'POST /hooks/giftwire/:id', method: 'POST', path: (p) => `/hooks/giftwire/${p}`, hasBody: true },
  {
    name: 'POST /hooks/giftwire/:id/:vendor',
    method: 'POST',
    path: (p, q) => `/hooks/giftwire/${p}/${q}`,
    hasBody: true,
  },
  {
    name: 'GET /admin/giftwire/orders/:id',
    method: 'GET',
    path: (p) => `/admin/giftwire/orders/${p}`,
    hasBody: false,
  },
  {
    name: 'POST /admin/giftwire/orders/:id/deliveries/:reference/retry',
    method: 'POST',
    path: (p, q) => `/admin/giftwire/orders/${p}/deliveries/${q}/retry`,
    hasBody: true,
  },
  {
    name: 'POST /admin/giftwire/orders/:id/codes-links/revoke',
    method: 'POST',
    path: (p) => `/admin/giftwire/orders/${p}/codes-links/revoke`,
    hasBody: true,
  },
];

/**
 * The bad-input part through the Medusa app: generated bodies, headers (who is calling: nobody, a customer,
 * the order's owner, staff, a garbage token; the publishable key or not), path parameters (the Express part's
 * generators, plus a real order id, reference and registration so a request gets past the first 404) and query
 * strings against every route the plugin adds — `perRoute` each, the seed the Express part uses. No answer
 * may be a 5xx, the process must stay up, and nothing may be placed at any sandbox.
 *
 * @example
 * const result = await runMedusaBadInput(world, client, { perRoute: 300, log: console.log });
 */
export async function runMedusaBadInput(
  world: ProofWorld,
  client: MedusaClient,
  { perRoute, log }: { perRoute: number; log: (line: string) => void },
): Promise<BadInputPartResult> {
  const { medusa } = world;
  const adminToken = await medusa.adminToken();
  // One settled order, so generated requests can name something real.
  const vendor = world.vendors[0]!;
  const owner = await client.signUp('bad-input-owner@proof.example');
  const other = await client.signUp('bad-input-other@proof.example');
  const order = await checkoutMedusaOrder(client, medusa, vendor, owner, 1);
  const { reference } = await followMedusaOrder(client, order, adminToken);
  const param = fc.oneof(
    { weight: 3, arbitrary: segment },
    { weight: 1, arbitrary: fc.constantFrom(order.orderId, reference, 'digital', vendor.vendor) },
  );
  const caller = fc.oneof(
    fc.constantFrom(undefined, owner.token, other.token, adminToken, 'not.a.token'),
    headerValue,
  );
  const headers = fc.record(
    {
      bearer: caller,
      publishable: fc.oneof(fc.constant(medusa.store.publishableKey), fc.constant(undefined), headerValue),
      contentType: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        headerValue,
      ),
    },
    { requiredKeys: [] },
  );
  const ordersBefore = world.vendors.reduce((sum, v) => sum + v.sandbox.orders().length, 0);
  const startsBefore = medusa.starts;
  const routes: BadInputResult[] = [];
  for (const route of ROUTES) {
    const result = { route: route.name, tried: 0, serverErrors: 0, unanswered: 0, undecodable: 0 };
    const sample = fc.sample(fc.tuple(param, param, query, headers, body), {
      numRuns: perRoute,
      seed: BAD_INPUT_SEED,
    });
    for (const [first, second, search, h, raw] of sample) {
      if (!medusa.alive()) break;
      const sent: Record<string, string> = {};
      if (h.bearer !== undefined) sent.authorization = `Bearer ${h.bearer}`;
      if (h.publishable !== undefined) sent['x-publishable-api-key'] = h.publishable;
      if (h.contentType !== undefined) sent['content-type'] = h.contentType;
      const path = route.path(first, second);
      // The owner's token may rightly read the owner's codes (the real order id is among the params): the
      // leak audit then allows that order's codes in the answer, and nothing else.
      const asOwner = h.bearer === owner.token ? reference : undefined;
      const answer = await client.raw(
        route.method,
        `${path}${search}`,
        sent,
        route.hasBody ? raw : undefined,
        asOwner,
      );
      result.tried += 1;
      if (answer.status === 0) result.unanswered += 1;
      else if (answer.status >= 500 && !decodable(path) && isMedusaUnknownError(answer.body))
        result.undecodable += 1;
      else if (answer.status >= 500) result.serverErrors += 1;
    }
    routes.push(result);
    log(
      `medusa bad input: ${route.name}: ${result.tried} tried, ${result.serverErrors} 5xx, ${result.unanswered} unanswered`,
    );
  }
  // The same kind of path against Medusa's own routes: whether an undecodable path's 5xx is Medusa's.
  const controls = [
    [
      'GET /store/products/%zz',
      () =>
        client.raw('GET', '/store/products/%zz', { 'x-publishable-api-key': medusa.store.publishableKey }),
    ],
    [
      'GET /admin/products/%zz',
      () => client.raw('GET', '/admin/products/%zz', { authorization: `Bearer ${adminToken}` }),
    ],
  ] as const;
  const upstreamControl = (
    await Promise.all(controls.map(async ([name, send]) => `${name} → ${(await send()).status}`))
  ).join(', ');
  const ordersAfter = world.vendors.reduce((sum, v) => sum + v.sandbox.orders().length, 0);
  const died = !medusa.alive();
  if (died) await medusa.restart();
  return {
    routes,
    // The one order made above to aim at is the part's own, not a generated request's.
    placed: ordersAfter - ordersBefore,
    crashes: died ? 1 : medusa.starts - startsBefore,
    upstreamControl,
  };
}

/** Whether Express can percent-decode every segment of `path` (it decodes each route parameter). */
function decodable(path: string): boolean {
  try {
    for (const segment of path.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** Medusa's error handler's answer to an error that is not a MedusaError (it names no cause). */
function isMedusaUnknownError(body: unknown): boolean {
  return (body as { type?: unknown } | undefined)?.type === 'unknown_error';
}
