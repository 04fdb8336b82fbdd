import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBamboo } from '@giftwire/bamboo';
import { createFulfiller, type Fulfiller } from '@giftwire/engine';
import { giftwire, giftwireErrorHandler } from '@giftwire/express';
import express from 'express';
import { closeServer, listen } from './net';

export interface ExpressSideOptions {
  port: number;
  dataDir: string;
  bambooUrl: string;
  /** Svix secret the Bamboo sandbox signs its webhook deliveries to this side with. */
  bambooWebhookSecret: string;
  apiKey: string;
  encryptionKey: string;
}

export interface ExpressSide {
  url: string;
  /** Where the giftwire router is mounted. */
  apiUrl: string;
  fulfiller: Fulfiller;
  close(): Promise<void>;
}

/**
 * The other adapter: a plain Express 5 app with `@giftwire/express` over its own engine and embedded store,
 * next to the Medusa store, ordering from the same Bamboo sandbox.
 */
export async function startExpressSide(options: ExpressSideOptions): Promise<ExpressSide> {
  const fulfiller = createFulfiller({
    vendors: [
      createBamboo({
        baseUrl: options.bambooUrl,
        clientId: 'sandbox-client',
        clientSecret: 'sandbox-secret',
        accountId: 555,
        webhookSecret: options.bambooWebhookSecret,
      }),
    ],
    dataDir: join(options.dataDir, 'express-engine'),
    encryption: { keys: { 'demo-k1': options.encryptionKey }, activeKeyId: 'demo-k1' },
  });
  await fulfiller.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => {
    res.json({ giftwire: '/giftwire', health: '/giftwire/health' });
  });
  app.use(
    '/giftwire',
    giftwire({
      fulfiller,
      // A demo key in a header stands in for your session; `x-customer` picks whose orders you see.
      authenticate: (req) =>
        req.get('x-api-key') === options.apiKey
          ? { customerId: req.get('x-customer') || 'demo-customer' }
          : undefined,
      authorize: (_req, order) => order.status === 'fulfilled' || order.status === 'partially_fulfilled',
    }),
  );
  app.use(giftwireErrorHandler);

  const http = createServer(app);
  let port: number;
  try {
    port = await listen(http, options.port);
  } catch (error) {
    await fulfiller.close();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/giftwire`,
    fulfiller,
    async close() {
      await closeServer(http);
      await fulfiller.close();
    },
  };
}
