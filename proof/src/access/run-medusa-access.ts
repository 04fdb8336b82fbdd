import { randomBytes } from 'node:crypto';
import { signCodesLink } from '../../../packages/medusa/src/lib/codes-link';
import { reSignToken, unixNow } from '../medusa/forge-tokens';
import type { MedusaClient } from '../medusa/medusa-client';
import { checkoutMedusaOrder, followMedusaOrder } from '../medusa/medusa-order-journey';
import type { ProofWorld } from '../world/start-proof-world';
import { type AccessCase, type AccessPartResult, accessCheck } from './run-access';

/**
 * The access part through the Medusa app: for each vendor, a settled order of its owner, then every other
 * caller's try at its codes (`GET /store/giftwire/orders/:id/codes`), at a guest's signed link to them
 * (`GET /store/giftwire/links/:token`), and at the plugin's staff routes. Expected answers, and why:
 *
 * - no publishable key: 400 (Medusa refuses every store request without one, before any route runs);
 * - the publishable key alone, a garbage bearer token, the owner's own token expired or signed with another
 *   key, a guest (an auth identity with no customer): 401 from Medusa's `authenticate('customer')`;
 * - another signed-in customer: 404, the answer a made-up order id gets — never 403, which would say that
 *   the order exists;
 * - a link that is garbage, signed with another key, or the real key but expired: 404, as a revoked one;
 * - the staff routes (`/admin/giftwire/...`) with a customer's token or with none: 401.
 *
 * The staff retry route would place again if it ever let a customer through: no vendor order may appear.
 *
 * @example
 * const { cases } = await runMedusaAccess(world, client, { log: console.log });
 */
export async function runMedusaAccess(
  world: ProofWorld,
  client: MedusaClient,
  { log }: { log: (line: string) => void },
): Promise<AccessPartResult> {
  const { medusa } = world;
  const cases: AccessCase[] = [];
  let placedByDenied = 0;
  const adminToken = await medusa.adminToken();
  await Promise.all(
    world.vendors.map(async (vendor) => {
      const owner = await client.signUp(`access-owner-${vendor.vendor}@proof.example`);
      const order = await checkoutMedusaOrder(client, medusa, vendor, owner, 1);
      const { reference, state } = await followMedusaOrder(client, order, adminToken);
      const other = await client.signUp(`access-other-${vendor.vendor}@proof.example`);
      const guest = await client.raw(
        'POST',
        '/auth/customer/emailpass/register',
        { 'content-type': 'application/json' },
        Buffer.from(
          JSON.stringify({
            email: `access-guest-${vendor.vendor}@proof.example`,
            password: 'guest-password',
          }),
        ),
      );
      const guestToken = (guest.body as { token?: string } | undefined)?.token ?? 'no-guest-token';
      const codes = `/store/giftwire/orders/${order.orderId}/codes`;
      const key = { 'x-publishable-api-key': medusa.store.publishableKey };
      const bearer = (token: string) => ({ ...key, authorization: `Bearer ${token}` });
      const check = accessCheck(cases, vendor.vendor);
      const readCodes = (headers: Record<string, string>) => () => client.raw('GET', codes, headers);
      await check('no publishable key, nobody signed in', 'read its codes', 400, readCodes({}));
      await check('the publishable key alone', 'read its codes', 401, readCodes(key));
      await check('a garbage bearer token', 'read its codes', 401, readCodes(bearer('not.a.token')));
      await check(
        "the owner's token, expired an hour ago",
        'read its codes',
        401,
        readCodes(
          bearer(
            reSignToken(owner.token, medusa.secrets.jwt, { iat: unixNow() - 7_200, exp: unixNow() - 3_600 }),
          ),
        ),
      );
      await check(
        "the owner's token, signed with another key",
        'read its codes',
        401,
        readCodes(bearer(reSignToken(owner.token, randomBytes(16).toString('hex'), {}))),
      );
      await check('a guest (signed up, no customer)', 'read its codes', 401, readCodes(bearer(guestToken)));
      await check('another customer', 'read its codes', 404, () => client.codes(order.orderId, other));
      const link = (token: string) => () =>
        client.raw('GET', `/store/giftwire/links/${encodeURIComponent(token)}`, key);
      await check('anyone', 'a garbage codes link', 404, link('v1.garbage'));
      await check(
        'anyone',
        'a codes link signed with another key',
        404,
        link(
          signCodesLink(randomBytes(32).toString('hex'), {
            orderId: order.orderId,
            expiresAt: unixNow() + 3_600,
            version: 0,
          }),
        ),
      );
      await check(
        'anyone',
        'a codes link with the real key, expired',
        404,
        link(
          signCodesLink(medusa.secrets.link, {
            orderId: order.orderId,
            expiresAt: unixNow() - 60,
            version: 0,
          }),
        ),
      );
      const before = vendor.sandbox.orders().length;
      const admin = `/admin/giftwire/orders/${order.orderId}`;
      const retry = `${admin}/deliveries/${reference || 'none'}/retry`;
      for (const [who, headers] of [
        ['a customer', { authorization: `Bearer ${owner.token}` }],
        ['nobody signed in', {}],
      ] as const) {
        await check(who, 'staff: read the order (GET /admin/giftwire/orders/:id)', 401, () =>
          client.raw('GET', admin, headers),
        );
        await check(who, 'staff: retry its delivery', 401, () => client.raw('POST', retry, headers));
        await check(who, 'staff: revoke its codes links', 401, () =>
          client.raw('POST', `${admin}/codes-links/revoke`, headers),
        );
      }
      placedByDenied += vendor.sandbox.orders().length - before;
      log(
        `medusa access: ${vendor.vendor} (the owner's order ${state}): ${cases.filter((c) => c.vendor === vendor.vendor && !c.denied).length} not denied`,
      );
    }),
  );
  return { cases, placedByDenied };
}
