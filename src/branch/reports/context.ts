import { eq } from 'drizzle-orm';
import type { BranchDatabase } from '../db/open.js';
import { BranchSettings } from '../setup/settings.js';
import { reportSettings } from './schema.js';
import { newId } from '../../shared/domain/ids.js';
import { DEFAULT_REPORT_SETTINGS, reportSettingsSchema, type ReportSettings } from '../../shared/reports/settings.js';
import type { Period } from '../../shared/reports/filters.js';
import { resolvePeriod, type ResolvedPeriod } from '../../shared/reports/period.js';

/**
 * What every report needs: the connection, the branch's zone and settings,
 * the clock, and which optional tables (kept by other features) exist yet.
 */
export class ReportContext {
  private readonly branch: BranchSettings;

  constructor(
    readonly db: BranchDatabase,
    readonly now: () => Date,
  ) {
    this.branch = new BranchSettings(db);
  }

  get sqlite() {
    return this.db.sqlite;
  }

  identity() {
    return this.branch.identity();
  }

  period(period: Period): ResolvedPeriod {
    const resolved = resolvePeriod(period, this.identity()?.timeZone ?? 'WIB', this.now());
    if (resolved.allTime) return resolved;
    // Nothing sold or refunded at or after the end: the period reads the tails rollup (metrics.ts).
    const later = this.sqlite.prepare('SELECT 1 FROM transactions WHERE occurred_at >= ? LIMIT 1').pluck().get(resolved.toIso);
    const cut = { ...resolved, nothingAfter: later === undefined };
    if (!cut.fromIso || cut.toIso < this.now().toISOString()) return cut;
    // A period that starts before the first transaction and runs to now is all history: the summaries answer it.
    const first = this.sqlite.prepare('SELECT min(occurred_at) FROM transactions').pluck().get() as string | null;
    return first === null || cut.fromIso <= first ? { ...cut, allTime: true } : cut;
  }

  settings(): ReportSettings {
    const row = this.db.orm.select().from(reportSettings).where(eq(reportSettings.key, 'reports')).get();
    if (!row) return DEFAULT_REPORT_SETTINGS;
    // Settings saved by an older build may lack newer keys: defaults fill them in.
    const parsed = reportSettingsSchema.safeParse({ ...DEFAULT_REPORT_SETTINGS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_REPORT_SETTINGS;
  }

  saveSettings(value: ReportSettings, userId: string): ReportSettings {
    const now = this.now().toISOString();
    this.db.orm
      .insert(reportSettings)
      .values({ id: newId(), key: 'reports', value: JSON.stringify(value), updatedAt: now, updatedBy: userId })
      .onConflictDoUpdate({ target: reportSettings.key, set: { value: JSON.stringify(value), updatedAt: now, updatedBy: userId } })
      .run();
    return value;
  }

  /** Columns of a table, or null when the table does not exist (yet). */
  columnsOf(table: string): Set<string> | null {
    const rows = this.sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    return rows.length ? new Set(rows) : null;
  }

  /** The table if it exists with all these columns; reports built on data other features record use this. */
  optionalTable(table: string, needed: string[]): Set<string> | null {
    const columns = this.columnsOf(table);
    return columns && needed.every((c) => columns.has(c)) ? columns : null;
  }
}
