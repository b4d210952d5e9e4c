/**
 * One branch of the simulation: a real branch core (openBranchCore) on its
 * own SQLite file, driven by the harness over IPC. Its clock is the wall
 * clock plus a skew the harness sets (and may move, backwards too); it talks
 * to the head office through its fault proxy. The harness SIGKILLs it at
 * chosen points and starts it again on the same data directory.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import { HttpSyncTarget } from '../../src/branch/sync/target.js';
import { SYNCED_TABLES } from '../../src/shared/sync/tables.js';
import { CallFailed, serveParent } from './child.js';

const dataDir = process.env.SIM_DATA_DIR;
if (!dataDir) throw new Error('SIM_DATA_DIR is required');
let skewMs = Number(process.env.SIM_SKEW_MS ?? '0');
const timeoutMs = Number(process.env.SIM_HTTP_TIMEOUT_MS ?? '10000');
/** Intent journal of edits (harness bookkeeping, outside the branch database). */
const journal = join(dataDir, 'sim-journal.ndjson');

const core = openBranchCore({
  dataDir,
  now: () => new Date(Date.now() + skewMs),
  checkOutput: true,
  log: () => {},
  makeSyncTarget: (url, credential) => new HttpSyncTarget({ baseUrl: url, credential, timeoutMs }),
});
const { services } = core;
// Any first pull of an empty replica goes through the initial load (staged, then loaded at once),
// so kills and dropped requests hit that path too, not only the page-by-page one.
services.sync.initialLoadMinRows = Number(process.env.SIM_INITIAL_LOAD_MIN_ROWS ?? '1');
const sqlite = services.db.sqlite;
const actor = core.systemActor;

async function must<T>(method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(actor, method, input);
  if (!r.ok) throw new CallFailed(r.error.code, `${method}: ${r.error.message}`);
  return r.value as T;
}

function setting(key: string): string | null {
  return (sqlite.prepare('SELECT value FROM branch_settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

const customerColumns = Object.keys(SYNCED_TABLES.find((t) => t.name === 'customers')!.columns);
const contactColumns = Object.keys(SYNCED_TABLES.find((t) => t.name === 'contact_points')!.columns);
const transactionColumns = Object.keys(SYNCED_TABLES.find((t) => t.name === 'transactions')!.columns);
const select = (table: string, columns: string[]) =>
  sqlite.prepare(`SELECT id, ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY id`);

function errorOf(error: unknown): CallFailed {
  const e = error as { code?: string; message?: string };
  return new CallFailed(typeof e.code === 'string' ? e.code : 'ERROR', String(e.message ?? error));
}

serveParent(
  {
    async setup({ code }: { code: string }) {
      await core.call(null, 'setup.initialise', {
        branchName: `Cabang ${code}`,
        branchCode: code,
        timeZone: 'WIB',
        manager: { username: 'manajer', displayName: `Manajer ${code}`, password: 'rahasia-simulasi' },
      }).then((r) => {
        if (!r.ok) throw new CallFailed(r.error.code, r.error.message);
      });
      return { nodeId: services.capture.nodeId };
    },
    async enrol({ url, token }: { url: string; token: string }) {
      return services.sync.enrol(url, token);
    },
    info() {
      return {
        nodeId: services.capture.nodeId,
        branchId: setting('branch_id'),
        credential: setting('sync_credential'),
        cursor: setting('sync_cursor'),
        hlc: setting('sync_hlc'),
        pending: services.sync.status().pending,
      };
    },
    setSkew({ ms }: { ms: number }) {
      skewMs = ms;
      return null;
    },
    async create({ input }: { input: Record<string, unknown> }) {
      const c = await must<{ id: string; customerNumber: string }>('customers.create', input);
      return { id: c.id, customerNumber: c.customerNumber };
    },
    /**
     * Reads the columns' local values and writes the patch in the same tick,
     * so nothing (a pull page applying) can come between: `before` is exactly
     * what the edit was made over.
     */
    async update({ id, patch, columns, order }: { id: string; patch: Record<string, unknown>; columns: string[]; order?: number }) {
      const row = sqlite.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM customers WHERE id = ?`).get(id) as
        | Record<string, unknown>
        | undefined;
      if (!row) throw new CallFailed('NOT_LOCAL', `customer ${id} is not on this branch`);
      // If the process dies before it answers, the harness still learns what the edit was made over.
      if (order !== undefined) appendFileSync(journal, `${JSON.stringify({ order, before: row })}\n`);
      await must('customers.update', { id, patch });
      return { before: row };
    },
    addTx({ customerId, amounts, occurredAt }: { customerId: string; amounts: number[]; occurredAt: string }) {
      services.transactions.insertMany(
        amounts.map((amount) => ({ customerId, occurredAt, kind: 'sale' as const, amount, cost: Math.floor(amount / 2), discount: 0, itemCount: 1 })),
      );
      const ids = sqlite
        .prepare(`SELECT id, amount FROM transactions WHERE amount IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(amounts)) as { id: string; amount: number }[];
      return ids;
    },
    async sync() {
      try {
        return await services.sync.syncNow();
      } catch (error) {
        throw errorOf(error);
      }
    },
    async fetch({ key }: { key: string }) {
      try {
        return await services.sync.fetchCustomer(key);
      } catch (error) {
        throw errorOf(error);
      }
    },
    async checksums() {
      const local = services.sync.localChecksums();
      const remote = await services.sync.remoteChecksums();
      return { local, remote: remote.tables };
    },
    /** Everything the invariant checks read from this replica. */
    dump() {
      return {
        nodeId: services.capture.nodeId,
        branchId: setting('branch_id'),
        customers: select('customers', customerColumns).all(),
        contactPoints: select('contact_points', contactColumns).all(),
        transactions: select('transactions', transactionColumns).all(),
        /** Every synced table, for the row-by-row comparison with the head office. */
        tables: Object.fromEntries(SYNCED_TABLES.map((t) => [t.name, select(t.name, Object.keys(t.columns)).all()])),
        outbox: sqlite.prepare('SELECT seq, table_name, row_id, fields FROM sync_outbox ORDER BY seq').all(),
        rejections: sqlite.prepare('SELECT * FROM sync_rejections').all(),
        conflicts: sqlite.prepare('SELECT id, table_name, row_id, field, customer_id FROM sync_conflicts').all(),
      };
    },
    /** For an operation whose answer was lost with the process: did it commit? */
    probe({ customerId, column, fullName, amounts }: { customerId?: string; column?: string; fullName?: string; amounts?: number[] }) {
      const out: Record<string, unknown> = {};
      if (customerId && column) {
        out.value = sqlite.prepare(`SELECT "${column}" FROM customers WHERE id = ?`).pluck().get(customerId) ?? null;
        out.outbox = sqlite
          .prepare(`SELECT json_extract(fields, '$.' || ?) FROM sync_outbox WHERE row_id = ? AND json_extract(fields, '$.' || ?) IS NOT NULL`)
          .pluck()
          .all(column, customerId, column);
      }
      if (fullName) out.customer = sqlite.prepare('SELECT id, customer_number AS customerNumber FROM customers WHERE full_name = ?').get(fullName) ?? null;
      if (amounts) {
        out.transactions = sqlite.prepare(`SELECT id, amount FROM transactions WHERE amount IN (SELECT value FROM json_each(?))`).all(JSON.stringify(amounts));
      }
      return out;
    },
    close() {
      core.close();
      setImmediate(() => process.exit(0));
      return null;
    },
  },
  { nodeId: services.capture.nodeId, pid: process.pid },
);

process.on('SIGTERM', () => {
  try {
    core.close();
  } finally {
    process.exit(0);
  }
});
