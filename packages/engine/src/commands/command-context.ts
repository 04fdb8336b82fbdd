import type { EngineContext } from '../fulfillment/engine-context';
import type { OrderRecord } from '../order-record';

/**
 * What the fulfiller's commands (submit, cancel, retry, …) need beyond the engine context: the store opened
 * once, the per-order lock of this process, and a way to run an order's next step now. Built once by
 * `createFulfiller`.
 */
export interface CommandContext extends EngineContext {
  /** Resolves once the store is initialized (the first call initializes it). */
  ready(): Promise<void>;
  /** Runs `work` after any other work for the same order in this process. */
  runExclusive<T>(reference: string, work: () => Promise<T>): Promise<T>;
  /** Takes the order's next step (under its lock), `force` even when it is not yet due; never rejects. */
  advance(reference: string, force?: boolean): Promise<void>;
  /** The stored order, or `OrderNotFoundError`. */
  mustGet(reference: string): Promise<OrderRecord>;
}
