/**
 * Throughput of `client.request()` (timeout, headers, retry wrapper, JSON parse, zod check) against plain
 * undici `request()` + `body.json()` on the same server, same run, same Agent. The server runs in a worker
 * thread so that it does not share the event loop being measured.
 */
import { Worker } from 'node:worker_threads';
import { compareThroughput, printRatioTable } from '@giftwire/bench-kit';
import { Agent, request } from 'undici';
import { z } from 'zod';
import { createHttpClient } from '../src/create-http-client';
import { userAgent } from '../src/user-agent';

const ROUNDS = 10;
const DURATION_MS = 1000;
const CONCURRENCY = 16;

const serverSource = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = JSON.stringify({ id: 'ord_123', status: 'Succeeded', amount: '10.00', currency: 'USD' });
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'r-1' });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

const Order = z.object({ id: z.string(), status: z.string(), amount: z.string(), currency: z.string() });

async function main() {
  const worker = new Worker(serverSource, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

  const plain = async () => {
    const { body } = await request(`${baseUrl}/orders/ord_123`, { method: 'GET', dispatcher });
    return body.json();
  };
  const client = createHttpClient({
    vendor: 'bench',
    baseUrl,
    userAgent: userAgent('@giftwire/http', '0.0.0'),
    dispatcher,
  });
  const viaClient = () => client.request({ method: 'GET', path: '/orders/ord_123', schema: Order });

  const { value, baseline } = await compareThroughput(viaClient, plain, {
    rounds: ROUNDS,
    durationMs: DURATION_MS,
    concurrency: CONCURRENCY,
    warmUpMs: 1000,
  });

  const met = printRatioTable('@giftwire/http GET throughput (concurrency 16, median of 10 × 1 s)', [
    {
      name: 'client.request GET vs undici request + body.json',
      value,
      baseline,
      unit: 'req/s',
      better: 'higher',
      target: 0.85,
    },
  ]);
  await dispatcher.close();
  await worker.terminate();
  if (!met) process.exitCode = 1;
}

await main();
