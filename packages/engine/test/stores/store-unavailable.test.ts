import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  startTcpProxy,
  type TcpProxy,
  type TestDatabase,
  throughProxy,
} from '@giftwire/test-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/errors';
import { createPostgresOrderStore } from '../../src/postgres/postgres-order-store';
import { createEmbeddedOrderStore } from '../../src/store/embedded-order-store';
import { isPgConnectionFailure } from '../../src/store/translate-store-error';

let database: TestDatabase;
let proxy: TcpProxy;

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.connectionString);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
});

afterAll(async () => {
  await proxy.close();
  await database.drop();
});

const unavailable = (error: unknown) => StoreUnavailableError.isInstance(error);

describe('a store that cannot reach its database says so by type', () => {
  it('PostgreSQL cut off: StoreUnavailableError without the host, and it works again once back', async () => {
    const store = createPostgresOrderStore({
      connectionString: throughProxy(database.connectionString, proxy),
    });
    try {
      await store.init();
      expect(await store.get(randomUUID())).toBeUndefined();
      proxy.cut();
      const error = await store.get(randomUUID()).catch((e: unknown) => e);
      expect(unavailable(error)).toBe(true);
      expect(String((error as Error).message)).not.toContain('127.0.0.1');
      const listed = await store.list({ limit: 1 }).catch((e: unknown) => e);
      expect(unavailable(listed)).toBe(true);
      proxy.restore();
      expect(await store.get(randomUUID())).toBeUndefined();
    } finally {
      proxy.restore();
      await store.close();
    }
  });

  it('the embedded store once closed: StoreUnavailableError', async () => {
    const store = createEmbeddedOrderStore();
    await store.init();
    await store.close();
    await expect(store.get(randomUUID())).rejects.toSatisfy(unavailable);
  });

  it('classifies pg errors by type and SQLSTATE, not by message', () => {
    const fromServer = (code: string) => Object.assign(new pg.DatabaseError('x', 1, 'error'), { code });
    expect(isPgConnectionFailure(fromServer('57P01'), pg.DatabaseError)).toBe(true);
    expect(isPgConnectionFailure(fromServer('08006'), pg.DatabaseError)).toBe(true);
    expect(isPgConnectionFailure(fromServer('23505'), pg.DatabaseError)).toBe(false);
    expect(isPgConnectionFailure(fromServer('42P01'), pg.DatabaseError)).toBe(false);
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' });
    expect(isPgConnectionFailure(refused, pg.DatabaseError)).toBe(true);
    expect(isPgConnectionFailure(new Error('Connection terminated unexpectedly'), pg.DatabaseError)).toBe(
      true,
    );
    expect(isPgConnectionFailure(new TypeError('bad param'), pg.DatabaseError)).toBe(false);
  });
});
