import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { BambooApi, type Violation } from './bamboo-api';
import { type Fault, type FaultOptions, FaultQueue } from './faults';
import type { NotificationSettings } from './notifications';
import { type SandboxOrder, toSandboxOrder } from './order-view';
import { type BambooSandboxOptions, resolveSandboxOptions } from './sandbox-options';
import { createSandboxHandler } from './sandbox-server';

/** How often due transitions are applied when no request arrives; short enough for callbacks to feel live. */
const TICK_MS = 20;

export interface BambooSandbox {
  /** `http://127.0.0.1:<port>`, the base URL for a Bamboo client. */
  readonly url: string;
  /** Stops timers and pending callbacks, closes the server and every open socket. */
  close(): Promise<void>;
  /** Every order, card codes and PINs in clear, as of the clock now. */
  readonly orders: { list(): SandboxOrder[]; get(requestId: string): SandboxOrder | undefined };
  /** Every authenticated POST to checkout, whatever the answer (faults included). */
  readonly placeOrderCalls: number;
  /** Rate-rule breaches, each answered 429. */
  readonly violations: readonly Violation[];
  /** Merges into the callback settings, like POST /notification but leaving unnamed fields alone. */
  setNotification(settings: Partial<NotificationSettings>): void;
  readonly faults: { next(fault: Fault, options?: FaultOptions): void; clear(): void };
  /** Applies transitions due by the clock now and waits for the callbacks they trigger (fake clocks). */
  settle(): Promise<void>;
  /** Current balance as a decimal string. */
  balance(accountId: number): string;
  /**
   * Every card code and PIN issued so far (or for one RequestId), to check that none reached a log, a
   * response or a database dump of the shop under test.
   */
  issuedSecrets(requestId?: string): { codes: string[]; pins: string[] };
}

/** Starts a local server that behaves like Bamboo Card's integration API, on 127.0.0.1. */
export async function startBambooSandbox(options: BambooSandboxOptions = {}): Promise<BambooSandbox> {
  const resolved = resolveSandboxOptions(options);
  const api = new BambooApi(resolved);
  const faults = new FaultQueue();
  const handler = createSandboxHandler({
    api,
    faults,
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
  });

  const sockets = new Set<Socket>();
  const server: Server = createServer(handler.handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const ticker = setInterval(() => api.advance(), TICK_MS);
  ticker.unref();

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(ticker);
        handler.close();
        api.notifier.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
    orders: {
      list() {
        api.advance();
        return Array.from(api.lifecycle.all(), toSandboxOrder);
      },
      get(requestId) {
        api.advance();
        const order = api.lifecycle.get(requestId);
        return order && toSandboxOrder(order);
      },
    },
    get placeOrderCalls() {
      return api.placeOrderCalls;
    },
    violations: api.violations,
    setNotification(settings) {
      api.notifier.update(settings);
    },
    faults: {
      next: (fault, faultOptions) => faults.next(fault, faultOptions),
      clear: () => faults.clear(),
    },
    async settle() {
      api.advance();
      await api.notifier.idle();
    },
    issuedSecrets(requestId) {
      api.advance();
      const orders = requestId === undefined ? api.lifecycle.all() : [api.lifecycle.get(requestId)];
      const cards = [...orders].flatMap((order) => (order ? order.items.flatMap((item) => item.cards) : []));
      return {
        codes: cards.flatMap((card) => (card.cardCode === null ? [] : [card.cardCode])),
        pins: cards.flatMap((card) => (card.pin === null ? [] : [card.pin])),
      };
    },
    balance(accountId) {
      const account = api.ledger.get(accountId);
      if (!account) throw new RangeError(`unknown account ${accountId}`);
      return account.balance.toFixed();
    },
  };
}
