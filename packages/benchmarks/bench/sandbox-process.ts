import { fork } from 'node:child_process';
import type { BambooSandboxOptions } from '@giftwire/bamboo/sandbox';

export interface SandboxStats {
  orders: number;
  placeOrderCalls: number;
  violations: number;
}

type Options = Omit<BambooSandboxOptions, 'clock' | 'scenario'> & {
  scenario?: Omit<NonNullable<BambooSandboxOptions['scenario']>, 'outcome' | 'settleAfterMs'> & {
    settleAfterMs?: number;
  };
  settleBetweenMs?: [number, number];
};

/** Starts the Bamboo sandbox in a child process and talks to it over IPC. */
export async function startSandboxProcess(options: Options) {
  const child = fork(new URL('./sandbox-process.mjs', import.meta.url).pathname, [], {
    env: { ...process.env, SANDBOX_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { url } = await new Promise<{ url: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string })),
  );
  return {
    url,
    stats: () =>
      new Promise<SandboxStats>((resolve) => {
        child.once('message', (m) => resolve(m as SandboxStats));
        child.send('stats');
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
