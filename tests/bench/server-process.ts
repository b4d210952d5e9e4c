/**
 * A server of the sync benchmarks in its own process, as it runs in
 * production: the head office (fastify over PostgreSQL at BENCH_DATABASE_URL)
 * or, for the peer baseline, pouchdb-server's HTTP layer (express-pouchdb
 * over PouchDB on LevelDB in BENCH_POUCH_DIR). It tells its parent the port
 * with {type: 'ready', port} and loads PouchDB documents on request
 * ({op: 'load', from, count}); SIGTERM stops it. Started by tests/bench/sync.ts.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { benchCustomerDoc } from './sync-docs.js';

const kind = process.env.BENCH_SERVER;

async function headOffice(): Promise<{ server: { close(): Promise<unknown> }; port: number }> {
  const { openDatabase } = await import('../../src/headoffice/db/open.js');
  const { buildServer } = await import('../../src/headoffice/http/server.js');
  const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, migrate: false });
  const app = buildServer({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    server: { close: async () => (await app.close(), await database.close()) },
  };
}

async function pouchServer(): Promise<{ server: { close(): Promise<unknown> }; port: number }> {
  const dir = process.env.BENCH_POUCH_DIR;
  if (!dir) throw new Error('BENCH_POUCH_DIR is required');
  const { default: PouchDB } = await import('pouchdb-node');
  const { default: expressPouchDB } = await import('express-pouchdb');
  mkdirSync(dir, { recursive: true });
  const Prefixed = PouchDB.defaults({ prefix: `${dir}/` });
  // 'minimumForPouchDB': the HTTP API replication needs, no admin UI, no config files written.
  const app = expressPouchDB(Prefixed, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: `${dir}/log.txt` });
  const http: Server = createServer(app as never);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const db = new Prefixed('customers');
  process.on('message', async (m: { op?: string; id?: number; from?: number; count?: number }) => {
    if (m.op !== 'load') return;
    try {
      for (let start = m.from!; start < m.from! + m.count!; start += 2000) {
        const docs = [];
        for (let g = start; g < Math.min(m.from! + m.count!, start + 2000); g++) docs.push({ _id: `bench-${g}`, ...benchCustomerDoc(g, 'pouch') });
        await db.bulkDocs(docs);
      }
      process.send!({ id: m.id, ok: true });
    } catch (error) {
      process.send!({ id: m.id, ok: false, error: String(error) });
    }
  });
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    server: { close: () => new Promise((resolve) => http.close(() => resolve(db.close()))) },
  };
}

const started = kind === 'headoffice' ? await headOffice() : kind === 'pouchdb' ? await pouchServer() : null;
if (!started) throw new Error(`BENCH_SERVER must be headoffice or pouchdb, not ${kind}`);
process.on('SIGTERM', () => {
  void started.server.close().finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
// The process's CPU time so far, for the benchmarks' split of where time goes.
process.on('message', (m: { op?: string; id?: number }) => {
  if (m.op === 'cpu') process.send!({ id: m.id, cpu: process.cpuUsage() });
});
process.send!({ type: 'ready', port: started.port });
