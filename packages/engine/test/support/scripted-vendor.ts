import { randomBytes } from 'node:crypto';
import {
  type GiftCardOrder,
  type OrderStatus,
  OutcomeUnknownError,
  type PlaceOrderRequest,
  Secret,
  type VendorAdapter,
  VendorApiError,
  type VendorCapabilities,
  type VendorLimits,
  WebhookVerificationError,
} from '@giftwire/core';

/**
 * A fake vendor in memory, for exercising what the engine does with capabilities Bamboo lacks (idempotent
 * replay, cancel, cancel-at-deadline) and with failures on demand. Its rules mirror real vendors: a reused
 * reference is refused (or replayed, with `idempotentReplay`), and unknown orders are `not_found`.
 */
export type PlaceScript =
  | 'ok'
  /** The vendor takes the order, then the answer is lost. */
  | 'unknown-landed'
  /** The request is lost before the vendor sees it. */
  | 'unknown-lost'
  | VendorApiError;

export interface ScriptedVendorOptions {
  vendor?: string;
  capabilities?: Partial<VendorCapabilities>;
  limits?: Partial<VendorLimits>;
  /** How long after placement the vendor settles (default 30 ms). `Infinity` never settles. */
  settleAfterMs?: number;
  outcome?: (
    request: PlaceOrderRequest,
  ) => Extract<OrderStatus, 'fulfilled' | 'partially_fulfilled' | 'failed'>;
  /**
   * The status by the order's age, overriding `settleAfterMs`/`outcome` (e.g. partial first, fulfilled
   * later). A cancelled order stays cancelled.
   */
  statusAt?: (ageMs: number) => OrderStatus;
  /** Consumed one per placement call; when empty, placements succeed. */
  placeScript?: PlaceScript[];
  /** Delay every getOrder by this long (for graceful-stop tests). */
  getOrderDelayMs?: number;
  webhookSecret?: string;
  now?: () => number;
}

interface VendorOrder {
  request: PlaceOrderRequest;
  placedAt: number;
  cancelled: boolean;
  codes: string[][];
}

export const SCRIPTED_LIMITS: VendorLimits = {
  rateLimits: [],
  maxCardsPerOrder: 50,
  poll: { initialDelayMs: 10, intervalsMs: [10, 20, 40] },
  deadlineMs: 60_000,
  cancelAtDeadline: 'unsupported',
};

export function createScriptedVendor(options: ScriptedVendorOptions = {}) {
  const vendor = options.vendor ?? 'scripted';
  const now = options.now ?? Date.now;
  const settleAfterMs = options.settleAfterMs ?? 30;
  const script = [...(options.placeScript ?? [])];
  const orders = new Map<string, VendorOrder>();
  const calls = { place: 0, get: 0, cancel: 0 };
  const capabilities: VendorCapabilities = {
    webhooks: true,
    cancel: false,
    catalog: false,
    balance: false,
    idempotentReplay: false,
    lookupByReference: true,
    ...options.capabilities,
  };

  function view(reference: string, order: VendorOrder): GiftCardOrder {
    const age = now() - order.placedAt;
    const byAge = order.cancelled ? undefined : options.statusAt?.(age);
    const settled =
      byAge === undefined
        ? order.cancelled || age >= settleAfterMs
        : byAge !== 'pending' && byAge !== 'processing';
    const final = order.cancelled ? 'cancelled' : (options.outcome?.(order.request) ?? 'fulfilled');
    const status: OrderStatus = byAge ?? (settled ? final : 'processing');
    return {
      vendor,
      reference,
      vendorOrderId: `v-${reference.slice(0, 8)}`,
      status,
      rawStatus: status.toUpperCase(),
      lines: order.request.lines.map((line, li) => ({
        ...line,
        vouchers: order.codes[li]!.map((code, vi) => {
          const failedHalf = status === 'partially_fulfilled' && vi >= Math.ceil(line.quantity / 2);
          if (!settled || status === 'cancelled' || status === 'failed' || failedHalf) {
            return {
              status: settled ? ('failed' as const) : ('pending' as const),
              faceValue: line.faceValue,
            };
          }
          return {
            status: 'issued' as const,
            code: new Secret(code),
            pin: new Secret('1234'),
            faceValue: line.faceValue,
          };
        }),
      })),
      updatedAt: new Date(now()).toISOString(),
    };
  }

  const adapter: VendorAdapter = {
    specificationVersion: 'v1',
    vendor,
    capabilities,
    limits: { ...SCRIPTED_LIMITS, ...options.limits },
    async placeOrder(request) {
      calls.place++;
      const step = script.shift() ?? 'ok';
      if (step === 'unknown-lost')
        throw new OutcomeUnknownError({ vendor, reference: request.reference, reason: 'timeout' });
      if (typeof step !== 'string') throw step;
      const existing = orders.get(request.reference);
      if (existing) {
        if (capabilities.idempotentReplay)
          return { reference: request.reference, vendorOrderId: `v-${request.reference.slice(0, 8)}` };
        throw new VendorApiError({ vendor, code: 'duplicate_reference', retryable: false, httpStatus: 409 });
      }
      orders.set(request.reference, {
        request,
        placedAt: now(),
        cancelled: false,
        codes: request.lines.map((line) =>
          Array.from({ length: line.quantity }, () => randomBytes(12).toString('hex')),
        ),
      });
      if (step === 'unknown-landed')
        throw new OutcomeUnknownError({ vendor, reference: request.reference, reason: 'connection_reset' });
      return { reference: request.reference, vendorOrderId: `v-${request.reference.slice(0, 8)}` };
    },
    async getOrder({ reference }) {
      calls.get++;
      if (options.getOrderDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.getOrderDelayMs));
      const order = orders.get(reference);
      if (!order) throw new VendorApiError({ vendor, code: 'not_found', retryable: false, httpStatus: 404 });
      return view(reference, order);
    },
    async parseWebhook({ headers, rawBody }) {
      if (headers['x-scripted-secret'] !== (options.webhookSecret ?? 'hook-secret')) {
        throw new WebhookVerificationError(vendor, 'bad_signature');
      }
      const body = JSON.parse(String(rawBody)) as {
        id: string;
        reference: string;
        status: string;
        /** The normalized status the hint claims, as a vendor's parser maps it from its table. */
        claims?: OrderStatus;
      };
      return {
        vendor,
        id: body.id,
        type: 'order.updated',
        reference: body.reference,
        status: body.status,
        ...(body.claims === undefined ? {} : { claimedStatus: body.claims }),
        verifiedBy: 'signature',
        receivedAt: new Date(now()).toISOString(),
      };
    },
  };
  if (capabilities.cancel) {
    adapter.cancelOrder = async ({ reference }) => {
      calls.cancel++;
      const order = orders.get(reference);
      if (!order) throw new VendorApiError({ vendor, code: 'not_found', retryable: false, httpStatus: 404 });
      if (now() - order.placedAt >= settleAfterMs && !order.cancelled) return { outcome: 'already_final' };
      order.cancelled = true;
      return { outcome: 'cancelled' };
    };
  }

  /** Every code the vendor issued, for scanning logs and dumps. */
  const issuedCodes = () => [...orders.values()].flatMap((o) => o.codes.flat());
  return { adapter, orders, calls, script, issuedCodes };
}
