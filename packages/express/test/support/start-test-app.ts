import type { BambooSandboxOptions } from '@giftwire/bamboo/sandbox';
import type { VendorAdapter } from '@giftwire/core';
import express, { type Express } from 'express';
import { type GiftwireOptions, giftwire } from '../../src/index';
import {
  type AnyVendorSandbox,
  type BambooSandbox,
  type Fulfiller,
  fileLogs,
  fulfillerOver,
  headerAuth,
  type Listening,
  listen,
  scaledBamboo,
  startScaledBambooSandbox,
} from './world';

type FulfillerOverrides = NonNullable<Parameters<typeof fulfillerOver>[1]>;

/** One vendor behind the router: its started sandbox and the adapter the fulfiller gets for it. */
export interface VendorUnderTest<Sandbox extends AnyVendorSandbox = AnyVendorSandbox> {
  vendor: string;
  sandbox: Sandbox;
  adapter: VendorAdapter;
}

/** Where the router listens, so vendors started for it can send their webhooks there. */
export interface RouterAddress {
  /** The server's URL, the mount path and the router's basePath: `${base}/orders` places an order. */
  base: string;
  /** `POST` here is the router's webhook route for `vendor`. */
  webhookUrl(vendor: string): string;
}

export interface RouterApp<Vendor extends VendorUnderTest = VendorUnderTest> {
  /** The vendors the fulfiller has, in the order they were started. */
  vendors: Vendor[];
  fulfiller: Fulfiller;
  server: Listening;
  /** Where the router answers: the server's URL, the mount path and the router's basePath. */
  base: string;
  /** Closes the server, then the fulfiller (and a store it opened), then every sandbox. */
  close(): Promise<void>;
}

export interface RouterAppOptions<Vendor extends VendorUnderTest = VendorUnderTest> {
  /**
   * Options for the fulfiller over the vendors' adapters (a memory store, fast tuning, the file's logs
   * unless given), or made from the started vendors.
   */
  fulfiller?: FulfillerOverrides | ((vendors: Vendor[]) => FulfillerOverrides);
  /** Router options over the defaults: header auth, placement allowed, the file's logs; reveals as given. */
  router?: Partial<GiftwireOptions>;
  /** Express itself (default 5; the Express 4 test passes its own). */
  express?: () => Express;
  /** Runs before the router is mounted: a shop's own middleware such as `express.json()`. */
  before?: (app: Express) => void;
  /** `app.use(mountPath, router)`, default the root. */
  mountPath?: string;
}

/**
 * A giftwire router over one fulfiller holding every vendor `startVendors` starts, listening on 127.0.0.1:
 * the set-up every router test shares, whatever its vendors. The server listens *before* the vendors start,
 * so a sandbox can be told from the outset where to send its webhooks (`address.webhookUrl(vendor)`); no
 * request reaches the router before an order is placed, so mounting it afterwards is safe.
 *
 * @example
 * const app = await startRouterApp(async (address) => [
 *   await startVendor(bambooHarness, { webhookUrl: address.webhookUrl('bamboo') }),
 * ]);
 * await postJson(`${app.base}/orders`, body, as('alice'));
 */
export async function startRouterApp<Vendor extends VendorUnderTest>(
  startVendors: (address: RouterAddress) => Promise<Vendor[]>,
  options: RouterAppOptions<Vendor> = {},
): Promise<RouterApp<Vendor>> {
  const app = (options.express ?? express)();
  const server = await listen(app);
  const base = `${server.url}${options.mountPath ?? ''}${options.router?.basePath ?? ''}`;
  let vendors: Vendor[] = [];
  let fulfiller: Fulfiller | undefined;
  try {
    vendors = await startVendors({ base, webhookUrl: (vendor) => `${base}/webhooks/${vendor}` });
    const overrides =
      typeof options.fulfiller === 'function' ? options.fulfiller(vendors) : options.fulfiller;
    fulfiller = fulfillerOver(
      vendors.map((v) => v.adapter),
      overrides,
    );
    await fulfiller.start();
  } catch (error) {
    // A vendor that failed to start must not leave the others' servers holding the test process open.
    await server.close();
    await fulfiller?.close();
    await Promise.all(vendors.map((v) => v.sandbox.close()));
    throw error;
  }
  options.before?.(app);
  const router = giftwire({
    fulfiller,
    authenticate: headerAuth,
    authorizePlacement: () => true,
    logger: fileLogs.logger,
    ...options.router,
  });
  if (options.mountPath) app.use(options.mountPath, router);
  else app.use(router);
  const engine = fulfiller;
  return {
    vendors,
    fulfiller: engine,
    server,
    base,
    async close() {
      await server.close();
      await engine.close();
      await Promise.all(vendors.map((v) => v.sandbox.close()));
    },
  };
}

export interface TestApp extends RouterApp<VendorUnderTest<BambooSandbox>> {
  /** The one Bamboo sandbox behind the router. */
  sandbox: BambooSandbox;
}

export interface TestAppOptions extends Omit<RouterAppOptions, 'fulfiller'> {
  sandbox?: BambooSandboxOptions;
  /** Options for the fulfiller (default: the scaled Bamboo adapter, see `scaledBamboo`), or made from the sandbox. */
  fulfiller?: FulfillerOverrides | ((sandbox: BambooSandbox) => FulfillerOverrides);
}

/**
 * The router over the Bamboo sandbox alone, with this package's own scaled Bamboo client: the set-up of
 * every single-vendor router test. The router's options are the test's subject, so only they vary per
 * file; placement is allowed unless a test says otherwise (placement-authorization.test.ts). Tests over
 * every vendor use `startHarnessApp` (start-harness-app.ts), which starts the same app over any harnesses.
 *
 * @example
 * const app = await startTestApp({ router: { authorize: () => true } });
 * await postJson(`${app.base}/orders`, orderBody(), as('alice'));
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { fulfiller: overrides, sandbox: sandboxOptions, ...rest } = options;
  const app = await startRouterApp(
    async () => {
      const sandbox = await startScaledBambooSandbox(sandboxOptions);
      return [{ vendor: 'bamboo', sandbox, adapter: scaledBamboo(sandbox) }];
    },
    {
      ...rest,
      fulfiller: ([bamboo]) =>
        typeof overrides === 'function' ? overrides(bamboo!.sandbox) : (overrides ?? {}),
    },
  );
  return { ...app, sandbox: app.vendors[0]!.sandbox };
}
