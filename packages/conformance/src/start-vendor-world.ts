import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { VendorAdapter, VendorLimits, WebhookInput } from '@giftwire/core';
import {
  createFulfiller,
  createMemoryOrderStore,
  type Fulfiller,
  type FulfillmentOrder,
  generateEncryptionKey,
  type WebhookOutcome,
} from '@giftwire/engine';
import type { IssuedSecrets } from '@giftwire/sandbox-kit';
import { captureLogs } from '@giftwire/test-kit';
import type { AnyVendorSandbox, SandboxScenario, VendorHarness } from './vendor-harness';

export interface VendorWorldOptions {
  scenario?: Omit<SandboxScenario, 'webhookUrl'>;
  /** Serve the sandbox's webhooks into the engine. */
  webhooks?: boolean;
  /** Replaces parts of the adapter's limits (a shorter deadline, a slower poll). */
  limits?: (limits: VendorLimits) => Partial<VendorLimits>;
}

/** One webhook the sandbox delivered, exactly as received, and what the engine made of it. */
export interface DeliveredWebhook {
  input: WebhookInput;
  outcome: Promise<WebhookOutcome>;
}

/** What a world held when it closed, for the suite's last case: the leak scan. */
export interface WorldLeakReport {
  vendor: string;
  /** Every line the engine logged. */
  logs: string;
  /** Every order view the engine handed out: listed, fetched, and sent with `order.updated`. */
  views: unknown[];
  /** Codes, PINs and claim URLs the sandbox issued, as it closed. */
  issued: IssuedSecrets;
  /** The sandbox's credentials (`harness.credentials`). */
  credentials: string[];
}

export interface VendorWorld<Sandbox extends AnyVendorSandbox = AnyVendorSandbox> {
  sandbox: Sandbox;
  adapter: VendorAdapter;
  fulfiller: Fulfiller;
  /** Webhooks the sandbox delivered, in arrival order. */
  delivered: DeliveredWebhook[];
  /** Stops the engine, the sandbox and the webhook endpoint, and reports what it held. */
  close(): Promise<WorldLeakReport>;
}

/**
 * A vendor's sandbox, its adapter and an engine over it (in-memory store), wired over real HTTP; with
 * `webhooks`, a local endpoint feeds the sandbox's deliveries into `fulfiller.handleWebhook`.
 */
export async function startVendorWorld<Sandbox extends AnyVendorSandbox>(
  harness: VendorHarness<Sandbox>,
  options: VendorWorldOptions = {},
): Promise<VendorWorld<Sandbox>> {
  const delivered: DeliveredWebhook[] = [];
  let fulfiller: Fulfiller | undefined;
  const endpoint = options.webhooks
    ? await startWebhookEndpoint(harness.vendor, () => fulfiller, delivered)
    : undefined;
  const sandbox = await harness.startSandbox({
    ...options.scenario,
    ...(endpoint ? { webhookUrl: endpoint.url } : {}),
  });
  const created = harness.createAdapter(sandbox);
  const adapter: VendorAdapter = options.limits
    ? { ...created, limits: { ...created.limits, ...options.limits(created.limits) } }
    : created;
  const logs = captureLogs();
  const views: FulfillmentOrder[] = [];
  fulfiller = createFulfiller({
    vendors: [adapter],
    store: createMemoryOrderStore(),
    encryption: { keys: { k1: generateEncryptionKey() }, activeKeyId: 'k1' },
    logger: logs,
    // Unknown placement outcomes are reconciled at once instead of after a minute.
    tuning: { placementGraceMs: 50, random: () => 0.5 },
  });
  fulfiller.on('order.updated', (order) => {
    views.push(order);
  });
  await fulfiller.start();
  const engine = fulfiller;

  return {
    sandbox,
    adapter,
    fulfiller: engine,
    delivered,
    async close() {
      const listed = await engine.list({ limit: 500 });
      const fetched = await Promise.all(listed.orders.map((o) => engine.get(o.reference)));
      await engine.close();
      await Promise.allSettled(delivered.map((d) => d.outcome));
      const report: WorldLeakReport = {
        vendor: harness.vendor,
        logs: logs.text(),
        views: [listed, ...fetched, ...views],
        issued: sandbox.issuedSecrets(),
        credentials: harness.credentials(sandbox),
      };
      await sandbox.close();
      await endpoint?.close();
      return report;
    },
  };
}

async function startWebhookEndpoint(
  vendor: string,
  fulfiller: () => Fulfiller | undefined,
  delivered: DeliveredWebhook[],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const engine = fulfiller();
      if (!engine) {
        res.writeHead(503).end();
        return;
      }
      const input: WebhookInput = { headers: { ...req.headers }, rawBody: Buffer.concat(chunks) };
      const outcome = engine.handleWebhook(vendor, input);
      delivered.push({ input, outcome });
      outcome.then(
        () => res.writeHead(204).end(),
        () => res.writeHead(401).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/${vendor}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
