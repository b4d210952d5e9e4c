/**
 * The report worker: a worker thread of the branch core with its own
 * read-only connection to the branch database (WAL lets it read while the
 * core writes), so a report over a million customers never holds up the
 * core's other requests. Started by ReportRunner (runner.ts); plain Node,
 * no Electron. Bundled to dist/electron/report-worker.cjs next to core.cjs.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/api/errors.js';
import type { BranchDatabase, BranchOrm } from '../db/open.js';
import { ReportService } from './service.js';
import { isReportJob, runReportJob, type ReportReply, type ReportWorkerData } from './jobs.js';

const data = workerData as ReportWorkerData;
const sqlite = new Database(data.file, { readonly: true, fileMustExist: true });
if (data.encryptionKey) {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma(`key='${data.encryptionKey.replace(/'/g, "''")}'`);
}
sqlite.pragma('query_only = ON');
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma('temp_store = MEMORY');
sqlite.pragma('cache_size = -65536');
// The triggers the core's writes need are never fired here; a read-only connection refuses writes anyway.
sqlite.function('simpul_write_ok', () => 0);
sqlite.function('simpul_apply_ok', () => 0);

const refuse = (): never => {
  throw new Error('the report worker only reads');
};
const db: BranchDatabase = {
  sqlite,
  orm: drizzle(sqlite as never) as unknown as BranchOrm,
  file: data.file,
  encrypted: Boolean(data.encryptionKey),
  schemaVersion: -1,
  asSyncWriter: refuse,
  asSyncApplier: refuse,
  close: () => sqlite.close(),
};

// The clock of each job is the core's at the time of the request (tests inject clocks).
let now = new Date();
const reports = new ReportService(db, () => now);

parentPort!.on('message', (message: unknown) => {
  if (!isReportJob(message)) return;
  now = new Date(message.nowIso);
  let reply: ReportReply;
  try {
    reply = { id: message.id, ok: true, value: runReportJob(reports, message) };
  } catch (error) {
    reply =
      error instanceof AppError
        ? { id: message.id, ok: false, appError: { code: error.code, fields: error.fields } }
        : { id: message.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
