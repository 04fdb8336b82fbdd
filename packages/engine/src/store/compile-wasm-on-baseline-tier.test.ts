import { describe, expect, it } from 'vitest';
import { compileWasmOnBaselineTier } from './compile-wasm-on-baseline-tier';

describe('compileWasmOnBaselineTier', () => {
  it('keeps V8 on its baseline wasm tier while opening, then restores the default', async () => {
    const flags: string[] = [];
    const value = await compileWasmOnBaselineTier(
      async () => {
        expect(flags).toEqual(['--liftoff-only']);
        return 42;
      },
      (flag) => flags.push(flag),
    );
    expect(value).toBe(42);
    expect(flags).toEqual(['--liftoff-only', '--no-liftoff-only']);
  });

  it('restores the default when opening fails', async () => {
    const flags: string[] = [];
    await expect(
      compileWasmOnBaselineTier(
        () => Promise.reject(new Error('no start')),
        (flag) => flags.push(flag),
      ),
    ).rejects.toThrow('no start');
    expect(flags).toEqual(['--liftoff-only', '--no-liftoff-only']);
  });

  it('restores only once the last of several concurrent opens is done', async () => {
    const flags: string[] = [];
    const record = (flag: string) => flags.push(flag);
    let finishFirst = () => {};
    const first = compileWasmOnBaselineTier(
      () => new Promise<void>((resolve) => (finishFirst = resolve)),
      record,
    );
    const second = compileWasmOnBaselineTier(async () => {}, record);
    await second;
    expect(flags).toEqual(['--liftoff-only']);
    finishFirst();
    await first;
    expect(flags).toEqual(['--liftoff-only', '--no-liftoff-only']);
  });
});
