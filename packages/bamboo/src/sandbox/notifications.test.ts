import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type BambooSandbox, startBambooSandbox } from './index';
import { CHECKOUT, call, fakeClock, orderBody, relaxedLimits, startReceiver } from './test-support';

const NOTIFICATION = '/api/integration/v1.0/notification';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function start(options: Parameters<typeof startBambooSandbox>[0] = {}): Promise<BambooSandbox> {
  const s = await startBambooSandbox({ limits: relaxedLimits, ...options });
  closers.push(() => s.close());
  return s;
}

async function receiver(failFirst = 0) {
  const r = await startReceiver(failFirst);
  closers.push(r.close);
  return r;
}

async function place(s: BambooSandbox): Promise<string> {
  const res = await call(s, 'POST', CHECKOUT, orderBody([{ ProductId: 439685, Quantity: 2, Value: 10 }]));
  expect(res.status).toBe(200);
  return res.json as string;
}

describe('notification settings', () => {
  it('stores settings with POST and reads them back with GET', async () => {
    const s = await start();
    expect((await call(s, 'GET', NOTIFICATION)).json).toEqual({
      notificationUrl: null,
      notificationUrlSandbox: null,
      secretKey: null,
    });
    const settings = {
      notificationUrl: 'https://shop.example/live',
      notificationUrlSandbox: 'https://shop.example/sandbox',
      secretKey: 'k-123',
    };
    expect((await call(s, 'POST', NOTIFICATION, settings)).status).toBe(200);
    expect((await call(s, 'GET', NOTIFICATION)).json).toEqual(settings);
    const bad = await call(s, 'POST', NOTIFICATION, { notificationUrl: 'not a url' });
    expect(bad.status).toBe(400);
    expect((await call(s, 'GET', NOTIFICATION)).json).toEqual(settings);
  });
});

describe('notification callback', () => {
  it('POSTs the final status with the secret key to notificationUrlSandbox', async () => {
    const hook = await receiver();
    const clock = fakeClock();
    const s = await start({ clock });
    await call(s, 'POST', NOTIFICATION, {
      notificationUrl: 'http://127.0.0.1:9/never-live',
      notificationUrlSandbox: hook.url,
      secretKey: 'shop-secret',
    });
    const requestId = await place(s);
    clock.advance(299);
    await s.settle();
    expect(hook.received).toHaveLength(0);
    clock.advance(1);
    await s.settle();
    expect(hook.received).toHaveLength(1);
    const event = JSON.parse(hook.received[0]?.body ?? '{}');
    expect(event).toEqual({
      orderId: s.orders.get(requestId)?.orderId,
      status: 'Succeeded',
      totalCards: 2,
      createdOn: '2025-01-01T00:00:00.0000000',
      completedOn: '2025-01-01T00:00:00.3000000',
      secretKey: 'shop-secret',
      requestId,
    });
    expect(hook.received[0]?.headers['content-type']).toBe('application/json');
  });

  it('uses notificationUrl for live credentials and the initial option for the current environment', async () => {
    const hook = await receiver();
    const clock = fakeClock();
    const s = await start({
      clock,
      environment: 'live',
      notification: { url: hook.url, secretKey: 'live-key' },
    });
    expect((await call(s, 'GET', NOTIFICATION)).json).toEqual({
      notificationUrl: hook.url,
      notificationUrlSandbox: null,
      secretKey: 'live-key',
    });
    const res = await call(
      s,
      'POST',
      CHECKOUT,
      orderBody([{ ProductId: 439685, Quantity: 1, Value: 10 }], 557),
    );
    expect(res.status).toBe(200);
    clock.advance(300);
    await s.settle();
    expect(JSON.parse(hook.received[0]?.body ?? '{}')).toMatchObject({
      requestId: res.json,
      secretKey: 'live-key',
    });
  });

  it('retries a failing receiver', async () => {
    const hook = await receiver(2);
    const clock = fakeClock();
    const s = await start({ clock, notification: { url: hook.url, retryDelaysMs: [10, 10, 10] } });
    s.setNotification({ secretKey: 'set-in-code' });
    await place(s);
    clock.advance(300);
    await s.settle();
    expect(hook.attempts).toBe(3);
    expect(hook.received).toHaveLength(1);
    expect(JSON.parse(hook.received[0]?.body ?? '{}').secretKey).toBe('set-in-code');
  });

  it('reports each final status: Failed and PartialFailed too', async () => {
    const hook = await receiver();
    const clock = fakeClock();
    let n = 0;
    const s = await start({
      clock,
      notification: { url: hook.url },
      scenario: {
        outcome: () => (['Failed', 'PartialFailed', 'Succeeded'] as const)[n++ % 3] ?? 'Succeeded',
      },
    });
    for (let i = 0; i < 3; i++) await place(s);
    clock.advance(300);
    await s.settle();
    const statuses = hook.received.map((r) => JSON.parse(r.body).status).sort();
    expect(statuses).toEqual(['Failed', 'PartialFailed', 'Succeeded']);
  });
});

describe('Svix delivery', () => {
  it('signs the same event with svix-id, svix-timestamp and a verifiable v1 signature', async () => {
    const hook = await receiver();
    const svixHook = await receiver();
    const key = randomBytes(24);
    const secret = `whsec_${key.toString('base64')}`;
    const clock = fakeClock();
    const s = await start({
      clock,
      notification: { url: hook.url, secretKey: 'k' },
      svix: { url: svixHook.url, secret },
    });
    const requestId = await place(s);
    clock.advance(300);
    await s.settle();

    expect(svixHook.received).toHaveLength(1);
    const { headers, body } = svixHook.received[0] ?? { headers: {}, body: '' };
    expect(body).toBe(hook.received[0]?.body);
    expect(JSON.parse(body).requestId).toBe(requestId);
    const id = String(headers['svix-id']);
    const timestamp = String(headers['svix-timestamp']);
    expect(id).toMatch(/^msg_/);
    expect(timestamp).toBe(String(Math.floor(clock.now() / 1000)));

    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    const signatures = String(headers['svix-signature']).split(' ');
    const valid = signatures.some((entry) => {
      const [version, sig] = entry.split(',');
      const given = Buffer.from(sig ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
    expect(valid).toBe(true);
  });

  it('keeps the svix-id across retries', async () => {
    const svixHook = await receiver(1);
    const clock = fakeClock();
    const s = await start({
      clock,
      notification: { retryDelaysMs: [5] },
      svix: { url: svixHook.url, secret: `whsec_${randomBytes(24).toString('base64')}` },
    });
    await place(s);
    await place(s);
    clock.advance(300);
    await s.settle();
    expect(svixHook.attempts).toBe(3);
    const ids = svixHook.received.map((r) => r.headers['svix-id']);
    expect(new Set(ids).size).toBe(2);
    // The refused first attempt was retried under its own id.
    expect(ids).toContain(svixHook.seen[0]?.headers['svix-id']);
    expect(
      svixHook.seen.filter((r) => r.headers['svix-id'] === svixHook.seen[0]?.headers['svix-id']),
    ).toHaveLength(2);
  });
});
