import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { type RecordingServer, startRecordingServer, waitFor } from '../src/index';

let server: RecordingServer | undefined;
afterEach(() => server?.close());

describe('startRecordingServer', () => {
  it('refuses the first requests, then answers and records every byte', async () => {
    server = await startRecordingServer({
      failFirst: 1,
      respond: (r) => ({ status: 202, body: { echoed: r.body.length } }),
    });
    const body = Buffer.from([0xe2, 0x82, 0xac, 0x0a]);
    const first = await request(`${server.url}/hooks?x=1`, { method: 'POST', body });
    expect(first.statusCode).toBe(500);
    await first.body.dump();
    const second = await request(`${server.url}/hooks`, {
      method: 'POST',
      body,
      headers: { 'x-sig': 'abc' },
    });
    expect(second.statusCode).toBe(202);
    expect(await second.body.json()).toEqual({ echoed: 2 });
    const recorded = await server.waitForRequests(2);
    expect(recorded.map((r) => [r.method, r.url, r.path, r.status])).toEqual([
      ['POST', '/hooks?x=1', '/hooks', 500],
      ['POST', '/hooks', '/hooks', 202],
    ]);
    expect(recorded[1]?.rawBody.equals(body)).toBe(true);
    expect(recorded[1]?.body).toBe('€\n');
    expect(recorded[1]?.headers['x-sig']).toBe('abc');
    expect(server.accepted()).toHaveLength(1);
  });

  it('lets a responder answer later by itself', async () => {
    server = await startRecordingServer({
      respond: (_request, res) => {
        setTimeout(() => res.writeHead(418).end('late'), 20);
        return 'handled';
      },
    });
    const res = await request(server.url);
    expect([res.statusCode, await res.body.text()]).toEqual([418, 'late']);
  });

  it('leaves a request hanging when told to, and close() cuts it', async () => {
    server = await startRecordingServer({ respond: () => new Promise(() => {}) });
    const pending = request(server.url).catch((error: Error) => error);
    await waitFor(() => server?.requests.length === 1, { message: 'the request to arrive' });
    await server.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('waitFor', () => {
  it('returns the first truthy value and names what it waited for when it gives up', async () => {
    let n = 0;
    expect(await waitFor(() => ++n >= 3 && n)).toBe(3);
    await expect(waitFor(() => false, { timeoutMs: 30, message: () => 'the moon' })).rejects.toThrow(
      'waited 30 ms for the moon, in vain',
    );
  });
});
