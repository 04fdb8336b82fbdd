import { PGlite } from '@electric-sql/pglite';

const mb = () => Math.round(process.memoryUsage().rss / 1e6);
console.log('base', mb());
let t = Date.now();
const db = new PGlite(process.argv[2]);
await db.waitReady;
console.log('start ms', Date.now() - t, mb());
await db.close();
t = Date.now();
const db2 = new PGlite(process.argv[2]);
await db2.waitReady;
console.log('start2 ms', Date.now() - t, mb());
