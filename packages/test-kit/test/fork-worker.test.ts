import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ForkedWorker, forkWorker, killWorkers } from '../src/index';

const WORKER = join(tmpdir(), `test-kit-worker-${process.pid}.mjs`);
writeFileSync(
  WORKER,
  `process.send('ready:' + process.env.NAME);
process.on('message', (m) => { if (m === 'stop') { process.send('bye'); process.disconnect(); } });`,
);
const workers: ForkedWorker[] = [];
afterAll(() => killWorkers(workers));

describe('forkWorker', () => {
  it('collects messages, finds them before and after they arrive, and reports the exit', async () => {
    const worker = forkWorker(WORKER, { env: { NAME: 'w1' }, track: workers });
    expect(await worker.message()).toBe('ready:w1');
    worker.send('stop');
    expect(await worker.message((m) => m === 'bye')).toBe('bye');
    expect(await worker.exit).toEqual({ code: 0, signal: null });
    expect(await worker.message((m) => m === 'never')).toBeUndefined();
  });

  it('kills with SIGKILL', async () => {
    const worker = forkWorker(WORKER, { track: workers });
    await worker.message();
    expect(await worker.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
