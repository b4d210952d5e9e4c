import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { BranchSettings } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { PROTOCOL_VERSION, MAX_BATCH, type ChangeRecord, type PullResponse, type PushResponse } from '../../shared/sync/protocol.js';
import { SYNCED_TABLES, SYNC_SCHEMA_VERSION, canonicalRow, columnsFor } from '../../shared/sync/tables.js';
import type { ChangeCapture } from './capture.js';
import type { RowApplier } from './apply.js';
import { InitialLoad, INITIAL_LOAD_MIN_ROWS } from './initial.js';
import { HttpSyncTarget, SyncTransportError, type SyncTarget } from './target.js';
import { ConflictStore } from './conflicts.js';
import type { CoreEvent } from '../../shared/api/transport.js';

export interface SyncProgress {
  phase: 'hello' | 'push' | 'pull' | 'conflicts' | 'done';
  pushed: number;
  toPush: number;
  pulled: number;
}

export interface SyncReport {
  pushed: number;
  pulled: number;
  conflicts: number;
  quarantined: number;
  clockSkewMs: number;
  ms: number;
}

export interface SyncStatus {
  enrolled: boolean;
  headOfficeUrl: string | null;
  running: boolean;
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  lastError: { code: string; message: string } | null;
  pending: number;
  openConflicts: number;
  rejected: number;
  clockSkewMs: number | null;
  cursor: string | null;
  /** Rows of an initial sync received and not yet shown (null: none under way; see InitialLoad). */
  initialSyncStaged: number | null;
}

const PUSH_BATCH = 1000;
/** Rows per pull page: the protocol's largest (fewer round trips and commits per row). */
const PULL_PAGE = MAX_BATCH;

/**
 * The branch side of sync. One run: hello (versions, clock skew, and whether
 * anything is new at the head office), push the outbox in idempotent
 * batches, pull feed pages until caught up, refresh the conflict list; with
 * nothing to push and nothing new the run ends after hello. Every step commits locally only what the head office
 * confirmed, so a crash or a lost answer at any point is repaired by the next
 * run: pushes are deduplicated by outbox seq, pulls resume from the cursor.
 */
export class SyncEngine {
  private readonly settings: BranchSettings;
  private readonly conflicts: ConflictStore;
  private readonly readOutbox: Statement;
  private readonly countOutbox: Statement;
  private running: Promise<SyncReport> | null = null;
  private readonly initial: InitialLoad;
  /** A first pull of an empty replica is staged and loaded at once when its first page has at least this many rows. */
  initialLoadMinRows = INITIAL_LOAD_MIN_ROWS;
  /** Sync runs and fetches take turns (see `exclusive`). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    /** Applies head-office rows (pull pages, push corrections, fetches); public for tests. */
    readonly applier: RowApplier,
    private readonly now: () => Date = () => new Date(),
    private readonly makeTarget: (url: string, credential?: string) => SyncTarget = (url, credential) =>
      new HttpSyncTarget({ baseUrl: url, credential }),
    private readonly notify: (event: CoreEvent) => void = () => {},
  ) {
    this.settings = new BranchSettings(db);
    this.conflicts = new ConflictStore(db);
    this.initial = new InitialLoad(db, capture, applier);
    this.readOutbox = db.sqlite.prepare('SELECT seq, table_name, row_id, hlc, base_seq, fields FROM sync_outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.countOutbox = db.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck();
  }

  get conflictStore(): ConflictStore {
    return this.conflicts;
  }

  status(): SyncStatus {
    const error = this.settings.get('sync_last_error');
    const skew = this.settings.get('sync_clock_skew_ms');
    return {
      enrolled: this.settings.get('sync_credential') !== null,
      headOfficeUrl: this.settings.get('headoffice_url'),
      running: this.running !== null,
      lastSyncAt: this.settings.get('sync_last_success_at'),
      lastAttemptAt: this.settings.get('sync_last_attempt_at'),
      lastError: error ? JSON.parse(error) : null,
      pending: this.countOutbox.get() as number,
      openConflicts: this.conflicts.countOpen(),
      rejected: this.db.sqlite.prepare('SELECT count(*) FROM sync_rejections').pluck().get() as number,
      clockSkewMs: skew === null ? null : Number(skew),
      cursor: this.settings.get('sync_cursor'),
      initialSyncStaged: this.initial.stagedRows(),
    };
  }

  /**
   * Trades a one-time enrolment token for this branch's credential. Rows
   * made before enrolment carry the local branch id; they take the head
   * office's id for the branch, in the same transaction.
   */
  async enrol(url: string, token: string): Promise<{ branchId: string; branchCode: string; branchName: string }> {
    const identity = this.settings.identity();
    if (!identity) throw new AppError('NOT_INITIALISED');
    if (this.settings.get('sync_credential')) throw new AppError('ALREADY_INITIALISED', undefined, 'already enrolled');
    const result = await this.makeTarget(url).enrol({
      token,
      nodeId: this.capture.nodeId,
      branchCode: identity.branchCode,
      schemaVersion: SYNC_SCHEMA_VERSION,
    });
    const oldId = identity.branchId;
    this.db.sqlite
      .transaction(() =>
        this.db.asSyncWriter(() => {
          if (result.branchId !== oldId) {
            // Every synced table that names its owner branch (customers, transactions, interactions...).
            for (const table of SYNCED_TABLES) {
              if (!table.ownerColumn) continue;
              this.db.sqlite.prepare(`UPDATE "${table.name}" SET "${table.ownerColumn}" = ? WHERE "${table.ownerColumn}" = ?`).run(result.branchId, oldId);
            }
            for (const column of ['home_branch_id', 'branch_id']) {
              this.db.sqlite
                .prepare(`UPDATE sync_outbox SET fields = json_set(fields, '$.${column}', ?) WHERE json_extract(fields, '$.${column}') = ?`)
                .run(result.branchId, oldId);
            }
            this.settings.set('branch_id', result.branchId);
          }
          this.settings.set('branch_name', result.branchName);
          this.settings.set('time_zone', result.timeZone);
          this.settings.set('headoffice_url', url);
          this.settings.set('sync_credential', result.credential);
        }),
      )
      .immediate();
    return { branchId: result.branchId, branchCode: result.branchCode, branchName: result.branchName };
  }

  /** Runs one sync; a second call while one runs waits for the same run. */
  syncNow(onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncReport> {
    if (!this.running) {
      const progress = (p: SyncProgress) => {
        onProgress(p);
        this.notify({ type: 'sync.progress', ...p });
      };
      this.running = this.exclusive(() => this.run(progress))
        .then(
          (report) => {
            this.notify({ type: 'sync.finished', ok: true, pushed: report.pushed, pulled: report.pulled, conflicts: report.conflicts });
            return report;
          },
          (error) => {
            this.notify({ type: 'sync.finished', ok: false, pushed: 0, pulled: 0, conflicts: 0, errorCode: (error as AppError).code ?? 'INTERNAL' });
            throw error;
          },
        )
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  /** Whether the head office answers at all (for the scheduler's offline probe). */
  async reachable(): Promise<boolean> {
    const url = this.settings.get('headoffice_url');
    if (!url) return false;
    try {
      const r = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(5000) });
      return r.ok;
    } catch {
      return false;
    }
  }

  async fetchCustomer(key: string): Promise<string[]> {
    const target = this.target();
    return this.exclusive(async () => {
      const { rows } = await target.fetchCustomer({ nodeId: this.capture.nodeId, schemaVersion: SYNC_SCHEMA_VERSION, key });
      this.inTransaction(() => this.applier.apply(rows));
      return rows.filter((r) => r.table === 'customers').map((r) => r.rowId);
    });
  }

  /**
   * Runs `work` after every sync run and fetch started before it has ended.
   * A fetch answers with rows as they were when the head office read them;
   * were a sync to pull newer versions (or push a local edit and drop it from
   * the outbox) before that answer is applied, applying it would put older
   * values back, and nothing would ever send the newer ones again.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work, work);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** Per-table checksums of this replica, computed like the head office's (invariant 4). */
  localChecksums(): Record<string, { rows: number; checksum: string }> {
    const out: Record<string, { rows: number; checksum: string }> = {};
    for (const table of SYNCED_TABLES) {
      const columns = columnsFor(table, SYNC_SCHEMA_VERSION);
      const rows = this.db.sqlite
        .prepare(`SELECT id, ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table.name}" ORDER BY id`)
        .all() as Record<string, unknown>[];
      const hash = createHash('sha256');
      for (const r of rows) hash.update(canonicalRow(r.id as string, r, columns));
      out[table.name] = { rows: rows.length, checksum: hash.digest('hex') };
    }
    return out;
  }

  async remoteChecksums() {
    return this.target().checksum({ schemaVersion: SYNC_SCHEMA_VERSION });
  }

  private target(): SyncTarget {
    const url = this.settings.get('headoffice_url');
    const credential = this.settings.get('sync_credential');
    if (!url || !credential) throw new AppError('NOT_INITIALISED', undefined, 'not enrolled with a head office');
    return this.makeTarget(url, credential);
  }

  private async run(onProgress: (p: SyncProgress) => void): Promise<SyncReport> {
    const started = Date.now();
    const target = this.target();
    const report: SyncReport = { pushed: 0, pulled: 0, conflicts: 0, quarantined: 0, clockSkewMs: 0, ms: 0 };
    const attemptAt = this.now().toISOString();
    let attemptSaved = false;
    let skewKnown = false;
    let conflictsDone: Promise<void> | null = null;
    const saveAttempt = () => {
      this.settings.set('sync_last_attempt_at', attemptAt);
      if (skewKnown) this.settings.set('sync_clock_skew_ms', String(report.clockSkewMs));
      attemptSaved = true;
    };
    const succeed = (progress: SyncProgress) => {
      this.db.sqlite.transaction(() => {
        if (!attemptSaved) saveAttempt();
        this.settings.set('sync_last_success_at', this.now().toISOString());
        this.db.sqlite.prepare("DELETE FROM branch_settings WHERE key = 'sync_last_error'").run();
      })();
      onProgress({ ...progress, phase: 'done' });
      report.ms = Date.now() - started;
      return report;
    };
    try {
      const progress: SyncProgress = { phase: 'hello', pushed: 0, toPush: this.countOutbox.get() as number, pulled: 0 };
      onProgress({ ...progress });
      const question = this.conflicts.question();
      const hello = await this.hello(target, {
        schemaVersion: SYNC_SCHEMA_VERSION,
        nodeId: this.capture.nodeId,
        clientTime: this.now().toISOString(),
        pending: progress.toPush,
        cursor: this.settings.get('sync_cursor'),
        conflictCursor: question.afterSeq,
        openConflicts: question.open,
      });
      report.clockSkewMs = hello.clockSkewMs;
      skewKnown = true;
      // Nothing to push and nothing new at the head office (which recorded this hello as the empty pull):
      // no pull, no conflict exchange, and one local commit at the end (each commit is an fsync).
      const quiet = hello.upToDate === true && progress.toPush === 0 && question.complete;
      // Otherwise the attempt and the skew are on record while the run goes on (one commit for both).
      if (!quiet) this.db.sqlite.transaction(saveAttempt)();

      progress.phase = 'push';
      await this.pushAll(target, (n, r) => {
        progress.pushed += n;
        report.pushed += n;
        report.conflicts += r.conflicts;
        report.quarantined += r.quarantined.length;
        onProgress({ ...progress });
      });
      // Unless something was written while hello was under way (its push may bring conflicts and corrections).
      if (quiet && progress.pushed === 0) return succeed(progress);

      progress.phase = 'pull';
      // The conflict list is asked for while pages are pulled (it depends on the push, not on the pull):
      // one round trip less per sync.
      conflictsDone = this.conflicts.exchange(target);
      conflictsDone.catch(() => {}); // awaited below; a pull that fails first waits for it in the catch
      // Pages are asked for ahead of the one being applied, so the head office reads the next pages while
      // this replica writes. A page is asked for as soon as the one before it has told its cursor: from its
      // answer's headers (PULL_NEXT_HEADER) if the head office sends them, before that page is read, inflated
      // and parsed, so the head office goes on while the branch reads; else from the page itself, once read. Each page still commits with its own cursor: a crash leaves
      // the cursor of the last page applied, and a page fetched ahead but never applied is never counted.
      interface Ahead {
        page: Promise<PullResponse>;
        /** The cursor and hasMore the answer's headers gave (the page's own are checked against them). */
        early?: { cursor: string; hasMore: boolean };
        next?: Ahead;
      }
      let current: Ahead;
      const pull = (cursor: string | null): Ahead => {
        const ahead: Ahead = { page: undefined as unknown as Promise<PullResponse> };
        ahead.page = target.pull({ nodeId: this.capture.nodeId, schemaVersion: SYNC_SCHEMA_VERSION, cursor, limit: PULL_PAGE }, (early) => {
          ahead.early = early;
          // Only from the page the loop waits for (or has just taken): at most two pages ahead of the one applied.
          if (early.hasMore && ahead === current && !ahead.next) ahead.next = pull(early.cursor);
        });
        ahead.page.catch(() => {}); // awaited on its turn; an apply that throws first leaves it unread
        return ahead;
      };
      current = pull(this.settings.get('sync_cursor'));
      // An initial load under way (a run that ended before it finished) goes on staging; see InitialLoad.
      let staging = this.initial.inProgress();
      for (let first = true; ; first = false) {
        const page = await current.page;
        const fetched = current;
        if (page.hasMore) {
          if (fetched.next && fetched.early?.cursor !== page.cursor) fetched.next = undefined; // headers and page disagree: the page wins
          if (!fetched.next) {
            fetched.next = pull(page.cursor);
            await new Promise((resolve) => setImmediate(resolve)); // let the request go out before the apply holds the thread
          }
          current = fetched.next;
          // Its headers came while this page was awaited: ask for the one after it now.
          if (current.early?.hasMore && !current.next) current.next = pull(current.early.cursor);
        }
        if (first && !staging && page.rows.length >= this.initialLoadMinRows) staging = this.initial.eligible();
        // Nothing new: nothing to commit (the cursor stays where it is).
        if (page.rows.length === 0 && page.cursor === this.settings.get('sync_cursor')) break;
        this.inTransaction(() => {
          if (staging) this.initial.stage(page.rows);
          else this.applier.apply(page.rows);
          this.settings.set('sync_cursor', page.cursor);
        });
        progress.pulled += page.rows.length;
        report.pulled += page.rows.length;
        onProgress({ ...progress });
        if (!page.hasMore) break;
      }
      // Drained: the staged rows become visible at once (or merge in chunks if the replica is no longer empty).
      if (staging) this.initial.finish((fn) => this.inTransaction(fn));

      progress.phase = 'conflicts';
      onProgress({ ...progress });
      await conflictsDone;
      return succeed(progress);
    } catch (error) {
      await conflictsDone?.catch(() => {}); // never left running past the end of its run
      const code = error instanceof AppError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      this.db.sqlite.transaction(() => {
        if (!attemptSaved) saveAttempt();
        this.settings.set('sync_last_error', JSON.stringify({ code, message }));
      })();
      throw error instanceof AppError ? error : new SyncTransportError('INTERNAL', true, message);
    }
  }

  /**
   * Hello at this build's protocol. A head office not yet upgraded refuses it
   * (a version it does not serve, or fields its stricter hello does not
   * know): it is spoken to at protocol 1, answers without `upToDate`, and the
   * run pulls and exchanges conflicts as before.
   */
  private async hello(target: SyncTarget, request: Omit<Parameters<SyncTarget['hello']>[0], 'protocol'>) {
    try {
      return await target.hello({ protocol: PROTOCOL_VERSION, ...request });
    } catch (error) {
      const refused =
        error instanceof AppError && (error.code === 'VALIDATION_FAILED' || (error.code === 'UNAVAILABLE' && /protocol \d+ is not served/.test(error.message)));
      if (!refused) throw error;
      const { schemaVersion, nodeId, clientTime, pending } = request;
      return target.hello({ protocol: 1, schemaVersion, nodeId, clientTime, pending });
    }
  }

  private async pushAll(target: SyncTarget, onBatch: (n: number, r: PushResponse) => void): Promise<void> {
    let batchSize = PUSH_BATCH;
    for (;;) {
      const rows = this.readOutbox.all(0, batchSize) as { seq: number; table_name: string; row_id: string; hlc: string; base_seq: number; fields: string }[];
      if (rows.length === 0) return;
      const changes: ChangeRecord[] = rows.map((r) => ({
        seq: r.seq,
        table: r.table_name,
        rowId: r.row_id,
        hlc: r.hlc,
        baseSeq: r.base_seq,
        fields: JSON.parse(r.fields),
      }));
      let response: PushResponse;
      try {
        response = await target.push({ nodeId: this.capture.nodeId, schemaVersion: SYNC_SCHEMA_VERSION, changes });
      } catch (error) {
        if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE' && batchSize > 1) {
          batchSize = Math.max(1, Math.floor(batchSize / 2));
          continue;
        }
        throw error;
      }
      this.inTransaction(() => {
        const rejected = new Map(response.quarantined.map((q) => [q.seq, q]));
        const at = this.now().toISOString();
        for (const r of rows) {
          const q = rejected.get(r.seq);
          if (q) {
            this.db.sqlite
              .prepare('INSERT OR REPLACE INTO sync_rejections (outbox_seq, table_name, row_id, fields, code, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
              .run(r.seq, r.table_name, r.row_id, r.fields, q.code, q.reason, at);
          }
        }
        this.db.sqlite.prepare('DELETE FROM sync_outbox WHERE seq <= ?').run(response.lastSeq);
        this.applier.apply(response.corrections);
      });
      onBatch(rows.length, response);
      batchSize = Math.min(PUSH_BATCH, batchSize * 2);
      if (rows.length < batchSize && rows.length < MAX_BATCH) {
        if ((this.countOutbox.get() as number) === 0) return;
      }
    }
  }

  private inTransaction<T>(fn: () => T): T {
    return this.db.sqlite
      .transaction(() => {
        // A page may hold a contact before its customer: check references at commit.
        this.db.sqlite.pragma('defer_foreign_keys = ON');
        const result = fn();
        this.capture.persistClock();
        return result;
      })
      .immediate();
  }
}
