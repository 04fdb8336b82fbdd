import type { SandboxFault, SandboxFaultOptions } from '@giftwire/sandbox-kit';
import type { CrashPoint } from '../shop/shop-config';

/** One fault of the matrix: a sandbox fault on one vendor operation, or a crash of the shop process. */
export type ProofFault =
  | {
      readonly id: string;
      readonly label: string;
      readonly kind: 'vendor';
      /** The fault, given the harness's per-request timeout (the slow answer outlasts it). */
      readonly fault: (requestTimeoutMs: number) => SandboxFault;
      readonly options: SandboxFaultOptions;
    }
  | { readonly id: string; readonly label: string; readonly kind: 'crash'; readonly at: CrashPoint };

const onPlacement = { operation: 'placeOrder' } as const;
const onRead = { operation: 'getOrder' } as const;

/**
 * Every fault the proof throws at every vendor: what the network, a gateway and the vendor itself can do to a
 * placement and to a status read, and a SIGKILL of the shop at each step of placement and delivery.
 */
export const PROOF_FAULTS: readonly ProofFault[] = [
  {
    id: 'none',
    label: 'no fault (control)',
    kind: 'vendor',
    fault: () => ({ kind: 'latency', ms: 0 }),
    options: onPlacement,
  },
  {
    id: 'drop-after-taken',
    label: 'placement answer dropped after the order was taken',
    kind: 'vendor',
    fault: () => ({ kind: 'drop_response' }),
    options: onPlacement,
  },
  {
    id: 'reset-before-send',
    label: 'connection reset before the request was read',
    kind: 'vendor',
    fault: () => ({ kind: 'reset' }),
    options: onPlacement,
  },
  ...[500, 502, 503].flatMap((status): ProofFault[] => [
    {
      id: `${status}`,
      label: `placement answered ${status}`,
      kind: 'vendor',
      fault: () => ({ kind: 'status', status, body: { error: 'unavailable' } }),
      options: onPlacement,
    },
    {
      id: `${status}-retry-after`,
      label: `placement answered ${status} with Retry-After`,
      kind: 'vendor',
      fault: () => ({
        kind: 'status',
        status,
        body: { error: 'unavailable' },
        headers: { 'retry-after': '1' },
      }),
      options: onPlacement,
    },
  ]),
  {
    id: '429',
    label: 'placement answered 429 with Retry-After',
    kind: 'vendor',
    fault: () => ({
      kind: 'status',
      status: 429,
      body: { error: 'slow down' },
      headers: { 'retry-after': '1' },
    }),
    options: onPlacement,
  },
  {
    id: 'gateway-after-forwarding',
    label: 'a gateway answered 502 after forwarding the placement',
    kind: 'vendor',
    fault: () => ({ kind: 'status_after_processing', status: 502, body: { message: 'Bad gateway' } }),
    options: onPlacement,
  },
  {
    id: 'malformed-placement',
    label: 'placement answered with malformed JSON',
    kind: 'vendor',
    fault: () => ({ kind: 'malformed_json' }),
    options: onPlacement,
  },
  {
    id: 'wrong-shape-placement',
    label: 'placement answered well-formed JSON of the wrong shape',
    kind: 'vendor',
    fault: () => ({ kind: 'wrong_shape' }),
    options: onPlacement,
  },
  {
    id: 'slow-placement',
    label: 'placement answered slower than the timeout',
    kind: 'vendor',
    fault: (timeoutMs) => ({ kind: 'slower_than', timeoutMs }),
    options: onPlacement,
  },
  {
    id: 'malformed-read',
    label: 'status read answered with malformed JSON',
    kind: 'vendor',
    fault: () => ({ kind: 'malformed_json' }),
    options: onRead,
  },
  {
    id: 'wrong-shape-read',
    label: 'status read answered well-formed JSON of the wrong shape',
    kind: 'vendor',
    fault: () => ({ kind: 'wrong_shape' }),
    options: onRead,
  },
  {
    id: '503-read',
    label: 'status read answered 503',
    kind: 'vendor',
    fault: () => ({ kind: 'status', status: 503, body: { error: 'unavailable' } }),
    options: onRead,
  },
  {
    id: 'slow-read',
    label: 'status read answered slower than the timeout',
    kind: 'vendor',
    fault: (timeoutMs) => ({ kind: 'slower_than', timeoutMs }),
    options: onRead,
  },
  {
    id: 'kill-before-send',
    label: 'shop SIGKILLed after recording the send, before the request left',
    kind: 'crash',
    at: 'before_send',
  },
  {
    id: 'kill-after-send',
    label: 'shop SIGKILLed after the vendor took the order, before its answer was stored',
    kind: 'crash',
    at: 'after_send',
  },
  {
    id: 'kill-after-read',
    label: 'shop SIGKILLed after reading the codes, before storing them',
    kind: 'crash',
    at: 'after_read',
  },
];
