// TEMP adapter until vk/kit: today's Bamboo sandbox in the shape of sandbox-kit's VendorSandbox. When vk/kit
// merges, startBambooSandbox returns a VendorSandbox itself and this file goes.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type {
  SandboxFault,
  SandboxFaultOptions,
  SandboxOrderSummary,
  VendorSandbox,
} from '@giftwire/conformance';
import type { VendorOperation } from '@giftwire/core';
import type { BambooSettings } from '../src/index';
import type { BambooSandbox, FaultRoute, SandboxOrder } from '../src/sandbox/index';

/** Fault kinds today's sandbox lacks; the proxy in front of it plays them. */
type ProxiedFault = Extract<SandboxFault, { kind: 'malformed_json' | 'wrong_shape' | 'slower_than' }>;

const ROUTES: Partial<Record<VendorOperation, FaultRoute>> = {
  placeOrder: 'placeOrder',
  getOrder: 'getOrder',
  listProducts: 'catalog',
  getBalance: 'accounts',
  any: 'any',
};
const FINAL = new Set(['Succeeded', 'Failed', 'PartialFailed']);

/** Which operation a request to Bamboo's API is. */
function operationOf(method: string, url: string): VendorOperation | undefined {
  const path = new URL(url, 'http://x.invalid').pathname.toLowerCase().replace(/\/+$/, '');
  if (path === '/api/integration/v1.0/orders/checkout' && method === 'POST') return 'placeOrder';
  if (path.startsWith('/api/integration/v1.0/orders/') && method === 'GET') return 'getOrder';
  if (path === '/api/integration/v2.0/catalog') return 'listProducts';
  if (path === '/api/integration/v1.0/accounts') return 'getBalance';
  return undefined;
}

function summaryOf(order: SandboxOrder): SandboxOrderSummary {
  const cards = order.items.flatMap((item) => item.cards);
  return {
    id: String(order.orderId),
    reference: order.requestId,
    status: order.status,
    final: FINAL.has(order.status),
    cardsRequested: order.items.reduce((sum, item) => sum + item.quantity, 0),
    cardsIssued: cards.filter((card) => card.status === 'Sold').length,
    charged: order.charged === '0' ? null : { amount: order.total, currency: order.currency },
  };
}

/**
 * Puts a counting HTTP proxy in front of `sandbox` (for `calls(operation)` and the fault kinds it lacks) and
 * answers the VendorSandbox members from what the sandbox has today.
 */
export async function asVendorSandbox(
  sandbox: BambooSandbox,
  settings: BambooSettings,
): Promise<VendorSandbox<BambooSettings, SandboxOrder>> {
  const upstream = new URL(sandbox.url);
  const counts = new Map<VendorOperation, number>();
  const proxied: { fault: ProxiedFault; operation: VendorOperation; remaining: number }[] = [];
  const sockets = new Set<Socket>();

  function takeProxied(operation: VendorOperation | undefined): ProxiedFault | undefined {
    const index = proxied.findIndex((p) => p.operation === 'any' || p.operation === operation);
    const armed = proxied[index];
    if (!armed || operation === undefined) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) proxied.splice(index, 1);
    return armed.fault;
  }

  const server: Server = createServer((req, res) => {
    const operation = operationOf(req.method ?? 'GET', req.url ?? '/');
    if (operation) counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const fault = takeProxied(operation);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', () => req.socket.destroy());
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          if (fault?.kind === 'malformed_json') body = Buffer.from('{"orderId": 1, "status": "Succ');
          if (fault?.kind === 'wrong_shape')
            body = Buffer.from(JSON.stringify(fault.body ?? { unexpected: true }));
          const status = fault ? 200 : (answer.statusCode ?? 502);
          const send = () => {
            if (res.destroyed) return;
            res.writeHead(status, { ...answer.headers, 'content-length': String(body.length) });
            res.end(body);
          };
          if (fault?.kind === 'slower_than') setTimeout(send, fault.timeoutMs + 250).unref();
          else send();
        });
      },
    );
    // The sandbox reset or dropped the connection: so does the proxy, and the client sees it die.
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const orders = Object.assign(() => sandbox.orders.list().map(summaryOf), {
    list: () => sandbox.orders.list(),
    get: (reference: string) => sandbox.orders.get(reference),
  });
  let closed: Promise<void> | undefined;
  return {
    vendor: 'bamboo',
    url,
    close() {
      closed ??= (async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await sandbox.close();
      })();
      return closed;
    },
    faults: {
      next(fault: SandboxFault, options: SandboxFaultOptions = {}) {
        const operation = options.operation ?? 'any';
        const times = options.times ?? 1;
        if (fault.kind === 'malformed_json' || fault.kind === 'wrong_shape' || fault.kind === 'slower_than') {
          proxied.push({ fault, operation, remaining: times });
          return;
        }
        const route = ROUTES[operation];
        if (!route) throw new RangeError(`Bamboo has no ${operation} operation`);
        // Today's sandbox sends no headers of a fault's own; none of the suite's faults needs them.
        const { headers: _headers, ...rest } = fault as SandboxFault & { headers?: unknown };
        sandbox.faults.next(rest as Parameters<BambooSandbox['faults']['next']>[0], { route, times });
      },
      clear() {
        proxied.length = 0;
        sandbox.faults.clear();
      },
    },
    get violations() {
      return sandbox.violations.map((v) => ({
        rule: v.kind === 'spacing' ? 'placeOrder spacing' : 'per-product window',
        operation: 'placeOrder' as const,
        key: v.productId === undefined ? 'vendor' : String(v.productId),
        at: v.at,
      }));
    },
    calls: (operation) =>
      operation === 'any'
        ? [...counts.values()].reduce((sum, n) => sum + n, 0)
        : operation === 'placeOrder'
          ? sandbox.placeOrderCalls
          : (counts.get(operation) ?? 0),
    orders,
    issuedSecrets(reference) {
      const { codes, pins } = sandbox.issuedSecrets(reference);
      return { codes, pins, urls: [] };
    },
    settle: () => sandbox.settle(),
    clientSettings: () => ({ ...settings, baseUrl: url }),
  };
}
