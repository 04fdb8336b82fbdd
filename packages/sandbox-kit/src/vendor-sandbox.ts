import type { Money, VendorOperation } from '@giftwire/core';

/**
 * A fault a test queues on a sandbox; the next request of the named operation takes it. Every vendor
 * sandbox understands every kind, so one conformance suite can throw each of them at every vendor.
 */
export type SandboxFault =
  /** Waits `ms` before serving the request as usual. */
  | { kind: 'latency'; ms: number }
  /** Answers `status` with `body` (JSON) and `headers`, without serving the request. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Destroys the connection before reading the request: nothing was done. */
  | { kind: 'reset' }
  /** Serves the request (an order is taken and charged), then destroys the connection unanswered. */
  | { kind: 'drop_response' }
  /** Serves the request, then answers 200 with a body that is not JSON. */
  | { kind: 'malformed_json' }
  /** Serves the request, then answers 200 with well-formed JSON of the wrong shape (`body`, or `{ "unexpected": true }`). */
  | { kind: 'wrong_shape'; body?: unknown }
  /** Serves the request, then answers only after `timeoutMs` plus a margin: a client timing out at `timeoutMs` never sees it. */
  | { kind: 'slower_than'; timeoutMs: number }
  /** Serves the request, then sends what `rewrite` makes of a copy of the JSON answer. */
  | { kind: 'rewrite'; rewrite: (body: unknown) => unknown }
  /** Serves the request (an order is taken), then answers `status` with `body` instead: a gateway that answers after forwarding. */
  | { kind: 'status_after_processing'; status: number; body?: unknown };

export interface SandboxFaultOptions {
  /** Which operation the fault hits; `any` (default) hits whichever authenticated request comes next. */
  operation?: VendorOperation;
  /** How many requests it hits (default 1). */
  times?: number;
}

export interface SandboxFaults {
  next(fault: SandboxFault, options?: SandboxFaultOptions): void;
  clear(): void;
}

/** A rate rule the client broke; the request was answered 429 with `Retry-After`. */
export interface RateViolation {
  /** The sandbox's own name for the rule, e.g. `placeOrder spacing` or `per-product window`. */
  readonly rule: string;
  readonly operation: VendorOperation;
  /** The counter's key: `vendor`, a product id or an order id. */
  readonly key: string;
  /** The sandbox clock's time of the request, epoch milliseconds. */
  readonly at: number;
}

/** One vendor order as the sandbox holds it, in words every vendor shares. */
export interface SandboxOrderSummary {
  /** The vendor's id for the order. */
  readonly id: string;
  /** Our reference as the vendor recorded it (the vendor's RequestId / ref / refno field). */
  readonly reference: string;
  /** The vendor's own status word, as its API would answer now. */
  readonly status: string;
  /** True once the vendor will not change the order any more. */
  readonly final: boolean;
  readonly cardsRequested: number;
  /** Cards the vendor issued (readable codes), as of now. */
  readonly cardsIssued: number;
  /** What the vendor charged the shop's wallet for it, net of refunds; null before it charged anything. */
  readonly charged: Money | null;
}

/** Every secret the sandbox issued: codes, PINs, claim URLs, in clear, for leak scans. */
export interface IssuedSecrets {
  readonly codes: readonly string[];
  readonly pins: readonly string[];
  readonly urls: readonly string[];
  /** Second codes that activate a card (Budgetree); absent for vendors that issue none. */
  readonly activationCodes?: readonly string[];
}

/**
 * `orders()` lists every order in shared words; `orders.list()` and `orders.get(reference)` give the
 * vendor's own richer view (codes in clear) for vendor-specific tests.
 */
export interface SandboxOrders<VendorView> {
  (): SandboxOrderSummary[];
  list(): VendorView[];
  get(reference: string): VendorView | undefined;
}

/**
 * What every vendor sandbox offers, so tests — giftwire's conformance suite and a shop's own — drive any of
 * them the same way. A sandbox is an independent copy of the vendor's published behaviour: it never imports
 * its vendor's client code or limit numbers.
 */
export interface VendorSandbox<Settings extends object = Record<string, unknown>, VendorView = unknown> {
  /** The vendor's name as its adapter reports it (`bamboo`). */
  readonly vendor: string;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** Stops timers and pending webhooks, closes the server and every open socket. Idempotent. */
  close(): Promise<void>;
  readonly faults: SandboxFaults;
  /** Every rate-rule breach so far, each answered 429. */
  readonly violations: readonly RateViolation[];
  /** Authenticated requests of `operation` so far (`any`: all of them), faulted ones included. */
  calls(operation: VendorOperation): number;
  readonly orders: SandboxOrders<VendorView>;
  /** Every secret issued so far, or only for the order under `reference`. */
  issuedSecrets(reference?: string): IssuedSecrets;
  /** Applies every transition due by the sandbox clock now and waits for the webhooks they trigger. */
  settle(): Promise<void>;
  /** The settings that make this vendor's own client talk to this sandbox (credentials, base URL, account). */
  clientSettings(): Settings;
}
