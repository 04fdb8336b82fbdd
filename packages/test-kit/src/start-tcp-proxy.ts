import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** 127.0.0.1 and the proxy's own port. */
  host: string;
  port: number;
  /** Drops every open connection and refuses new ones, as a database that went away. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of `target` (host and port, or a URL such as a PostgreSQL connection
 * string), so a test can take "the database" away from the engine without stopping the shared server
 * other tests (and engineers) use.
 *
 * @example
 * const proxy = await startTcpProxy(process.env.DATABASE_URL);
 * const store = createPostgresOrderStore({ connectionString: throughProxy(DATABASE_URL, proxy) });
 * proxy.cut(); // the store now sees connection errors
 * proxy.restore();
 */
export async function startTcpProxy(targetOrUrl: { host: string; port: number } | string): Promise<TcpProxy> {
  const target = typeof targetOrUrl === 'string' ? hostAndPort(targetOrUrl) : targetOrUrl;
  const sockets = new Set<Socket>();
  let refusing = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = createConnection(target);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    host: '127.0.0.1',
    port: address.port,
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      refusing = false;
    },
    close() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same connection string pointed at the proxy, and at `database` if given. */
export function throughProxy(
  connectionString: string,
  proxy: Pick<TcpProxy, 'host' | 'port'>,
  database?: string,
): string {
  const url = new URL(connectionString);
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  if (database !== undefined) url.pathname = `/${database}`;
  return url.toString();
}

const DEFAULT_PORTS: Record<string, number> = {
  'postgres:': 5432,
  'postgresql:': 5432,
  'redis:': 6379,
  'http:': 80,
};

function hostAndPort(connectionString: string): { host: string; port: number } {
  const url = new URL(connectionString);
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  if (port === undefined) throw new Error(`no port in ${url.protocol} URL and no default for it`);
  return { host: url.hostname, port };
}
