import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBranchCore, type BranchCore } from '../../../src/branch/core.js';
import type { RowState } from '../../../src/shared/sync/protocol.js';
import { formatHlc } from '../../../src/shared/sync/hlc.js';

/**
 * Applying head-office pages at the branch (src/branch/sync/apply.ts): rows
 * the replica has never seen are inserted set by set, rows it has are
 * updated field by field, and the search index follows both, once per page.
 */
const hlc = (ms: number) => formatHlc({ wallMs: Date.parse('2026-11-22T03:00:00Z') + ms, counter: 0, node: 'headoffice' });

function customerRow(id: string, version: number, fields: Record<string, unknown> = {}): RowState {
  return {
    table: 'customers',
    rowId: id,
    version,
    hlc: hlc(version),
    fields: {
      customer_number: `JKT01-${id.slice(-6).toUpperCase()}`,
      full_name: `Pelanggan ${id}`,
      nickname: null,
      nik: null,
      birth_date: '1980-01-01',
      gender: 'female',
      occupation: 'Guru',
      address_line: null,
      city: 'Jakarta',
      province: null,
      postal_code: null,
      tags: '[]',
      lifecycle_stage: 'active',
      notes: null,
      home_branch_id: 'branch-jkt',
      created_at: '2026-11-01T00:00:00Z',
      created_by: 'u',
      updated_at: '2026-11-01T00:00:00Z',
      updated_by: 'u',
      archived_at: null,
      deleted: 0,
      ...fields,
    } as RowState['fields'],
  };
}

function phoneRow(id: string, customerId: string, version: number, value: string): RowState {
  return {
    table: 'contact_points',
    rowId: id,
    version,
    hlc: hlc(version),
    fields: {
      customer_id: customerId,
      kind: 'phone',
      value,
      phone_kind: 'mobile',
      label: null,
      whatsapp: 1,
      verified: 0,
      invalid: 0,
      is_primary: 1,
      position: 0,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
      deleted: 0,
    },
  };
}

describe('applying pull pages', () => {
  let core: BranchCore;
  const apply = (rows: RowState[]) =>
    core.services.db.sqlite.transaction(() => {
      core.services.db.sqlite.pragma('defer_foreign_keys = ON');
      return core.services.sync.applier.apply(rows);
    })();
  const search = (query: string) => core.services.customers.search({ query, limit: 20, includeArchived: false }).rows.map((r) => r.fullName);
  const base = (table: string, id: string) =>
    core.services.db.sqlite.prepare('SELECT base_seq FROM sync_rows WHERE table_name = ? AND row_id = ?').pluck().get(table, id);

  beforeEach(async () => {
    core = openBranchCore({ dataDir: ':memory:', log: () => {} });
    const init = await core.call(null, 'setup.initialise', {
      branchName: 'Cabang Jakarta',
      branchCode: 'JKT01',
      timeZone: 'WIB',
      manager: { username: 'manajer', displayName: 'Manajer', password: 'rahasia-uji' },
    });
    expect(init.ok).toBe(true);
  });
  afterEach(() => core.close());

  it('inserts new rows with their base versions and makes them searchable by name and phone, contacts before their customer included', () => {
    // The contact comes first in the page: references are checked at commit.
    apply([phoneRow('cp-000001', 'cu-000001', 11, '+6281234567001'), customerRow('cu-000001', 10, { full_name: 'Sri Wahyuni' }), customerRow('cu-000002', 12, { full_name: 'Bambang Sutrisno' })]);
    expect(core.services.customers.count()).toBe(2);
    expect(search('wahyu')).toEqual(['Sri Wahyuni']);
    expect(search('0812-3456-7001')).toEqual(['Sri Wahyuni']);
    expect(search('bambang')).toEqual(['Bambang Sutrisno']);
    expect(base('customers', 'cu-000001')).toBe(10);
    expect(base('contact_points', 'cp-000001')).toBe(11);
    // sort_name is derived locally for the list's order.
    expect(core.services.db.sqlite.prepare("SELECT sort_name FROM customers WHERE id = 'cu-000002'").pluck().get()).toBe('bambang sutrisno');
  });

  it('updates rows it has: the search document is replaced, not doubled, and the base only rises', () => {
    apply([customerRow('cu-000001', 10, { full_name: 'Sri Wahyuni' })]);
    apply([customerRow('cu-000001', 20, { full_name: 'Sri Rahayu' }), phoneRow('cp-000001', 'cu-000001', 21, '+6281234567001')]);
    expect(search('wahyu')).toEqual([]);
    expect(search('rahayu')).toEqual(['Sri Rahayu']);
    expect(search('081234567001')).toEqual(['Sri Rahayu']);
    // A phone added later to a customer the branch has reindexes that customer.
    apply([phoneRow('cp-000002', 'cu-000001', 22, '+6285711112222')]);
    expect(search('0857-1111-2222')).toEqual(['Sri Rahayu']);
    expect(core.services.db.sqlite.prepare('SELECT count(*) FROM customer_search WHERE customer_search MATCH ?').pluck().get('rahayu')).toBe(1);
    apply([customerRow('cu-000001', 15, { full_name: 'Sri Rahayu' })]); // an older version replayed
    expect(base('customers', 'cu-000001')).toBe(20);
  });

  it('keeps a field with a local change still waiting to be pushed, and takes the others', () => {
    apply([customerRow('cu-000001', 10, { full_name: 'Sri Wahyuni', occupation: 'Guru' })]);
    core.services.customers.update(core.systemActor, 'cu-000001', { occupation: 'Dosen' });
    apply([customerRow('cu-000001', 20, { full_name: 'Sri Wahyuningsih', occupation: 'Petani' })]);
    const row = core.services.db.sqlite.prepare("SELECT full_name, occupation FROM customers WHERE id = 'cu-000001'").get();
    expect(row).toEqual({ full_name: 'Sri Wahyuningsih', occupation: 'Dosen' });
  });

  it('refuses a page with an invalid clock whole: nothing of it stays', () => {
    const bad = { ...customerRow('cu-000002', 12), hlc: 'yesterday' };
    expect(() => apply([customerRow('cu-000001', 10), bad])).toThrow(/invalid clock/);
    expect(core.services.customers.count()).toBe(0);
    expect(base('customers', 'cu-000001')).toBeUndefined();
  });
});
