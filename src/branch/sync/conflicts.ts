import type { BranchDatabase } from '../db/open.js';
import { BranchSettings } from '../setup/settings.js';
import type { ConflictRecord, SyncTarget } from './target.js';

/** The head office accepts at most this many ids per question (its route's limit). */
const OPEN_IDS_PER_REQUEST = 1000;

export interface LocalConflict {
  id: string;
  tableName: string;
  rowId: string;
  field: string;
  customerId: string | null;
  winnerValue: unknown;
  loserValue: unknown;
  detectedAt: string;
  status: 'open' | 'kept' | 'reversed';
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/**
 * The branch's copy of conflicts in its scope, so they can be reviewed
 * offline. Resolutions made here are queued and reported at the next sync.
 */
export class ConflictStore {
  private readonly settings: BranchSettings;

  constructor(private readonly db: BranchDatabase) {
    this.settings = new BranchSettings(db);
  }

  /** Open conflicts, less those about the tables in `hidden` (see list). */
  countOpen(hidden: readonly string[] = []): number {
    return this.db.sqlite
      .prepare("SELECT count(*) FROM sync_conflicts WHERE status = 'open' AND table_name NOT IN (SELECT value FROM json_each(?))")
      .pluck()
      .get(JSON.stringify(hidden)) as number;
  }

  /** Newest first; conflicts about the tables in `hidden` (sensitive data the reader may not see) are left out. */
  list(status: 'open' | 'all' = 'open', hidden: readonly string[] = []): LocalConflict[] {
    const rows = this.db.sqlite
      .prepare(
        `SELECT * FROM sync_conflicts WHERE ${status === 'open' ? "status = 'open' AND" : ''} table_name NOT IN (SELECT value FROM json_each(?))
         ORDER BY detected_seq DESC, id LIMIT 500`,
      )
      .all(JSON.stringify(hidden)) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as string,
      tableName: r.table_name as string,
      rowId: r.row_id as string,
      field: r.field as string,
      customerId: r.customer_id as string | null,
      winnerValue: r.winner_value === null ? null : JSON.parse(r.winner_value as string),
      loserValue: r.loser_value === null ? null : JSON.parse(r.loser_value as string),
      detectedAt: r.detected_at as string,
      status: r.status as LocalConflict['status'],
      resolvedBy: r.resolved_by as string | null,
      resolvedAt: r.resolved_at as string | null,
    }));
  }

  get(id: string): LocalConflict | null {
    return this.list('all').find((c) => c.id === id) ?? null;
  }

  /** Records a decision locally (inside the caller's transaction); reported at the next sync. */
  markResolved(id: string, status: 'kept' | 'reversed', by: string, at: string): void {
    this.db.sqlite
      .prepare("UPDATE sync_conflicts SET status = ?, resolved_by = ?, resolved_at = ?, resolution_pending = 1 WHERE id = ? AND status = 'open'")
      .run(status, by, at, id);
  }

  /**
   * What the exchange would ask the head office, for hello to ask first
   * (protocol 2): the conflict cursor and the ids still open here. `complete`
   * is false when an exchange is due whatever the answer: resolutions queued
   * here, or more open ids than one question carries.
   */
  question(): { afterSeq: number; open: string[]; complete: boolean } {
    const queued = this.db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM sync_conflicts WHERE resolution_pending = 1)').pluck().get() === 1;
    const open = this.openIds();
    return {
      afterSeq: Number(this.settings.get('sync_conflict_cursor') ?? '0'),
      open: open.slice(0, OPEN_IDS_PER_REQUEST),
      complete: !queued && open.length <= OPEN_IDS_PER_REQUEST,
    };
  }

  private openIds(): string[] {
    return this.db.sqlite.prepare("SELECT id FROM sync_conflicts WHERE status = 'open' AND resolution_pending = 0 ORDER BY id").pluck().all() as string[];
  }

  /** Sends queued resolutions, then takes new and changed conflicts. */
  async exchange(target: SyncTarget): Promise<void> {
    const pending = this.db.sqlite
      .prepare('SELECT id, status, resolved_by FROM sync_conflicts WHERE resolution_pending = 1')
      .all() as { id: string; status: 'kept' | 'reversed'; resolved_by: string }[];
    if (pending.length > 0) {
      await target.resolveConflicts({ resolutions: pending.map((p) => ({ id: p.id, status: p.status, by: p.resolved_by })) });
      const done = this.db.sqlite.prepare('UPDATE sync_conflicts SET resolution_pending = 0 WHERE id = ?');
      this.db.sqlite.transaction(() => pending.forEach((p) => done.run(p.id)))();
    }
    const after = Number(this.settings.get('sync_conflict_cursor') ?? '0');
    // A conflict reviewed at another branch keeps its detected seq: ask about the ones still open here.
    const open = this.openIds();
    const fresh: ConflictRecord[] = await target.conflicts({ afterSeq: after, open: open.slice(0, OPEN_IDS_PER_REQUEST) });
    for (let i = OPEN_IDS_PER_REQUEST; i < open.length; i += OPEN_IDS_PER_REQUEST) {
      fresh.push(...(await target.conflicts({ afterSeq: after, open: open.slice(i, i + OPEN_IDS_PER_REQUEST) })));
    }
    if (fresh.length === 0) return;
    const upsert = this.db.sqlite.prepare(`INSERT INTO sync_conflicts (id, table_name, row_id, field, customer_id, winner_value, loser_value, winner_hlc, loser_hlc, detected_seq, detected_at, status, resolved_by, resolved_at, resolution_pending)
      VALUES (@id, @tableName, @rowId, @field, @customerId, @winnerValue, @loserValue, @winnerHlc, @loserHlc, @detectedSeq, @detectedAt, @status, @resolvedBy, @resolvedAt, 0)
      ON CONFLICT (id) DO UPDATE SET status = CASE WHEN sync_conflicts.resolution_pending = 1 THEN sync_conflicts.status ELSE excluded.status END,
        resolved_by = coalesce(sync_conflicts.resolved_by, excluded.resolved_by), resolved_at = coalesce(sync_conflicts.resolved_at, excluded.resolved_at)`);
    this.db.sqlite.transaction(() => {
      for (const c of fresh) {
        upsert.run({
          ...c,
          winnerValue: c.winnerValue === undefined ? null : JSON.stringify(c.winnerValue),
          loserValue: c.loserValue === undefined ? null : JSON.stringify(c.loserValue),
        });
      }
      this.settings.set('sync_conflict_cursor', String(Math.max(after, ...fresh.map((c) => c.detectedSeq))));
    })();
  }
}
