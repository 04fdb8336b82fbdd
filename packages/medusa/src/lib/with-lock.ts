import type { ILockingModule, MedusaContainer } from '@medusajs/framework/types';
import { Modules } from '@medusajs/framework/utils';
import { processWide } from './process-wide';

const chains = processWide('locks', () => new Map<string, Promise<unknown>>());

/**
 * Runs `job` while holding `key`: through Medusa's locking module when the app has one (its Redis provider
 * makes the lock hold across processes), else one at a time within this process.
 */
export function withLock<T>(container: MedusaContainer, key: string, job: () => Promise<T>): Promise<T> {
  if (container.hasRegistration(Modules.LOCKING)) {
    const locking = container.resolve<ILockingModule>(Modules.LOCKING);
    return locking.execute(key, job, { timeout: 60 });
  }
  const previous = chains.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(job);
  const tracked = run.finally(() => {
    if (chains.get(key) === tracked) chains.delete(key);
  });
  chains.set(key, tracked);
  return run;
}

/** The per-order lock placement and delivery take: every Medusa order change giftwire makes runs under it. */
export function orderLockKey(orderId: string): string {
  return `giftwire:fulfil:${orderId}`;
}
