import type { SandboxScenario, VendorHarness } from '@giftwire/conformance';
import type { VendorAdapter } from '@giftwire/core';
import {
  type RouterApp,
  type RouterAppOptions,
  startRouterApp,
  type VendorUnderTest,
} from './start-test-app';

/** An engine poll five minutes out: an order that settles within seconds was settled by its webhook. */
const POLL_NEVER_IN_A_TEST = { initialDelayMs: 300_000, intervalsMs: [300_000] };

export interface HarnessAppOptions extends RouterAppOptions<HarnessVendor> {
  /** The sandboxes' scenario (default: every order fulfilled shortly after placement). */
  scenario?: Omit<SandboxScenario, 'webhookUrl'>;
  /**
   * Where sandboxes whose adapter takes webhooks send them. `router`: its `POST /webhooks/<vendor>`.
   * `elsewhere`: a path the router does not serve (404), so each adapter still holds its vendor's real
   * webhook secret (harnesses configure it only with a webhook URL) yet no real webhook reaches the
   * route: only what the test posts does. `none`: no webhook URL at all (and, for some vendors, no secret).
   */
  webhooks: 'router' | 'elsewhere' | 'none';
  /**
   * Pushes the engine poll of adapters that take webhooks out of the test's reach, so only a webhook can
   * settle their orders; vendors without webhooks (Budgetree) keep their harness's poll. Default false.
   */
  onlyWebhooksSettle?: boolean;
}

/** A started harness: the router app's vendor, with the harness that started it. */
export interface HarnessVendor extends VendorUnderTest {
  harness: VendorHarness;
}

export interface HarnessApp extends RouterApp<HarnessVendor> {
  /** Every harness's vendor, by vendor name. */
  byVendor: Map<string, HarnessVendor>;
  /** Every sandbox's credentials (`harness.credentials`), as they stand now: scanned for in every leak check. */
  credentials(): string[];
}

/**
 * The giftwire router over one fulfiller holding an adapter per harness (each vendor's own client on its
 * own sandbox, on the shared test time scale), listening on 127.0.0.1. With `webhooks: 'router'`, each
 * sandbox that sends webhooks is started pointing at the router, so a real signed delivery travels over
 * HTTP into it.
 *
 * @example
 * const app = await startHarnessApp(VENDOR_HARNESSES, { webhooks: 'router' });
 * await postJson(`${app.base}/orders`, { vendor: 'gifthub', ...giftHubHarness.sampleRequest(randomUUID()) }, as('alice'));
 */
export async function startHarnessApp(
  harnesses: readonly VendorHarness[],
  options: HarnessAppOptions,
): Promise<HarnessApp> {
  const { scenario, webhooks, onlyWebhooksSettle = false, ...appOptions } = options;
  const app = await startRouterApp(async (address) => {
    const webhookUrl = (vendor: string) =>
      webhooks === 'router' ? address.webhookUrl(vendor) : `${address.base}/not-a-webhook-route/${vendor}`;
    const started: HarnessVendor[] = [];
    try {
      for (const harness of harnesses) {
        const sandbox = await harness.startSandbox({
          ...scenario,
          ...(harness.webhook && webhooks !== 'none' ? { webhookUrl: webhookUrl(harness.vendor) } : {}),
        });
        const adapter = harness.createAdapter(sandbox);
        started.push({
          vendor: harness.vendor,
          harness,
          sandbox,
          adapter: onlyWebhooksSettle ? withoutPolling(adapter) : adapter,
        });
      }
    } catch (error) {
      await Promise.all(started.map((v) => v.sandbox.close()));
      throw error;
    }
    return started;
  }, appOptions);
  return {
    ...app,
    byVendor: new Map(app.vendors.map((v) => [v.vendor, v])),
    credentials: () => app.vendors.flatMap((v) => v.harness.credentials(v.sandbox)),
  };
}

/**
 * The adapter with the poll of a webhook vendor pushed past the test (and its deadline with it, so the
 * engine does not give up first); the harness contract allows changing `limits.poll` and `deadlineMs`.
 */
function withoutPolling(adapter: VendorAdapter): VendorAdapter {
  if (!adapter.capabilities.webhooks) return adapter;
  return { ...adapter, limits: { ...adapter.limits, poll: POLL_NEVER_IN_A_TEST, deadlineMs: 600_000 } };
}
