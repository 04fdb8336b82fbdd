import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createWebhookDispatcher } from './create-webhook-dispatcher';

async function receiver(failFirst: number) {
  const seen: { body: string; signature: string | undefined }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ body: Buffer.concat(chunks).toString(), signature: req.headers['x-signature'] as string });
      res.writeHead(seen.length <= failFirst ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('createWebhookDispatcher', () => {
  it('retries on the compressed schedule, signing each attempt, and idle() waits for the outcome', async () => {
    const hook = await receiver(2);
    const dispatcher = createWebhookDispatcher({ retryDelaysMs: [5, 5, 5] });
    let attempt = 0;
    dispatcher.deliver({
      url: hook.url,
      body: '{"a":1}',
      headers: () => ({ 'x-signature': `s${++attempt}` }),
    });
    await dispatcher.idle();
    expect(hook.seen).toEqual([
      { body: '{"a":1}', signature: 's1' },
      { body: '{"a":1}', signature: 's2' },
      { body: '{"a":1}', signature: 's3' },
    ]);
    dispatcher.close();
    await hook.close();
  });

  it('gives up after the last retry, and sends nothing once closed', async () => {
    const hook = await receiver(100);
    const dispatcher = createWebhookDispatcher({ retryDelaysMs: [1] });
    dispatcher.deliver({ url: hook.url, body: '{}' });
    await dispatcher.idle();
    expect(hook.seen).toHaveLength(2);
    dispatcher.close();
    dispatcher.deliver({ url: hook.url, body: '{}' });
    await dispatcher.idle();
    expect(hook.seen).toHaveLength(2);
    await hook.close();
  });
});
