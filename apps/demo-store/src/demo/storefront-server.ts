import { createServer } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { closeServer, listen } from './free-port';
import { APP_DIR } from './start-medusa';

/** What the page reads from `/config.json`: everything it cannot know by itself. */
export interface StorefrontConfig {
  medusaUrl: string;
  publishableKey: string;
  expressApiUrl: string;
  demoCustomer: { email: string; password: string };
  vendors: Record<string, string>;
}

export interface StorefrontServer {
  url: string;
  /** The page answers 503 "starting" until the store behind it is ready. */
  setConfig(config: StorefrontConfig): void;
  close(): Promise<void>;
}

/** Serves the static storefront (no build step) and its generated config. */
export async function startStorefrontServer(port: number): Promise<StorefrontServer> {
  let config: StorefrontConfig | undefined;
  const app = express();
  app.disable('x-powered-by');
  app.get('/config.json', (_req, res) => {
    res.set('cache-control', 'no-store');
    if (!config) res.status(503).json({ status: 'starting' });
    else res.json(config);
  });
  app.use(express.static(join(APP_DIR, 'storefront'), { index: 'index.html' }));
  const http = createServer(app);
  const bound = await listen(http, port);
  return {
    url: `http://127.0.0.1:${bound}`,
    setConfig(next) {
      config = next;
    },
    close: () => closeServer(http),
  };
}
