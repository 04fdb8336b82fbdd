import type { VendorOperation } from '@giftwire/core';
import type { SandboxFault, SandboxFaultOptions } from './vendor-sandbox';

interface Armed {
  fault: SandboxFault;
  operation: VendorOperation;
  remaining: number;
}

/**
 * Faults queued by tests; each request takes the oldest one aimed at its operation (or at `any`).
 *
 * @example
 * const faults = new FaultQueue();
 * faults.next({ kind: 'status', status: 503 }, { operation: 'placeOrder', times: 2 });
 * faults.take('placeOrder'); // { kind: 'status', status: 503 }
 */
export class FaultQueue {
  #armed: Armed[] = [];

  next(fault: SandboxFault, options: SandboxFaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError('faults.next: times must be a positive integer');
    this.#armed.push({ fault, operation: options.operation ?? 'any', remaining: times });
  }

  clear(): void {
    this.#armed = [];
  }

  /** The fault for this request, if any; `operation` is undefined for routes only `any` faults hit. */
  take(operation: VendorOperation | undefined): SandboxFault | undefined {
    if (this.#armed.length === 0) return undefined;
    const index = this.#armed.findIndex((a) => a.operation === 'any' || a.operation === operation);
    const armed = this.#armed[index];
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.#armed.splice(index, 1);
    return armed.fault;
  }
}
