import type { FulfillerEventName } from './fulfillment/engine-context';
import type { Logger } from './logger';
import type { OrderRecord } from './order-record';
import type { FulfillmentOrder } from './to-fulfillment-order';

export type FulfillerListener = (order: FulfillmentOrder) => void | Promise<void>;

/**
 * Delivers engine events. A listener that throws or rejects is logged and never disturbs fulfillment:
 * by the time an event fires, the state it reports is already safely written.
 */
export function createEventHub(view: (record: OrderRecord) => FulfillmentOrder, logger: Logger) {
  const listeners = new Map<FulfillerEventName, Set<FulfillerListener>>();
  return {
    on(event: FulfillerEventName, listener: FulfillerListener): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
    emit(event: FulfillerEventName, record: OrderRecord): void {
      const set = listeners.get(event);
      if (!set || set.size === 0) return;
      let order: FulfillmentOrder;
      try {
        order = view(record);
      } catch (error) {
        logger.error(
          { reference: record.reference, err: error },
          'could not build the order view for an event',
        );
        return;
      }
      for (const listener of set) {
        try {
          const result = listener(order);
          if (result instanceof Promise) {
            result.catch((error: unknown) =>
              logger.error({ event, reference: record.reference, err: error }, 'event listener failed'),
            );
          }
        } catch (error) {
          logger.error({ event, reference: record.reference, err: error }, 'event listener failed');
        }
      }
    },
  };
}
