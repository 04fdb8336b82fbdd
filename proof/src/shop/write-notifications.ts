import type { Fulfiller, FulfillerEventName } from '@giftwire/engine';

const EVENTS: readonly FulfillerEventName[] = ['order.updated', 'order.settled', 'order.needs_attention'];

/** The prefix of a notification line in the shop's output, so the leak audit can count and scan them apart. */
export const NOTIFICATION_MARK = '{"notification":';

/**
 * What a shop's notifier would send for every engine event — the whole order, serialized as a careless shop
 * would (`JSON.stringify(order)`) — written to stdout as one line each, where the leak audit scans it: the
 * codes must not be in it (a `Secret` serializes as redacted), whatever the shop does with the event.
 */
export function writeNotifications(fulfiller: Pick<Fulfiller, 'on'>): void {
  for (const event of EVENTS)
    fulfiller.on(event, (order) => {
      process.stdout.write(`${JSON.stringify({ notification: event, order })}\n`);
    });
}
