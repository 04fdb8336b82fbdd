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
 * A TCP proxy in front of the shared PostgreSQL server, so a test can take "the database" away from the
 * engine without stopping the server the other tests (and engineers) use.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
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

/** The same connection string, pointed at the proxy. */
export function throughProxy(connectionString: string, proxy: TcpProxy): string {
  const url = new URL(connectionString);
  url.hostname = proxy.host;
  url.port = String(proxy.port);
  return url.toString();
}
