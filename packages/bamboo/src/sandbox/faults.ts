export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'reset' }
  | { kind: 'drop_response' }
  /**
   * The request is served as usual, then `rewrite` changes the JSON answer before it is sent: a vendor that
   * puts unexpected text in its free-text fields (error messages, status words, serials, card ids) or answers
   * with data other than what was asked for. `rewrite` gets a copy and returns the body to send.
   */
  | { kind: 'rewrite'; rewrite: (body: unknown) => unknown }
  /**
   * The request is processed as usual (an order is taken and charged) and then answered with `status` and
   * `body` instead: a gateway timing out (408, 504), a proxy answering 404/409, a 502 page whose text happens
   * to mention a reason code. The client cannot tell from the answer that the order landed.
   */
  | { kind: 'status_after_processing'; status: number; body?: unknown };

export type FaultRoute = 'placeOrder' | 'getOrder' | 'catalog' | 'accounts' | 'any';

export interface FaultOptions {
  /** Which route the fault hits; `any` (default) hits whichever authenticated request comes next. */
  route?: FaultRoute;
  /** How many requests it hits (default 1). */
  times?: number;
}

interface Armed {
  fault: Fault;
  route: FaultRoute;
  remaining: number;
}

/** Faults queued by tests; each request takes the oldest one aimed at its route. */
export class FaultQueue {
  #armed: Armed[] = [];

  next(fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError('faults.next: times must be a positive integer');
    this.#armed.push({ fault, route: options.route ?? 'any', remaining: times });
  }

  clear(): void {
    this.#armed = [];
  }

  /** The fault for this request, if any; `route` is undefined for routes only `any` faults hit. */
  take(route: Exclude<FaultRoute, 'any'> | undefined): Fault | undefined {
    if (this.#armed.length === 0) return undefined;
    const index = this.#armed.findIndex((a) => a.route === 'any' || a.route === route);
    const armed = this.#armed[index];
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.#armed.splice(index, 1);
    return armed.fault;
  }
}
