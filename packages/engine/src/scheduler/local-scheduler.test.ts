import { describe, expect, it } from 'vitest';
import { createLocalScheduler } from './local-scheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('local scheduler', () => {
  it('runs work at or after its time, soonest first', async () => {
    const scheduler = createLocalScheduler();
    const ran: { ref: string; at: number }[] = [];
    const started = Date.now();
    await scheduler.start(async (ref) => {
      ran.push({ ref, at: Date.now() - started });
    });
    await scheduler.schedule('late', started + 60);
    await scheduler.schedule('early', started + 20);
    await sleep(120);
    await scheduler.stop();
    expect(ran.map((r) => r.ref)).toEqual(['early', 'late']);
    expect(ran[0]!.at).toBeGreaterThanOrEqual(19);
    expect(ran[1]!.at).toBeGreaterThanOrEqual(59);
  });

  it('keeps the earlier time when one reference is scheduled twice', async () => {
    const scheduler = createLocalScheduler();
    const ran: string[] = [];
    await scheduler.start(async (ref) => {
      ran.push(ref);
    });
    await scheduler.schedule('a', Date.now() + 200);
    await scheduler.schedule('a', Date.now() + 10);
    await sleep(60);
    expect(ran).toEqual(['a']);
    await sleep(200);
    expect(ran).toEqual(['a']);
    await scheduler.stop();
  });

  it('never runs one reference twice at once, and runs it again if asked while running', async () => {
    const scheduler = createLocalScheduler({ concurrency: 4 });
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    await scheduler.start(async () => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      await sleep(30);
      active--;
    });
    await scheduler.schedule('x', Date.now());
    await sleep(5);
    await scheduler.schedule('x', Date.now());
    await scheduler.schedule('x', Date.now());
    await sleep(120);
    await scheduler.stop();
    expect(maxActive).toBe(1);
    expect(runs).toBe(2);
  });

  it('respects its concurrency and waits for in-flight runs on stop', async () => {
    const scheduler = createLocalScheduler({ concurrency: 2 });
    let active = 0;
    let maxActive = 0;
    let finished = 0;
    await scheduler.start(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      await sleep(40);
      active--;
      finished++;
    });
    for (let i = 0; i < 6; i++) await scheduler.schedule(`r${i}`, Date.now());
    await sleep(10);
    await scheduler.stop();
    expect(maxActive).toBe(2);
    expect(finished).toBe(2);
    expect(active).toBe(0);
  });
});
