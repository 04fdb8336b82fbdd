import type { BambooSandboxOptions } from '@giftwire/bamboo/sandbox';
import express, { type Express } from 'express';
import { type GiftwireOptions, giftwire } from '../../src/index';
import {
  type BambooSandbox,
  type Fulfiller,
  fileLogs,
  headerAuth,
  type Listening,
  listen,
  startScaledBambooSandbox,
  testFulfiller,
} from './world';

type FulfillerOverrides = Parameters<typeof testFulfiller>[1];

export interface TestApp {
  sandbox: BambooSandbox;
  fulfiller: Fulfiller;
  server: Listening;
  /** Where the router answers: the server's URL, the mount path and the router's basePath. */
  base: string;
  /** Closes the server, then the fulfiller (and a store it opened), then the sandbox. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  sandbox?: BambooSandboxOptions;
  /** Options for `testFulfiller` (a memory store, fast tuning, the file's logs unless given), or made from the sandbox. */
  fulfiller?: FulfillerOverrides | ((sandbox: BambooSandbox) => FulfillerOverrides);
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
 * A started sandbox, fulfiller and giftwire router listening on 127.0.0.1: the set-up every router test
 * shares. The router's options are the test's subject, so only they vary per file; placement is allowed
 * unless a test says otherwise (placement checks have their own tests, placement-authorization.test.ts).
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const sandbox = await startScaledBambooSandbox(options.sandbox);
  const fulfiller = testFulfiller(
    sandbox,
    typeof options.fulfiller === 'function' ? options.fulfiller(sandbox) : options.fulfiller,
  );
  await fulfiller.start();
  const app = (options.express ?? express)();
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
  const server = await listen(app);
  return {
    sandbox,
    fulfiller,
    server,
    base: `${server.url}${options.mountPath ?? ''}${options.router?.basePath ?? ''}`,
    async close() {
      await server.close();
      await fulfiller.close();
      await sandbox.close();
    },
  };
}
