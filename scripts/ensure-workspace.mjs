// Fresh-machine set-up shared by `npm test` and `npm run demo`: a machine with only Node and npm gets the
// pinned pnpm and the locked dependencies. Later steps (browsers, databases) hook in here as they arrive.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // "pnpm@10.x.y"
const pinnedVersion = pinned.split('@')[1];

/** Returns the argv prefix that runs the pinned pnpm: the global one if it matches, else through npx. */
export function pnpmCommand() {
  const found = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim() === pinnedVersion) return ['pnpm'];
  return ['npx', '--yes', pinned];
}

export function run(argv, options = {}) {
  const [command, ...args] = argv;
  console.log(`$ ${argv.join(' ')}`);
  execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });
}

/** Installs dependencies exactly as locked (a no-op when they already are). */
export function ensureDependencies(pnpm = pnpmCommand()) {
  const installed = existsSync(join(root, 'node_modules', '.modules.yaml'));
  run([...pnpm, 'install', '--frozen-lockfile', ...(installed ? ['--prefer-offline'] : [])]);
  return pnpm;
}
