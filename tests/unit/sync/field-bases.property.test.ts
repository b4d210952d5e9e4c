import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openBranchCore, type BranchCore } from '../../../src/branch/core.js';
import { formatHlc } from '../../../src/shared/sync/hlc.js';
import type { RowState } from '../../../src/shared/sync/protocol.js';

/**
 * Property of the per-field base (src/branch/sync/apply.ts, capture.ts):
 * under any interleaving of local edits, head-office rows arriving (pulls,
 * fetches, corrections) and pushes acknowledged, every field of every
 * outbox entry carries as its base the head-office version at which this
 * replica last took that field's value, which is what the head office
 * judges "sequential or concurrent" by.
 */
const FIELDS = ['occupation', 'notes', 'nickname'] as const;
type Field = (typeof FIELDS)[number];
type Step =
  | { kind: 'edit'; field: Field; value: string }
  | { kind: 'pull'; values: Record<Field, string> }
  | { kind: 'ack' };

const word = fc.constantFrom('Guru', 'Petani', 'Nelayan', 'Dosen', 'Pedagang', 'Sopir');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), field: fc.constantFrom(...FIELDS), value: word }),
  fc.record({ kind: fc.constant('pull' as const), values: fc.record({ occupation: word, notes: word, nickname: word }) }),
  fc.constant({ kind: 'ack' as const }),
);

function row(id: string, version: number, values: Record<string, string>): RowState {
  return {
    table: 'customers',
    rowId: id,
    version,
    hlc: formatHlc({ wallMs: Date.parse('2026-11-22T03:00:00Z') + version, counter: 0, node: 'headoffice' }),
    fields: {
      customer_number: `JKT01-${id.slice(8).padStart(6, '0')}`,
      full_name: 'Dewi Lestari',
      tags: '[]',
      lifecycle_stage: 'active',
      home_branch_id: 'branch-jkt',
      created_at: '2026-11-01T00:00:00Z',
      created_by: 'u',
      updated_at: `2026-11-01T00:00:${String(version % 60).padStart(2, '0')}Z`,
      updated_by: 'ho',
      deleted: 0,
      ...values,
    },
  };
}

describe('per-field base', () => {
  let core: BranchCore;
  beforeAll(async () => {
    core = openBranchCore({ dataDir: ':memory:', log: () => {} });
    const init = await core.call(null, 'setup.initialise', {
      branchName: 'Cabang Jakarta',
      branchCode: 'JKT01',
      timeZone: 'WIB',
      manager: { username: 'manajer', displayName: 'Manajer', password: 'rahasia-uji' },
    });
    expect(init.ok).toBe(true);
  });
  afterAll(() => core.close());

  it('every outbox field is based on the version its value was last taken at', () => {
    const db = core.services.db.sqlite;
    let n = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const id = `cu-prop-${++n}`;
        let version = 1;
        const apply = (r: RowState) => db.transaction(() => core.services.sync.applier.apply([r]))();
        apply(row(id, version, { occupation: 'Guru', notes: 'awal', nickname: 'Dewi' }));
        // Model: the version each field's value was taken at, and which fields wait in the outbox.
        const takenAt = new Map<string, number>(Object.keys(row(id, 1, {}).fields).concat(FIELDS).map((f) => [f, 1]));
        const pending = new Set<string>();
        for (const s of steps) {
          if (s.kind === 'edit') {
            const before = db.prepare('SELECT coalesce(max(seq), 0) FROM sync_outbox').pluck().get() as number;
            core.services.customers.update(core.systemActor, id, { [s.field]: s.value });
            for (const e of db.prepare("SELECT base_seq, fields FROM sync_outbox WHERE seq > ? AND table_name = 'customers'").all(before) as { base_seq: number; fields: string }[]) {
              for (const f of Object.keys(JSON.parse(e.fields))) {
                expect(e.base_seq, `${f} after ${JSON.stringify(steps)}`).toBe(takenAt.get(f) ?? 0);
                pending.add(f);
              }
            }
          } else if (s.kind === 'pull') {
            version += 1;
            const r = row(id, version, s.values);
            apply(r);
            for (const f of Object.keys(r.fields)) if (!pending.has(f)) takenAt.set(f, version);
          } else {
            db.prepare('DELETE FROM sync_outbox').run(); // the head office acknowledged everything pushed
            pending.clear();
          }
        }
        db.prepare('DELETE FROM sync_outbox').run();
      }),
      { numRuns: 60 },
    );
  });
});
