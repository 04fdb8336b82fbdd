import type { VendorAdapter } from '@giftwire/core';
import type { VoucherCipher } from '../crypto/voucher-cipher';
import type { Logger } from '../logger';
import type { AttemptLogEntry, OrderRecord } from '../order-record';
import type { Scheduler } from '../scheduler/scheduler';
import type { OrderStore } from '../store/order-store';
import type { FulfillmentOrder } from '../to-fulfillment-order';
import type { SettleTimes } from './settle-times';

export interface Clock {
  now(): number;
}

export type FulfillerEventName = 'order.updated' | 'order.settled' | 'order.needs_attention';

export interface EngineTuning {
  /** Placement calls (first try plus reconciliations) before an order goes to a person. Default 6. */
  maxPlaceAttempts: number;
  /**
   * How long after a placement was sent before a process that finds it still `placing` may reconcile
   * it (a crash mid-request). Longer than the vendor's request timeout. Default 60 s.
   */
  placementGraceMs: number;
  /** How often active orders are swept from the store, catching work a crash left unscheduled. Default 30 s. */
  sweepIntervalMs: number;
  /** Poll intervals are multiplied by this while a vendor's webhooks are arriving. Default 4. */
  webhookPollStretch: number;
  /** How long after the last verified webhook a vendor counts as pushing. Default 30 min. */
  webhookFreshnessMs: number;
  /**
   * How old this process's copy of the learned settle times may grow before it is read again from the store,
   * picking up what other processes learned. Default 30 s.
   */
  settleTimesRefreshMs: number;
  random: () => number;
}

/** What every fulfillment step needs; built once by `createFulfiller`. */
export interface EngineContext {
  vendors: ReadonlyMap<string, VendorAdapter>;
  store: OrderStore;
  scheduler: Scheduler;
  cipher: VoucherCipher;
  clock: Clock;
  logger: Logger;
  tuning: EngineTuning;
  /** Last verified webhook per vendor (epoch ms): while fresh, polling is only the safety net. */
  webhookSeenAt: Map<string, number>;
  /** When orders settle, per vendor and product: where status calls go. */
  settleTimes: SettleTimes;
  /** Tells listeners; the public view (which decrypts) is built only when someone listens. */
  emit(event: FulfillerEventName, record: OrderRecord): void;
  view(record: OrderRecord): FulfillmentOrder;
}

export type AttemptInput = Omit<AttemptLogEntry, 'reference' | 'at' | 'fromState' | 'toState'>;
