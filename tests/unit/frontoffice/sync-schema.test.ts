import { describe, expect, it } from 'vitest';
import { mergeBatch, type StoredObject } from '../../../src/headoffice/sync/merge-batch.js';
import { formatHlc } from '../../../src/shared/sync/hlc.js';
import { columnsFor, MIN_SYNC_SCHEMA_VERSION, SYNC_SCHEMA_VERSION, syncedTable } from '../../../src/shared/sync/tables.js';

const A = 'branch-a';
const hlc = (ms: number) => formatHlc({ wallMs: ms, counter: 0, node: 'nodea' });
const scope = { branchesOf: (id: string) => new Set(id === 'c1' ? [A] : []) };
const stored = (table: string, rowId: string, data: Record<string, unknown>): StoredObject => ({
  tableName: table, rowId, data: data as never, clocks: Object.fromEntries(Object.keys(data).map((k) => [k, [hlc(1000), 5]])), version: 5, hlc: hlc(1000), customerId: 'c1', createdBy: A,
});
const tx = { customer_id: 'c1', branch_id: A, occurred_at: 't', kind: 'sale', amount: 5000, cost: 0, discount: 0, item_count: 1, created_at: 't', voided_at: null };

describe('sync schema 2 (front office)', () => {
  it('is in this build (version 2 or later), still serves version 1, and an old branch neither sends nor gets the new customer columns', () => {
    expect(SYNC_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(MIN_SYNC_SCHEMA_VERSION).toBe(1);
    const customers = syncedTable('customers')!;
    expect(columnsFor(customers, 1)).not.toContain('external_ref');
    expect(columnsFor(customers, 2)).toEqual(expect.arrayContaining(['external_ref', 'hobbies', 'preferred_channel']));
    // New columns are nullable: a version-1 branch's new customer is complete without them.
    expect(Object.entries(customers.columns).filter(([, c]) => (c.since ?? 1) > 1 && !c.nullable)).toEqual([]);
  });

  it('accepts a new customer from a version-1 branch', () => {
    const fields = Object.fromEntries(columnsFor(syncedTable('customers')!, 1).map((c) => [c, c === 'home_branch_id' ? A : c === 'tags' ? '[]' : c === 'deleted' ? 0 : c.endsWith('_at') || ['nickname', 'nik', 'birth_date', 'gender', 'occupation', 'address_line', 'city', 'province', 'postal_code', 'notes'].includes(c) ? null : 'x']));
    const out = mergeBatch(A, [{ seq: 1, table: 'customers', rowId: 'new1', hlc: hlc(2000), baseSeq: 0, fields: { ...fields, created_at: 't', updated_at: 't' } as never }], new Map(), scope);
    expect(out.refused).toEqual([]);
    expect(out.applied).toBe(1);
  });

  it('lets a transaction be voided once, and refuses clearing the void or any other change', () => {
    const objects = new Map([['transactions\u0000t1', stored('transactions', 't1', tx)]]);
    const voided = mergeBatch(A, [{ seq: 1, table: 'transactions', rowId: 't1', hlc: hlc(2000), baseSeq: 5, fields: { voided_at: '2026-11-22T00:00:00.000Z' } }], objects, scope);
    expect(voided.refused).toEqual([]);
    expect(objects.get('transactions\u0000t1')!.data.voided_at).toBe('2026-11-22T00:00:00.000Z');
    const refused = mergeBatch(A, [
      { seq: 2, table: 'transactions', rowId: 't1', hlc: hlc(3000), baseSeq: 6, fields: { voided_at: null } },
      { seq: 3, table: 'transactions', rowId: 't1', hlc: hlc(3000), baseSeq: 6, fields: { amount: 1, voided_at: 'x' } },
    ], objects, scope);
    expect(refused.refused.map((r) => [r.change.seq, r.code])).toEqual([[2, 'APPEND_ONLY'], [3, 'APPEND_ONLY']]);
  });

  it('keeps interactions append-only', () => {
    const objects = new Map([['interactions\u0000i1', stored('interactions', 'i1', { customer_id: 'c1', notes: 'a' })]]);
    const out = mergeBatch(A, [{ seq: 1, table: 'interactions', rowId: 'i1', hlc: hlc(2000), baseSeq: 5, fields: { notes: 'b' } }], objects, scope);
    expect(out.refused.map((r) => r.code)).toEqual(['APPEND_ONLY']);
  });
});
