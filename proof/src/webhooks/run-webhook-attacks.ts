import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { normalizeReference, type WebhookInput } from '@giftwire/core';
import type { RecordedRequest } from '@giftwire/test-kit';
import { followAndTally, payForOrder, placeOrder } from '../faults/order-journey';
import type { OrderTally } from '../faults/order-tally';
import type { ShopClient } from '../shop/shop-client';
import { forwardableHeaders } from '../world/forwardable-headers';
import type { ProofWorld, VendorUnderProof } from '../world/start-proof-world';

/** One attack on a vendor's webhook route, and whether the shop answered it as it must. */
export interface WebhookAttackResult {
  readonly vendor: string;
  readonly attack: string;
  /** The shop's answers, in order. */
  readonly answers: readonly number[];
  /** Whether the answers are the right kind: 2xx for genuine deliveries, 4xx for forged or tampered ones. */
  readonly answeredRight: boolean;
  /** `n/a` when the vendor's webhooks have nothing to attack this way (no timestamp to make stale). */
  readonly applies: boolean;
}

export interface WebhookPartResult {
  readonly attacks: WebhookAttackResult[];
  /** The orders the attacks were aimed at, tallied from the sandboxes after every attack. */
  readonly tallies: { vendor: string; order: string; tally: OrderTally }[];
}

const isOk = (status: number) => status >= 200 && status < 300;
const isRefused = (status: number) => status >= 400 && status < 500;

/**
 * For every vendor that sends webhooks: a settled order's genuine deliveries (kept by the relay) sent again at
 * once and twice concurrently, out of order, and later; the newest with its timestamp moved an hour back; a
 * forged one (the vendor's shape, a secret the shop does not hold) for that settled order and for an order
 * still in flight; a genuinely signed "final" for an order the vendor still has pending, and for a reference
 * it never had (a webhook is a hint: only the vendor's API may settle an order). Genuine repeats must be accepted and change nothing; forged and stale ones refused (4xx). The
 * orders are tallied from the sandboxes afterwards: still one vendor order each, every card readable.
 *
 * @example
 * const { attacks, tallies } = await runWebhookAttacks(world, client, { log: console.log });
 */
export async function runWebhookAttacks(
  world: ProofWorld,
  client: ShopClient,
  { log }: { log: (line: string) => void },
): Promise<WebhookPartResult> {
  const attacks: WebhookAttackResult[] = [];
  const tallies: WebhookPartResult['tallies'] = [];
  await Promise.all(
    world.vendors
      .filter((v) => v.harness.webhook !== undefined)
      .map(async (vendor, i) => {
        const result = await attackVendor(world, client, vendor, 20_000 + i * 10);
        attacks.push(...result.attacks);
        tallies.push(...result.tallies);
        log(
          `webhooks: ${vendor.vendor}: ${result.attacks.map((a) => `${a.attack} ${a.answers.join('/')}`).join(', ')}`,
        );
      }),
  );
  return { attacks, tallies };
}

async function attackVendor(
  world: ProofWorld,
  client: ShopClient,
  vendor: VendorUnderProof,
  index: number,
): Promise<WebhookPartResult> {
  const { harness, sandbox } = vendor;
  const seenBefore = world.relay.deliveries(vendor.vendor).length;
  const settled = await payForOrder(client, vendor, index);
  await placeOrder(client, settled);
  await followAndTally(client, settled);
  await sandbox.settle();
  const genuine = world.relay.deliveries(vendor.vendor).slice(seenBefore);
  const send = async (delivery: Pick<RecordedRequest, 'headers' | 'rawBody'>) =>
    (await client.webhook(vendor.vendor, forwardableHeaders(delivery.headers), delivery.rawBody)).status;

  const attacks: WebhookAttackResult[] = [];
  const record = (attack: string, answers: number[], right: (s: number) => boolean, applies = true) =>
    attacks.push({ vendor: vendor.vendor, attack, answers, answeredRight: answers.every(right), applies });

  if (genuine.length > 0) {
    const last = genuine.at(-1)!;
    record('duplicate', [await send(last)], isOk);
    record('duplicate, twice at once', await Promise.all([send(last), send(last)]), isOk);
    record('out of order (the first after the last)', [await send(genuine[0]!)], isOk);
    await sleep(1_000);
    record('replayed later', await Promise.all(genuine.map(send)), isOk);
    const stale = withTimestampMovedBack(last);
    if (stale) record('stale (timestamp an hour back)', [await send(stale)], isRefused);
    else record('stale (timestamp an hour back)', [], isRefused, false);
  } else {
    for (const attack of ['duplicate', 'out of order', 'replayed later', 'stale'])
      record(`${attack} (no genuine delivery arrived)`, [], isOk, false);
  }
  const forgedSettled = harness.webhook!.forge(sandbox, settled.reference);
  record('forged, for the settled order', [await send(toDelivery(forgedSettled))], isRefused);

  const inFlight = await payForOrder(client, vendor, index + 1);
  await placeOrder(client, inFlight);
  const forgedInFlight = harness.webhook!.forge(sandbox, inFlight.reference);
  record('forged, for an order still in flight', [await send(toDelivery(forgedInFlight))], isRefused);

  const tallies: WebhookPartResult['tallies'] = [
    {
      vendor: vendor.vendor,
      order: 'the settled order, after the attacks',
      tally: await followAndTally(client, settled),
    },
    {
      vendor: vendor.vendor,
      order: 'the order forged while in flight',
      tally: await followAndTally(client, inFlight),
    },
  ];
  const claimFinal = harness.webhook!.claimFinal;
  if (claimFinal) {
    // Verifies, and lies: "the order is final", says the notification; the vendor's API says otherwise.
    const pending = await payForOrder(client, vendor, index + 2);
    await placeOrder(client, pending);
    const claimed = await send(toDelivery(claimFinal(sandbox, pending.reference)));
    record('genuinely signed "final" for an order the vendor still has pending', [claimed], (s) => s < 500);
    tallies.push({
      vendor: vendor.vendor,
      order: 'the order claimed final while pending',
      tally: await followAndTally(client, pending),
    });
    const unknown = randomUUID();
    const answer = await send(toDelivery(claimFinal(sandbox, unknown)));
    const placedForIt = sandbox.orders().filter((o) => normalizeReference(o.reference) === unknown).length;
    record(
      'genuinely signed "final" for a reference the vendor never had',
      [answer],
      (s) => s < 500 && placedForIt === 0,
    );
  } else {
    record('genuinely signed "final" while pending (the harness cannot sign one)', [], isOk, false);
  }
  return { attacks, tallies };
}

function toDelivery(input: WebhookInput) {
  return { headers: input.headers, rawBody: Buffer.from(input.rawBody) };
}

/**
 * The delivery with every timestamp header moved an hour back, its signature unchanged: what an attacker who
 * captured an old delivery could send. Undefined when the vendor's deliveries carry no timestamp header.
 */
function withTimestampMovedBack(delivery: RecordedRequest) {
  const headers = { ...delivery.headers };
  let moved = false;
  for (const [name, value] of Object.entries(headers)) {
    if (!/timestamp/i.test(name) || typeof value !== 'string') continue;
    const seconds = Number(value);
    if (!Number.isFinite(seconds)) continue;
    headers[name] = String(seconds > 1e12 ? seconds - 3_600_000 : seconds - 3_600);
    moved = true;
  }
  return moved ? { headers, rawBody: delivery.rawBody } : undefined;
}
