import type { BranchCore } from '../../src/branch/core.js';
import { newId } from '../../src/shared/domain/ids.js';

/**
 * Puts a catalogue item in a branch as a pull from the head office would
 * (the catalogue is reference data: only sync's apply may write it).
 */
export function receiveCatalogueItem(
  core: BranchCore,
  item: { sku: string; name: string; kind: 'product' | 'service'; unitPrice: number; durationMinutes?: number | null; retired?: boolean },
): string {
  const id = newId();
  core.services.db.asSyncApplier(() =>
    core.services.db.sqlite
      .prepare(
        `INSERT INTO catalogue_items (id, sku, name, kind, category, unit_price, unit_cost, duration_minutes, description, retired_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'Servis', ?, 0, ?, NULL, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
      )
      .run(id, item.sku, item.name, item.kind, item.unitPrice, item.durationMinutes ?? null, item.retired ? '2026-06-01T00:00:00.000Z' : null),
  );
  return id;
}

/** The appointment tables, the assets and the outbox as they stand, to prove a refused call changed nothing. */
export function appointmentState(core: BranchCore): { counts: Record<string, number>; rows: string } {
  const db = core.services.db.sqlite;
  const q = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    counts: {
      appointments: q('SELECT count(*) FROM appointments'),
      events: q('SELECT count(*) FROM appointment_events'),
      qc: q('SELECT count(*) FROM qc_reports'),
      outbox: q('SELECT count(*) FROM sync_outbox'),
    },
    rows: JSON.stringify([db.prepare('SELECT * FROM appointments ORDER BY id').all(), db.prepare('SELECT * FROM customer_assets ORDER BY id').all()]),
  };
}
