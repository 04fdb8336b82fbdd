import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { scaleLimits, type VendorAdapter } from '@giftwire/core';
import {
  createFulfiller,
  createMemoryOrderStore,
  type Fulfiller,
  type FulfillerOptions,
  type FulfillmentOrder,
  generateEncryptionKey,
} from '@giftwire/engine';
import {
  captureLogs,
  type ScannedLogs,
  expectNothingSecretLogged as scanLogs,
  TIME_SCALE,
  waitFor,
} from '@giftwire/test-kit';
import type { Express } from 'express';
import { request } from 'undici';
import type { ProblemDetails } from '../../src/index';

// Bamboo's limits and the sandbox's at test-kit's time scale, so a test fulfils orders in milliseconds.
export const NOTIFICATION_SECRET = 'express-test-notification-secret';
export const CLIENT_SECRET = 'sandbox-secret';

export async function startScaledBambooSandbox(options: BambooSandboxOptions = {}): Promise<BambooSandbox> {
  return startBambooSandbox({
    limits: { placeOrderSpacingMs: 500 * TIME_SCALE, perProductWindowMs: 60_000 * TIME_SCALE },
    scenario: { processingAfterMs: 20, settleAfterMs: 60, ...options.scenario },
    ...options,
  });
}

/** `poll: 'slow'` keeps the engine from polling for minutes, so only a webhook can settle an order in time. */
export function scaledBamboo(sandbox: BambooSandbox, { poll = 'fast' }: { poll?: 'fast' | 'slow' } = {}) {
  const limits = scaleLimits(BAMBOO_LIMITS, TIME_SCALE);
  return createBamboo({
    clientId: 'sandbox-client',
    clientSecret: CLIENT_SECRET,
    accountId: 555,
    baseUrl: sandbox.url,
    notificationSecret: NOTIFICATION_SECRET,
    limits: {
      ...limits,
      deadlineMs: 600_000,
      poll:
        poll === 'fast'
          ? { initialDelayMs: 40, intervalsMs: [40, 80, 160], jitter: 0.1 }
          : { initialDelayMs: 300_000, intervalsMs: [300_000] },
    },
    env: {},
  });
}

/** A fulfiller over the scaled Bamboo client of `sandbox`, for tests that mount the router themselves. */
export function testFulfiller(sandbox: BambooSandbox, overrides: Partial<FulfillerOptions> = {}) {
  return fulfillerOver([scaledBamboo(sandbox)], overrides);
}

/**
 * A fulfiller over `vendors` as every router test runs one: a memory store, fresh encryption keys, tuning
 * that reconciles an unknown placement at once, the file's logs; `overrides` replace any of them.
 */
export function fulfillerOver(vendors: VendorAdapter[], overrides: Partial<FulfillerOptions> = {}) {
  return createFulfiller({
    logger: fileLogs.logger,
    vendors,
    store: createMemoryOrderStore(),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    tuning: { placementGraceMs: 50, random: () => 0.5 },
    ...overrides,
  });
}

/** Everything this test file's engines and routers log, unless a test gives its own logger. */
export const fileLogs = captureLogs();

/** test-kit's scan over these sandboxes' codes and PINs, plus the credentials the tests configure. */
export function expectNothingSecretLogged(logs: ScannedLogs, sandboxes: readonly BambooSandbox[]): void {
  scanLogs(logs, sandboxes, { credentials: [CLIENT_SECRET, NOTIFICATION_SECRET] });
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 with a free port, as a real deployment would (no supertest shortcuts). */
export async function listen(app: Express): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface HttpAnswer<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed JSON, typed by the caller: tests assert on it, so a wrong guess fails loudly. */
  body: T;
}

export async function http<T = ProblemDetails>(
  url: string,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HttpAnswer<T>> {
  const res = await request(url, {
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    body: options.body ?? null,
  });
  const text = await res.body.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, body: body as T };
}

export function postJson<T = ProblemDetails>(
  url: string,
  value: unknown,
  headers: Record<string, string> = {},
) {
  return http<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
  });
}

/** Header-based auth for tests: `x-customer: <id>`; absent means anonymous. */
export function headerAuth(req: { get(name: string): string | undefined }) {
  const customerId = req.get('x-customer');
  return customerId ? { customerId } : undefined;
}

export const as = (customerId: string) => ({ 'x-customer': customerId });

export function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    vendor: 'bamboo',
    reference: randomUUID(),
    lines: [{ productId: '439685', quantity: 2, faceValue: { amount: '10', currency: 'USD' } }],
    shopOrderId: 'shop-1',
    ...overrides,
  };
}

/** Polls `get` until its answer passes `predicate` and returns that answer; the error shows the last one. */
export async function pollUntil<T>(
  get: () => Promise<T>,
  predicate: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  let last: T | undefined;
  const passed = await waitFor(
    async () => {
      last = await get();
      return predicate(last) && { value: last };
    },
    // The last answer's status and state only: its body may hold revealed codes.
    { timeoutMs, message: () => `a passing answer; last: ${describeAnswer(last)}` },
  );
  return passed.value;
}

function describeAnswer(value: unknown): string {
  if (value === null || typeof value !== 'object' || !('status' in value)) return typeof value;
  const { status, body } = value as { status: unknown; body?: { state?: unknown } };
  return `HTTP ${String(status)}, state ${String(body?.state)}`;
}

export type { AnyVendorSandbox } from '@giftwire/conformance';
export type { BambooSandbox, Fulfiller, FulfillmentOrder };
export { captureLogs };
