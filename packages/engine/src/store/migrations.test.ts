import { describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS, type Migration } from './migrations';
import type { SqlDriver, SqlParam } from './sql-driver';
import { storeTables } from './store-tables';

/** Records statements; answers the applied-ids query from `applied`. */
function fakeDriver(applied: number[]) {
  const log: string[] = [];
  const query = async <Row>(text: string, params: readonly SqlParam[] = []) => {
    log.push(params.length > 0 ? `${text} ${JSON.stringify(params)}` : text);
    const rows = text.startsWith('SELECT id FROM') ? applied.map((id) => ({ id })) : [];
    return { rows: rows as Row[] };
  };
  const driver: SqlDriver = { query, transaction: (fn) => fn({ query }), close: async () => {} };
  return { driver, log };
}

describe('applyMigrations', () => {
  const migrations: Migration[] = [
    { id: 3, name: 'third', statements: () => ['S3'] },
    { id: 1, name: 'first', statements: (t) => [`S1 ${t.orders}`] },
    { id: 2, name: 'second', statements: () => ['S2a', 'S2b'] },
  ];

  it('takes the advisory lock first, then applies what is missing in id order', async () => {
    const { driver, log } = fakeDriver([2]);
    expect(await applyMigrations(driver, storeTables('shop'), migrations)).toEqual([1, 3]);
    expect(log[0]).toMatch(/^SELECT pg_advisory_xact_lock\(\d+\)$/);
    expect(log.filter((s) => /^S\d/.test(s))).toEqual(['S1 "shop"."orders"', 'S3']);
    expect(log.filter((s) => s.startsWith('INSERT'))).toHaveLength(2);
  });

  it('does nothing when every migration is recorded, including ids from a newer release', async () => {
    const { driver } = fakeDriver([1, 2, 3, 4]);
    expect(await applyMigrations(driver, storeTables(), migrations)).toEqual([]);
  });

  it('has unique, increasing ids', () => {
    const ids = MIGRATIONS.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
  });
});
