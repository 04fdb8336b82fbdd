import type { SandboxRoute } from './sandbox-route';

export interface RouteTable {
  /** undefined: no such path (404); a result without `route`: the path exists, not for this method (405). */
  match(
    method: string,
    pathname: string,
  ): { route?: SandboxRoute; params: Record<string, string> } | undefined;
}

export interface RouteTableOptions {
  /** Default true. ASP.NET-style vendors match paths case-insensitively. */
  caseSensitive?: boolean;
  /** `ignore` treats `/orders/` as `/orders`; default `strict`. */
  trailingSlash?: 'strict' | 'ignore';
}

/**
 * Compiles `:name` path patterns. The first route whose path matches decides the path; a method that none
 * of the routes with that same path accepts is a 405, like a framework's route table.
 *
 * @example
 * const table = matchRoute([{ method: 'GET', path: '/orders/:id', handle }], { caseSensitive: false });
 * table.match('GET', '/Orders/42'); // { route, params: { id: '42' } }
 */
export function matchRoute(routes: readonly SandboxRoute[], options: RouteTableOptions = {}): RouteTable {
  const flags = options.caseSensitive === false ? 'i' : '';
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route, names, pattern: new RegExp(`^${source}$`, flags) };
  });
  return {
    match(method, rawPathname) {
      const pathname = options.trailingSlash === 'ignore' ? rawPathname.replace(/\/+$/, '') : rawPathname;
      for (const entry of compiled) {
        const found = entry.pattern.exec(pathname);
        if (!found) continue;
        const sibling = compiled.find((c) => c.route.path === entry.route.path && c.route.method === method);
        if (!sibling) return { params: {} };
        const groups = sibling.pattern.exec(pathname)!;
        const params: Record<string, string> = {};
        sibling.names.forEach((name, i) => {
          params[name] = decodeURIComponent(groups[i + 1]!);
        });
        return { route: sibling.route, params };
      }
      return undefined;
    },
  };
}
