import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBranchCore, type BranchCore } from '../../../src/branch/core.js';
import { SyncTransportError, type SyncTarget } from '../../../src/branch/sync/target.js';
import type { PullResponse, RowState } from '../../../src/shared/sync/protocol.js';
import { formatHlc } from '../../../src/shared/sync/hlc.js';

/**
 * The initial load (src/branch/sync/initial.ts): the first large pull of an
 * empty replica is staged page by page with its cursor and becomes visible
 * all at once. Each case compares the result with a replica that applied the
 * same feed page by page (the ordinary path), which is what it must equal.
 */
const hlc = (v: number) => formatHlc({ wallMs: Date.parse('2026-11-22T03:00:00Z') + v, counter: 0, node: 'headoffice' });

function customer(n: number, version: number, fields: Record<string, unknown> = {}): RowState {
  const id = `cu-${String(n).padStart(6, '0')}`;
  return {
    table: 'customers',
    rowId: id,
    version,
    hlc: hlc(version),
    fields: {
      customer_number: `JKT01-${String(n).padStart(6, '0')}`,
      full_name: `Pelanggan ${['Sri', 'Budi', 'Wayan', 'Siti'][n % 4]} ${n}`,
      nickname: n % 3 === 0 ? `Nick${n}` : null,
      nik: n % 5 === 0 ? `31740${String(n).padStart(11, '0')}` : null,
      birth_date: '1980-01-01',
      gender: n % 2 ? 'male' : 'female',
      occupation: 'Guru',
      address_line: null,
      city: ['Jakarta', 'Bandung'][n % 2],
      province: null,
      postal_code: null,
      // Rows made by a version-1 branch lack the version-2 columns and tags' default applies to none here.
      tags: '[]',
      lifecycle_stage: 'active',
      notes: null,
      home_branch_id: 'branch-jkt',
      created_at: '2026-11-01T00:00:00Z',
      created_by: 'u',
      updated_at: '2026-11-01T00:00:00Z',
      updated_by: 'u',
      archived_at: n % 7 === 0 ? '2026-11-10T00:00:00Z' : null,
      deleted: false,
      ...(n % 2 === 0 ? { hobbies: '["catur"]', preferred_channel: 'whatsapp' } : {}),
      ...fields,
    } as RowState['fields'],
  };
}

function phone(n: number, version: number): RowState {
  return {
    table: 'contact_points',
    rowId: `cp-${String(n).padStart(6, '0')}`,
    version,
    hlc: hlc(version),
    // No whatsapp/verified/position: the columns' defaults apply, as on an ordinary insert.
    fields: {
      customer_id: `cu-${String(n).padStart(6, '0')}`,
      kind: 'phone',
      value: `+62812${String(n).padStart(7, '0')}`,
      phone_kind: 'mobile',
      label: null,
      invalid: false,
      is_primary: true,
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
      deleted: false,
    },
  };
}

/** The head office's feed: 60 customers with phones, one customer changed again later (a newer version in a later page). */
function feed(): RowState[] {
  const rows: RowState[] = [];
  let v = 100;
  for (let n = 1; n <= 60; n++) {
    // Some contacts arrive before their customer: references are checked at commit.
    if (n % 4 === 0) rows.push(phone(n, v++), customer(n, v++));
    else rows.push(customer(n, v++), phone(n, v++));
  }
  rows.push(customer(3, v++, { full_name: 'Dewi Lestari', occupation: 'Dokter' }));
  return rows;
}

/** A head office serving `rows` in pages of `pageSize`; `failAt` pages in, the pull fails once. */
class FeedTarget implements SyncTarget {
  failAt: number | null = null;
  pulls = 0;
  /** Tell each page's cursor ahead of the page (as the HTTP target does from the headers): right, or off by one. */
  early: 'right' | 'wrong' | null = null;
  /** The cursors pulled from, in order. */
  asked: (string | null)[] = [];
  constructor(
    public rows: RowState[],
    private readonly pageSize = 25,
  ) {}
  async enrol() {
    return { branchId: 'branch-jkt', branchCode: 'JKT01', branchName: 'Cabang Jakarta', timeZone: 'WIB' as const, credential: 'c.s' };
  }
  async hello() {
    return { protocol: 1, serverTime: new Date().toISOString(), minSchemaVersion: 1, maxSchemaVersion: 4, branchId: 'branch-jkt', clockSkewMs: 0 };
  }
  async push(): Promise<never> {
    throw new Error('nothing to push in these tests');
  }
  async pull(request: { cursor: string | null; limit: number }, onNext?: (next: { cursor: string; hasMore: boolean }) => void): Promise<PullResponse> {
    this.pulls += 1;
    this.asked.push(request.cursor);
    if (this.failAt !== null && this.pulls === this.failAt) {
      this.failAt = null;
      throw new SyncTransportError('UNAVAILABLE', true, 'connection dropped');
    }
    const from = request.cursor === null ? 0 : Number(request.cursor);
    const page = this.rows.slice(from, from + Math.min(request.limit, this.pageSize));
    const answer = { rows: page, cursor: String(from + page.length), hasMore: from + page.length < this.rows.length };
    if (this.early && onNext) {
      onNext({ cursor: this.early === 'right' ? answer.cursor : String(from + page.length - 1), hasMore: answer.hasMore });
      await new Promise((resolve) => setTimeout(resolve, 5)); // the page comes after its headers
    }
    return answer;
  }
  async fetchCustomer(request: { key: string }) {
    const latest = new Map<string, RowState>();
    for (const r of this.rows) if (r.rowId === request.key || r.fields.customer_id === request.key) latest.set(`${r.table}/${r.rowId}`, r);
    return { rows: [...latest.values()] };
  }
  async checksum(): Promise<never> {
    throw new Error('not used');
  }
  async conflicts() {
    return [];
  }
  async resolveConflicts() {
    return { resolved: 0 };
  }
}

async function branch(target: FeedTarget): Promise<BranchCore> {
  const core = openBranchCore({ dataDir: ':memory:', log: () => {}, makeSyncTarget: () => target });
  const init = await core.call(null, 'setup.initialise', {
    branchName: 'Cabang Jakarta',
    branchCode: 'JKT01',
    timeZone: 'WIB',
    manager: { username: 'manajer', displayName: 'Manajer', password: 'rahasia-uji' },
  });
  expect(init.ok).toBe(true);
  await core.services.sync.enrol('http://head-office.test', 'token');
  return core;
}

/** What a replica shows: every synced row (seq aside, it numbers rows locally), base versions, search and the schema objects. */
function snapshot(core: BranchCore) {
  const sqlite = core.services.db.sqlite;
  const rows = (table: string) => (sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Record<string, unknown>[]).map(({ seq: _seq, ...r }) => r);
  const search = (query: string) => core.services.customers.search({ query, limit: 50, includeArchived: true }).rows.map((r) => r.id).sort();
  return {
    customers: rows('customers'),
    contacts: rows('contact_points'),
    bases: sqlite.prepare('SELECT table_name, row_id, base_seq FROM sync_rows ORDER BY table_name, row_id').all(),
    search: ['pelanggan', 'sri', 'dewi', '0812-0000-017', 'jkt01-000042', 'nick9'].map(search),
    searchDocs: sqlite.prepare('SELECT count(*) FROM customer_search').pluck().get(),
    schema: sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger', 'table') ORDER BY name").all(),
  };
}

describe('initial load of an empty branch', () => {
  let reference: BranchCore;
  let expected: ReturnType<typeof snapshot>;
  const open: BranchCore[] = [];

  beforeEach(async () => {
    reference = await branch(new FeedTarget(feed()));
    reference.services.sync.initialLoadMinRows = Number.POSITIVE_INFINITY; // page by page, the ordinary path
    await reference.services.sync.syncNow();
    expected = snapshot(reference);
    open.push(reference);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });

  it('stages the pages and shows every row at once, equal to a replica that applied them page by page', async () => {
    expect(expected.customers).toHaveLength(60);
    expect(expected.contacts[0]).toMatchObject({ whatsapp: 0, verified: 0, position: 0 }); // defaults applied
    const target = new FeedTarget(feed());
    const core = await branch(target);
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    const seen: number[] = [];
    // While pages are staged, nothing of them is visible and the status says an initial sync is under way.
    const stage = (core.services.sync as unknown as { initial: { stage(rows: RowState[]): void } }).initial;
    const original = stage.stage.bind(stage);
    stage.stage = (rows) => {
      seen.push(core.services.customers.count());
      original(rows);
    };
    const report = await core.services.sync.syncNow();
    expect(report.pulled).toBe(121);
    expect(seen).toEqual([0, 0, 0, 0, 0]);
    expect(snapshot(core)).toEqual(expected);
    expect(core.services.sync.status()).toMatchObject({ initialSyncStaged: null, cursor: '121' });
    const sqlite = core.services.db.sqlite;
    expect(sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'sync_initial_stage%'").pluck().get()).toBe(0);
    // The guards are back: a write outside the sync writer is still refused.
    expect(() => sqlite.prepare("UPDATE customers SET occupation = 'x' WHERE id = 'cu-000001'").run()).toThrow(/outside the sync writer/);
    expect(() =>
      sqlite
        .prepare("INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, created_by, updated_at, updated_by) VALUES ('x', 'X', 'X', 'x', 'b', 'n', 'u', 'n', 'u')")
        .run(),
    ).toThrow(/outside the sync writer/);
    // Later pages apply as usual.
    target.rows.push(customer(61, 1000));
    await core.services.sync.syncNow();
    expect(sqlite.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(61);
  });

  it('asks for the next page from the cursor told ahead of a page; a cursor told wrong is overruled by the page', async () => {
    for (const early of ['right', 'wrong'] as const) {
      const target = new FeedTarget(feed());
      target.early = early;
      const core = await branch(target);
      open.push(core);
      core.services.sync.initialLoadMinRows = 10;
      await core.services.sync.syncNow();
      expect(snapshot(core)).toEqual(expected);
      expect(core.services.sync.status()).toMatchObject({ initialSyncStaged: null, cursor: '121' });
      // Every page once, in order (a wrong early cursor also asks for the off-by-one page, never applied).
      const pages = ['25', '50', '75', '100'];
      expect(target.asked.filter((c) => c === null || pages.includes(c))).toEqual([null, ...pages]);
      if (early === 'right') expect(target.asked).toEqual([null, ...pages]);
      else expect(target.asked).toContain('49');
    }
  });

  it('resumes after a dropped connection from the last staged page, still showing nothing until it completes', async () => {
    const target = new FeedTarget(feed());
    const core = await branch(target);
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    target.failAt = 3;
    await expect(core.services.sync.syncNow()).rejects.toThrow(/connection dropped/);
    expect(core.services.customers.count()).toBe(0);
    expect(core.services.sync.status()).toMatchObject({ initialSyncStaged: 50, cursor: '50' });
    await core.services.sync.syncNow();
    expect(snapshot(core)).toEqual(expected);
    expect(core.services.sync.status().initialSyncStaged).toBeNull();
  });

  it('merges through the ordinary apply when rows reached the replica meanwhile (a customer fetched on demand)', async () => {
    const target = new FeedTarget(feed());
    const core = await branch(target);
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    target.failAt = 3;
    await expect(core.services.sync.syncNow()).rejects.toThrow(/connection dropped/);
    // Customer 3 was staged at its first version; the fetch brings its newest one live now.
    await core.services.sync.fetchCustomer('cu-000003');
    expect(core.services.customers.count()).toBe(1);
    await core.services.sync.syncNow();
    expect(snapshot(core)).toEqual(expected);
    expect(core.services.sync.status().initialSyncStaged).toBeNull();
  });

  it('loads transactions with the report rollups equal to a replica that applied them page by page, the per-month tails built once', async () => {
    // Purchases of the first 20 customers over several months (a refund among them), after the customers.
    const purchases: RowState[] = [];
    let v = 500;
    for (let n = 1; n <= 20; n++) {
      for (let k = 0; k < 1 + (n % 4); k++) {
        const month = String(1 + ((n + k * 3) % 11)).padStart(2, '0');
        purchases.push({
          table: 'transactions',
          rowId: `tx-${n}-${k}`,
          version: v,
          hlc: hlc(v++),
          fields: {
            customer_id: `cu-${String(n).padStart(6, '0')}`,
            branch_id: 'branch-jkt',
            occurred_at: `2026-${month}-1${k}T04:00:00.000Z`,
            kind: n === 5 && k === 1 ? 'refund' : 'sale',
            amount: 150_000 * (k + 1) + n * 1000,
            cost: 100_000,
            discount: 0,
            item_count: 1,
            created_at: `2026-${month}-1${k}T04:00:00.000Z`,
            voided_at: null,
          } as RowState['fields'],
        });
      }
    }
    const rollups = (core: BranchCore) => {
      const sqlite = core.services.db.sqlite;
      const all = (q: string) => sqlite.prepare(q).all();
      return {
        months: all('SELECT * FROM report_customer_months ORDER BY customer_id, month'),
        tails: all('SELECT * FROM report_customer_tails ORDER BY month, customer_id'),
        facts: all('SELECT * FROM report_customer_facts ORDER BY customer_id'),
        contactFlags: all('SELECT * FROM report_contact_flags ORDER BY customer_id'),
      };
    };
    const pageByPage = await branch(new FeedTarget([...feed(), ...purchases]));
    open.push(pageByPage);
    pageByPage.services.sync.initialLoadMinRows = Number.POSITIVE_INFINITY;
    await pageByPage.services.sync.syncNow();
    const want = rollups(pageByPage);
    expect(want.tails.length).toBeGreaterThan(20);
    expect(want.contactFlags.length).toBeGreaterThan(0);

    const core = await branch(new FeedTarget([...feed(), ...purchases]));
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    const sqlite = core.services.db.sqlite;
    // The tails stay paused during the copy: a row of them written per transaction would be the cost this avoids.
    let pausedDuringCopy: number | null = null;
    let flagsPausedDuringCopy: number | null = null;
    const hooks = (core.services.sync as unknown as { initial: { applier: { hooks: { afterInitialLoad(t: ReadonlySet<string>): void } } } }).initial.applier.hooks;
    const after = hooks.afterInitialLoad.bind(hooks);
    hooks.afterInitialLoad = (tables) => {
      pausedDuringCopy = sqlite.prepare('SELECT count(*) FROM report_tails_paused').pluck().get() as number;
      flagsPausedDuringCopy = sqlite.prepare('SELECT count(*) FROM report_contact_flags_paused').pluck().get() as number;
      after(tables);
    };
    const report = await core.services.sync.syncNow();
    expect(report.pulled).toBe(121 + purchases.length);
    expect(pausedDuringCopy).toBe(1);
    expect(flagsPausedDuringCopy).toBe(1);
    expect(rollups(core)).toEqual(want);
    expect(sqlite.prepare('SELECT count(*) FROM report_tails_paused').pluck().get()).toBe(0);
    expect(sqlite.prepare('SELECT count(*) FROM report_contact_flags_paused').pluck().get()).toBe(0);
    // And they are kept again afterwards: a later purchase moves them as on the page-by-page replica.
    expect(sqlite.prepare('SELECT * FROM report_customer_tails ORDER BY month, customer_id').all()).toEqual(sqlite.prepare('SELECT * FROM report_customer_tails_source ORDER BY month, customer_id').all());
  });

  it('applies a small first pull directly', async () => {
    const target = new FeedTarget(feed().slice(0, 8));
    const core = await branch(target);
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    await core.services.sync.syncNow();
    expect(core.services.customers.count()).toBe(4);
    expect(core.services.sync.status().initialSyncStaged).toBeNull();
  });

  it('refuses a page with an invalid clock whole and stages nothing of it', async () => {
    const rows = feed();
    rows[30] = { ...rows[30], hlc: 'yesterday' };
    const core = await branch(new FeedTarget(rows));
    open.push(core);
    core.services.sync.initialLoadMinRows = 10;
    await expect(core.services.sync.syncNow()).rejects.toThrow(/invalid clock/);
    expect(core.services.sync.status()).toMatchObject({ initialSyncStaged: 25, cursor: '25' });
    expect(core.services.customers.count()).toBe(0);
  });
});
