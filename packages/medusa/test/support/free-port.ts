import { createServer } from 'node:net';

/**
 * A port nothing listens on right now, chosen by the OS (never a fixed port: other suites run at the same
 * time). For a server whose URL must be known before it starts, e.g. the webhook URL a sandbox posts to.
 *
 * @example
 * process.env.PORT = String(await freePort()); // medusaIntegrationTestRunner listens there
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
