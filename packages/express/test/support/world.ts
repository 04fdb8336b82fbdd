import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { BAMBOO_LIMITS, createBamboo } from '@giftwire/bamboo';
import { type BambooSandbox, type BambooSandboxOptions, startBambooSandbox } from '@giftwire/bamboo/sandbox';
import { scaleLimits } from '@giftwire/core';
import {
  createFulfiller,
  createMemoryOrderStore,
  type Fulfiller,
  type FulfillerOptions,
  type FulfillmentOrder,
  generateEncryptionKey,
} from '@giftwire/engine';
import type { Express } from 'express';
import pino from 'pino';
import { request } from 'undici';
import type { ProblemDetails } from '../../src/index';

/** Bamboo's limits and the sandbox's, both 20 times faster, so a test fulfils orders in milliseconds. */
export const TIME_SCALE = 0.05;
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

export function testFulfiller(sandbox: BambooSandbox, overrides: Partial<FulfillerOptions> = {}) {
  return createFulfiller({
    logger: fileLogs.logger,
    vendors: [scaledBamboo(sandbox)],
    store: createMemoryOrderStore(),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    tuning: { placementGraceMs: 50, random: () => 0.5 },
    ...overrides,
  });
}

/** A real pino logger writing into memory, so a test can scan everything that was logged. */
export function captureLogs() {
  let text = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), text: () => text };
}

/** Everything this test file's engines and routers log, unless a test gives its own logger. */
export const fileLogs = captureLogs();

/**
 * Asserts that no code or PIN any of these sandboxes issued, and no credential, is in the logged text.
 * PINs are short, so they are looked for as JSON string values.
 */
export function expectNothingSecretLogged(text: string, sandboxes: readonly BambooSandbox[]): void {
  for (const { codes, pins } of sandboxes.map((s) => s.issuedSecrets())) {
    if (codes.some((code) => text.includes(code))) throw new Error('a voucher code was logged');
    if (pins.some((pin) => text.includes(`"${pin}"`))) throw new Error('a PIN was logged');
  }
  for (const credential of [CLIENT_SECRET, NOTIFICATION_SECRET]) {
    if (text.includes(credential)) throw new Error('a credential was logged');
  }
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

export async function waitFor<T>(
  get: () => Promise<T>,
  predicate: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition never held; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type { BambooSandbox, Fulfiller, FulfillmentOrder };
