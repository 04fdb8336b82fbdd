import { randomUUID } from 'node:crypto';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureRawBody, type RenderedOrder } from '../src/index';
import { startTestApp, type TestApp } from './support/start-test-app';
import {
  as,
  captureLogs,
  expectNothingSecretLogged,
  http,
  NOTIFICATION_SECRET,
  orderBody,
  pollUntil,
  postJson,
  scaledBamboo,
} from './support/world';

type Mount = 'global-json' | 'global-json-capture' | 'router-first';

interface World extends TestApp {
  logs: ReturnType<typeof captureLogs>;
}

/**
 * The engine polls only every five minutes here, so an order that settles within seconds was settled by
 * Bamboo's notification callback reaching the router.
 */
async function startWorld(mount: Mount): Promise<World> {
  const logs = captureLogs();
  const app = await startTestApp({
    sandbox: { notification: { retryDelaysMs: [50] } },
    fulfiller: (sandbox) => ({ vendors: [scaledBamboo(sandbox, { poll: 'slow' })], logger: logs.logger }),
    router: { logger: logs.logger },
    before: (app) => {
      if (mount === 'global-json') app.use(express.json());
      if (mount === 'global-json-capture') app.use(express.json({ verify: captureRawBody }));
    },
  });
  app.sandbox.setNotification({
    notificationUrlSandbox: `${app.server.url}/webhooks/bamboo`,
    secretKey: NOTIFICATION_SECRET,
  });
  return { ...app, logs };
}

async function settlesByCallback(world: World) {
  const body = orderBody();
  expect((await postJson(`${world.server.url}/orders`, body, as('hooked'))).status).toBe(201);
  const settled = await pollUntil(
    () => http<RenderedOrder>(`${world.server.url}/orders/${body.reference}`, { headers: as('hooked') }),
    (res) => res.body.state === 'settled',
    8_000,
  );
  expect(settled.body.status).toBe('fulfilled');
  const trail = await world.fulfiller.attempts(body.reference);
  // Settled by a re-fetch the webhook triggered: exactly one status call, long before the first poll.
  expect(trail.filter((a) => a.action === 'poll')).toHaveLength(1);
}

describe.each<Mount>(['global-json', 'global-json-capture', 'router-first'])('webhooks, %s', (mount) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(mount);
  });
  afterAll(() => world.close());

  it("settles an order from Bamboo's notification callback", async () => {
    await settlesByCallback(world);
    const warned = world.logs.text().includes('webhook_raw_body_missing');
    expect(warned).toBe(mount === 'global-json');
  });

  it('answers a callback with a bad secret 401 and a good one for an unknown order 202', async () => {
    const callback = { orderId: 7, status: 'Succeeded', totalCards: 1, requestId: randomUUID() };
    const bad = await postJson(`${world.server.url}/webhooks/bamboo`, { ...callback, secretKey: 'guess' });
    expect(bad.status).toBe(401);
    expect(bad.body.detail).toBeUndefined();
    const good = await postJson<{ status: string }>(`${world.server.url}/webhooks/bamboo`, {
      ...callback,
      secretKey: NOTIFICATION_SECRET,
    });
    expect(good.status).toBe(202);
    expect(good.body).toEqual({ status: 'unknown_order' });
    expect((await postJson(`${world.server.url}/webhooks/nobody`, callback)).status).toBe(404);
    expect(world.logs.text()).not.toContain(NOTIFICATION_SECRET);
  });

  it('logged no code, PIN or credential', () => {
    expectNothingSecretLogged(world.logs.text(), [world.sandbox]);
  });
});
