/**
 * One value per process under a registered symbol. Medusa loads providers, subscribers, jobs and routes through
 * separate `require` paths (`@giftwire/medusa/providers/...` and the plugin's `.medusa/server/src`), and a test
 * runner may load a second copy of a file; state that must be single per process lives here.
 */
export function processWide<T>(name: string, create: () => T): T {
  const store = globalThis as Record<symbol, unknown>;
  const key = Symbol.for(`giftwire.medusa.${name}`);
  if (!(key in store)) store[key] = create();
  return store[key] as T;
}
