import { followAndTally, payForOrder, placementOf, placeOrder } from '../faults/order-journey';
import type { ShopClient } from '../shop/shop-client';
import { CUSTOMER_HEADER, ROUTER_BASE } from '../shop/shop-config';
import type { ProofWorld } from '../world/start-proof-world';

/** One request someone should not get an answer to, and what the shop said. */
export interface AccessCase {
  readonly vendor: string;
  readonly who: string;
  readonly request: string;
  readonly expected: string;
  readonly status: number;
  readonly denied: boolean;
}

/**
 * A try of `who` at `request` of one vendor's order, recorded in `cases`: denied when the answer's status is
 * `expected`, or when `denied` (given) says so of the answer.
 *
 * @example
 * const check = accessCheck(cases, 'bamboo');
 * await check('nobody signed in', 'read the order', 401, () => client.raw('GET', path, {}));
 */
export function accessCheck(cases: AccessCase[], vendor: string) {
  return async (
    who: string,
    request: string,
    expected: number,
    send: () => Promise<{ status: number; body?: unknown }>,
    denied: (status: number, body: unknown) => boolean = (status) => status === expected,
  ): Promise<void> => {
    const answer = await send();
    cases.push({
      vendor,
      who,
      request,
      expected: String(expected),
      status: answer.status,
      denied: denied(answer.status, answer.body),
    });
  };
}

export interface AccessPartResult {
  readonly cases: AccessCase[];
  /** Vendor orders the sandboxes took for the denied placements: must be 0. */
  readonly placedByDenied: number;
}

/**
 * For each vendor, a settled order of its owner, then every other caller's try at it: nobody signed in, a
 * guest (an empty session), another customer reading, revealing and listing it, and another customer placing
 * it under its owner's paid shop order. Each must be denied (401 without a session; 404 — never 403, which
 * would say the order exists — to another customer; 403 for a placement the shop did not authorize), and no
 * denied placement may reach the vendor.
 *
 * @example
 * const { cases } = await runAccess(world, client, { log: console.log });
 */
export async function runAccess(
  world: ProofWorld,
  client: ShopClient,
  { log }: { log: (line: string) => void },
): Promise<AccessPartResult> {
  const cases: AccessCase[] = [];
  let placedByDenied = 0;
  await Promise.all(
    world.vendors.map(async (vendor, i) => {
      const order = await payForOrder(client, vendor, 30_000 + i);
      await placeOrder(client, order);
      await followAndTally(client, order);
      const ref = encodeURIComponent(order.reference);
      const one = `${ROUTER_BASE}/orders/${ref}`;
      const as = (customer: string | undefined): Record<string, string> =>
        customer === undefined ? {} : { [CUSTOMER_HEADER]: customer };
      const check = accessCheck(cases, vendor.vendor);
      for (const [who, customer] of [
        ['nobody signed in', undefined],
        ['a guest (empty session)', ''],
      ] as const) {
        await check(who, 'read the order', 401, () => client.raw('GET', one, as(customer)));
        await check(who, 'reveal its codes', 401, () =>
          client.raw('GET', `${one}?reveal=codes`, as(customer)),
        );
        await check(who, 'list orders', 401, () => client.raw('GET', `${ROUTER_BASE}/orders`, as(customer)));
        await check(who, 'place an order', 401, () => client.place(customer ?? '', placementOf(order)));
      }
      const other = `cus_other_${vendor.vendor}`;
      await check('another customer', 'read the order', 404, () => client.get(other, order.reference));
      await check('another customer', 'reveal its codes', 404, () => client.reveal(other, order.reference));
      await check(
        'another customer',
        'list orders (must not include it)',
        200,
        () => client.raw('GET', `${ROUTER_BASE}/orders`, as(other)),
        (status, body) => status === 200 && !JSON.stringify(body ?? '').includes(order.reference),
      );
      const before = vendor.sandbox.orders().length;
      await check(
        'another customer',
        "place it under the owner's paid shop order",
        403,
        () => client.place(other, placementOf(order)),
        (status) => [403, 404, 409].includes(status),
      );
      placedByDenied += vendor.sandbox.orders().length - before;
      log(
        `access: ${vendor.vendor}: ${cases.filter((c) => c.vendor === vendor.vendor && !c.denied).length} not denied`,
      );
    }),
  );
  return { cases, placedByDenied };
}
