import { describe, expect, it } from 'vitest';
import { DueQueue } from './due-queue';

describe('DueQueue', () => {
  it('pops only due tasks, earliest first, ties in insertion order', () => {
    const queue = new DueQueue<string>();
    for (const [at, value] of [
      [30, 'c'],
      [10, 'a1'],
      [20, 'b'],
      [10, 'a2'],
      [50, 'e'],
    ] as const) {
      queue.push(at, value);
    }
    const popped: string[] = [];
    for (let task = queue.popDue(30); task; task = queue.popDue(30)) popped.push(task.value);
    expect(popped).toEqual(['a1', 'a2', 'b', 'c']);
    expect(queue.size).toBe(1);
    expect(queue.popDue(49)).toBeUndefined();
    expect(queue.popDue(50)?.value).toBe('e');
  });

  it('stays ordered under many random pushes', () => {
    const queue = new DueQueue<number>();
    const values = Array.from({ length: 2000 }, () => Math.floor(Math.random() * 1000));
    for (const v of values) queue.push(v, v);
    const out: number[] = [];
    for (let task = queue.popDue(Infinity); task; task = queue.popDue(Infinity)) out.push(task.value);
    expect(out).toEqual([...values].sort((a, b) => a - b));
  });
});
