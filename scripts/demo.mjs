#!/usr/bin/env node
// The README's demo command (`npm run demo`): sets up a fresh machine like `npm test` does, builds what the
// demo store needs, then runs it in the foreground. Ctrl-C reaches the demo, which stops everything it
// started (Medusa, Express, the sandboxes, the embedded PostgreSQL) and exits 0.
//
// package.json runs this as `exec node scripts/demo.mjs`: npm starts a script through `sh -c`, and Debian's sh
// (dash) that receives the terminal's Ctrl-C exits 130 once its child is done, even when the child exited 0
// — so `npm run demo` reported 130 after a clean stop. `exec` leaves no shell between npm and this process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, root, run } from './ensure-workspace.mjs';

const pnpm = ensureDependencies();
run([...pnpm, 'turbo', 'run', 'build', '--filter=@giftwire/demo-store^...', '--output-logs=errors-only']);

const appDir = join(root, 'apps', 'demo-store');
// Node with tsx as its loader, rather than through a package manager, so the demo's own exit code is this
// command's — and not the `tsx` command either: its wrapper process relays a Ctrl-C and, when the demo has not
// acknowledged it within 30 ms (a busy machine during the first boot), SIGKILLs the demo mid-shutdown and
// exits 130.
const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
  cwd: appDir,
  stdio: 'inherit',
});
// A terminal's Ctrl-C reaches the whole process group; the demo handles it. A signal sent to this process
// alone (kill, a supervisor) is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
