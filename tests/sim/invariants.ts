import { randomBytes } from 'node:crypto';
import { formatHlc } from '../../src/shared/sync/hlc.js';
import { SYNCED_TABLES, SYNC_SCHEMA_VERSION, syncedTable } from '../../src/shared/sync/tables.js';
import { TRACKED, type FieldEdit, type Ledger, type Value } from './ledger.js';
import type { BranchSlot, World } from './world.js';

/**
 * The checks after quiescence (ARCHITECTURE.md, sync invariants), each
 * against the head office's PostgreSQL read directly and every replica's
 * SQLite read through its process:
 *
 *  1. exactly once: every committed transaction and customer is at the head
 *     office once, with the id the branch gave it; nothing else is;
 *  2. every replica equals the head office: per-table checksums through the
 *     real API, and a row-by-row comparison of the replica with the head
 *     office's rows in the branch's scope;
 *  3. no lost edit: a field edited by one branch only ends with that
 *     branch's last committed value;
 *  4. concurrent edits of one field: the final value is some editor's last
 *     value, and every other editor's last value is in the conflict log
 *     (winner or loser) unless a later edit was made over it (sequential);
 *  5. scope: a replica holds exactly the customers in its head-office scope,
 *     which is its own plus those it fetched; crafted pushes outside the
 *     scope with the branch's own credential are quarantined and change
 *     nothing; a crafted pull and conflict list show nothing outside it;
 *  6. every outbox is empty and no legitimate change was refused.
 */

export interface CheckReport {
  violations: string[];
  stats: Record<string, number>;
}

interface HoObject {
  table_name: string;
  row_id: string;
  data: Record<string, Value>;
  version: string;
  customer_id: string | null;
}

interface HoConflict {
  id: string;
  customer_id: string | null;
  detected_seq: string;
  table_name: string;
  row_id: string;
  field: string;
  winner_value: Value;
  loser_value: Value;
  winner_hlc: string;
  loser_hlc: string;
}

interface Dump {
  nodeId: string;
  branchId: string;
  customers: Record<string, Value>[];
  contactPoints: Record<string, Value>[];
  transactions: Record<string, Value>[];
  tables: Record<string, Record<string, Value>[]>;
  outbox: { seq: number; table_name: string; row_id: string; fields: string }[];
  rejections: Record<string, unknown>[];
  conflicts: { id: string; table_name: string; row_id: string; field: string; customer_id: string | null }[];
}

const MAX_REPORTED = 8;

export async function checkInvariants(world: World, ledger: Ledger, log: (line: string) => void): Promise<CheckReport> {
  const violations: string[] = [];
  const stats: Record<string, number> = {};
  const fail = (invariant: string, message: string) => {
    if (violations.filter((v) => v.startsWith(`[${invariant}]`)).length < MAX_REPORTED) violations.push(`[${invariant}] ${message}`);
    else stats[`suppressed:${invariant}`] = (stats[`suppressed:${invariant}`] ?? 0) + 1;
  };

  const ho = await readHeadOffice(world);
  const dumps: Dump[] = [];
  for (const slot of world.branches) dumps.push(await slot.proc!.call<Dump>('dump'));
  stats['ho:objects'] = ho.objects.length;
  stats['ho:conflicts'] = ho.conflicts.length;
  stats['ho:customers'] = ho.objects.filter((o) => o.table_name === 'customers').length;
  stats['ho:transactions'] = ho.objects.filter((o) => o.table_name === 'transactions').length;

  const hoRow = new Map(ho.objects.map((o) => [`${o.table_name}/${o.row_id}`, o]));
  const conflictsOf = new Map<string, HoConflict[]>();
  for (const c of ho.conflicts) {
    const k = `${c.table_name}/${c.row_id}/${c.field}`;
    if (!conflictsOf.has(k)) conflictsOf.set(k, []);
    conflictsOf.get(k)!.push(c);
  }

  // Settle edits whose answer died with the branch: a trace of the (unique) value anywhere means it committed.
  const tracesOf = (e: FieldEdit): boolean => {
    const final = hoRow.get(`customers/${e.customerId}`)?.data[e.column];
    if (final === e.value) return true;
    if ((conflictsOf.get(`customers/${e.customerId}/${e.column}`) ?? []).some((c) => c.winner_value === e.value || c.loser_value === e.value)) return true;
    if (ledger.edits.some((x) => x.before === e.value)) return true;
    return dumps.some((d) => d.customers.some((c) => c.id === e.customerId && c[e.column] === e.value));
  };
  for (const e of ledger.edits) {
    if (e.status !== 'unknown') continue;
    e.status = tracesOf(e) ? 'committed' : 'not-committed';
    stats[`settled:edit-${e.status}`] = (stats[`settled:edit-${e.status}`] ?? 0) + 1;
  }

  // 1. Exactly once.
  const hoTx = ho.objects.filter((o) => o.table_name === 'transactions');
  const txByAmount = new Map<number, HoObject[]>();
  for (const o of hoTx) {
    const a = Number(o.data.amount);
    if (!txByAmount.has(a)) txByAmount.set(a, []);
    txByAmount.get(a)!.push(o);
  }
  const ledgerAmounts = new Set<number>();
  for (const t of ledger.transactions) {
    ledgerAmounts.add(t.amount);
    const rows = txByAmount.get(t.amount) ?? [];
    if (t.status === 'committed') {
      if (rows.length === 0) fail('1 exactly-once', `transaction ${t.amount} committed at ${code(world, t.branch)} never reached the head office`);
      else if (rows.length > 1) fail('1 exactly-once', `transaction ${t.amount} of ${code(world, t.branch)} is at the head office ${rows.length} times: ${rows.map((r) => r.row_id).join(', ')}`);
      else if (t.id && rows[0].row_id !== t.id) fail('1 exactly-once', `transaction ${t.amount}: head office id ${rows[0].row_id}, branch id ${t.id}`);
      else if (rows[0].data.branch_id !== world.branches[t.branch].branchId) fail('1 exactly-once', `transaction ${t.amount} belongs to ${rows[0].data.branch_id} at the head office`);
    } else if (rows.length > 0) {
      fail('1 exactly-once', `transaction ${t.amount} of ${code(world, t.branch)} did not commit (status ${t.status}) but the head office has it`);
    }
  }
  for (const [amount, rows] of txByAmount) if (!ledgerAmounts.has(amount)) fail('1 exactly-once', `the head office has transaction(s) ${rows.map((r) => r.row_id).join(', ')} no branch made`);
  const hoCustomers = ho.objects.filter((o) => o.table_name === 'customers');
  const committedCustomers = [...ledger.customers.values()].filter((c) => c.status === 'committed');
  for (const c of committedCustomers) if (!hoRow.has(`customers/${c.id}`)) fail('1 exactly-once', `customer ${c.customerNumber} (${c.id}) created at ${code(world, c.home)} never reached the head office`);
  for (const o of hoCustomers) if (!ledger.customers.has(o.row_id)) fail('1 exactly-once', `the head office has customer ${o.row_id} no branch created`);
  const numbers = new Map<string, number>();
  for (const o of hoCustomers) numbers.set(String(o.data.customer_number), (numbers.get(String(o.data.customer_number)) ?? 0) + 1);
  for (const [n, k] of numbers) if (k > 1) fail('1 exactly-once', `customer number ${n} is used ${k} times`);
  for (const [b, d] of dumps.entries()) {
    const own = d.transactions.filter((t) => t.branch_id === world.branches[b].branchId).map((t) => Number(t.amount));
    const committed = new Set(ledger.transactions.filter((t) => t.branch === b && t.status === 'committed').map((t) => t.amount));
    if (own.length !== new Set(own).size) fail('1 exactly-once', `${code(world, b)} holds one of its transactions twice`);
    for (const a of own) if (!committed.has(a)) fail('1 exactly-once', `${code(world, b)} holds transaction ${a} it never committed`);
    for (const a of committed) if (!own.includes(a)) fail('1 exactly-once', `${code(world, b)} lost its own transaction ${a}`);
  }
  // A change processed twice would log its conflict twice (a replayed batch must change nothing).
  const pairs = new Map<string, number>();
  for (const x of ho.conflicts) {
    const k = `${x.table_name}/${x.row_id}/${x.field}/${x.winner_hlc}/${x.loser_hlc}`;
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  for (const [k, n] of pairs) if (n > 1) fail('1 exactly-once', `conflict ${k} is logged ${n} times: a change was merged more than once`);
  stats['committed:transactions'] = ledger.transactions.filter((t) => t.status === 'committed').length;
  stats['committed:customers'] = committedCustomers.length;

  // 2. Every replica equals the head office.
  const scopeOf = (branchId: string) => new Set(ho.scope.filter((s) => s.branch_id === branchId).map((s) => s.customer_id));
  for (const [b, slot] of world.branches.entries()) {
    const sums = await slot.proc!.call<{ local: Record<string, unknown>; remote: Record<string, unknown> }>('checksums');
    for (const t of SYNCED_TABLES) {
      if (JSON.stringify(sums.local[t.name]) !== JSON.stringify(sums.remote[t.name])) {
        fail('2 replica = head office', `${slot.code} ${t.name}: checksum ${JSON.stringify(sums.local[t.name])} here, ${JSON.stringify(sums.remote[t.name])} at the head office`);
      }
    }
    for (const diff of compareReplica(dumps[b], ho.objects, scopeOf(slot.branchId))) fail('2 replica = head office', `${slot.code}: ${diff}`);
  }

  // 3 and 4. Field by field, against what the branches committed.
  const edits = ledger.committedEdits();
  const byField = new Map<string, FieldEdit[]>();
  for (const e of edits) {
    const k = `${e.customerId}/${e.column}`;
    if (!byField.has(k)) byField.set(k, []);
    byField.get(k)!.push(e);
  }
  let single = 0;
  let concurrent = 0;
  for (const c of committedCustomers) {
    const row = hoRow.get(`customers/${c.id}`);
    if (!row) continue;
    for (const column of TRACKED) {
      const final = row.data[column] ?? null;
      const list = (byField.get(`${c.id}/${column}`) ?? []).sort((a, b) => a.order - b.order);
      if (list.length === 0) {
        if (final !== c.initial[column]) fail('3 no lost edit', `${c.customerNumber}.${column} is ${q(final)} but nobody edited it after it was created as ${q(c.initial[column])}`);
        continue;
      }
      const lastOf = new Map<number, string>();
      for (const e of list) lastOf.set(e.branch, e.value);
      if (lastOf.size === 1) {
        single += 1;
        const [[b, v]] = [...lastOf];
        if (final !== v) fail('3 no lost edit', `${c.customerNumber}.${column}: only ${code(world, b)} edited it, last to ${q(v)}, but the head office has ${q(final)}`);
        continue;
      }
      concurrent += 1;
      const candidates = [...lastOf.values()];
      if (!candidates.includes(final as string)) {
        fail('4 conflicts', `${c.customerNumber}.${column} ends as ${q(final)}, which is no editor's last value (${[...lastOf].map(([b, v]) => `${code(world, b)}: ${q(v)}`).join(', ')})`);
      }
      const logged = conflictsOf.get(`customers/${c.id}/${column}`) ?? [];
      for (const [b, v] of lastOf) {
        if (v === final) continue;
        const inLog = logged.some((x) => x.winner_value === v || x.loser_value === v);
        const overwrittenKnowingly = ledger.edits.some((x) => x.before === v && x.status === 'committed');
        if (!inLog && !overwrittenKnowingly) {
          fail('4 conflicts', `${c.customerNumber}.${column}: ${code(world, b)}'s last value ${q(v)} lost to ${q(final)} and is not in the conflict log`);
        } else if (!overwrittenKnowingly && !logged.some((x) => x.loser_value === v)) {
          // In the log only as the winner of an earlier conflict, then overwritten by an edit whose
          // base had moved past it while the editor kept its own pending value (see the report).
          stats['fields:lost-logged-only-as-winner'] = (stats['fields:lost-logged-only-as-winner'] ?? 0) + 1;
        }
      }
    }
  }
  stats['fields:single-editor'] = single;
  stats['fields:concurrent'] = concurrent;
  const known = new Set<Value>([...ledger.edits.map((e) => e.value), ...[...ledger.customers.values()].flatMap((c) => Object.values(c.initial))]);
  for (const x of ho.conflicts) {
    if (x.table_name !== 'customers' || !(TRACKED as string[]).includes(x.field)) continue;
    if (!known.has(x.winner_value) || !known.has(x.loser_value)) fail('4 conflicts', `conflict on ${x.row_id}.${x.field} names a value no branch wrote: ${q(x.winner_value)} / ${q(x.loser_value)}`);
    if (x.winner_value === x.loser_value) fail('4 conflicts', `conflict on ${x.row_id}.${x.field} between equal values ${q(x.winner_value)}`);
  }

  // 5. Scope.
  for (const [b, slot] of world.branches.entries()) {
    const hoScope = scopeOf(slot.branchId);
    const certain = ledger.certainScope(b);
    const possible = ledger.possibleScope(b);
    for (const id of certain) if (!hoScope.has(id)) fail('5 scope', `${slot.code} created or fetched ${id} but it is not in its scope at the head office`);
    for (const id of hoScope) {
      if (possible.has(id)) continue;
      const c = ledger.customers.get(id);
      const tries = ledger.fetches.filter((f) => f.branch === b && f.customerId === id).map((f) => f.status);
      fail('5 scope', `${slot.code} has ${c ? `${c.customerNumber} (home ${code(world, c.home)})` : id} in scope though it neither created nor fetched it (its fetches of it: ${tries.join(', ') || 'none'})`);
    }
    const local = new Set(dumps[b].customers.map((c) => c.id as string));
    for (const id of local) if (!hoScope.has(id)) fail('5 scope', `${slot.code} holds customer ${id}, outside its scope`);
    for (const id of hoScope) if (!local.has(id)) fail('5 scope', `${slot.code} lacks customer ${id} of its scope`);
    for (const t of SYNCED_TABLES) {
      if (t.scope.kind !== 'customer' || t.scope.customerColumn === 'id') continue;
      const column = t.scope.customerColumn;
      for (const r of dumps[b].tables[t.name] ?? []) {
        if (!local.has(r[column] as string)) fail('5 scope', `${slot.code} holds ${t.name} ${r.id} of customer ${r[column]}, outside its scope`);
      }
    }
    for (const x of dumps[b].conflicts) if (x.customer_id && !hoScope.has(x.customer_id)) fail('5 scope', `${slot.code} was sent conflict ${x.id} about customer ${x.customer_id}, outside its scope`);
    // Its copy of the conflict log holds every conflict about its own customers (in its scope from the start).
    const localConflicts = new Set(dumps[b].conflicts.map((x) => x.id));
    for (const x of ho.conflicts) {
      const owner = ledger.customers.get(x.customer_id ?? '')?.home;
      if (owner === b && !localConflicts.has(x.id)) fail('4 conflicts', `${slot.code} never received conflict ${x.id} (${x.table_name}.${x.field} of its own customer ${x.customer_id}, detected at ${x.detected_seq})`);
    }
    stats[`scope:${slot.code}`] = hoScope.size;
  }
  // Crafted intrusions of earlier schedules (nodes "intruder...") are the only refusals allowed.
  const refused = ho.quarantine.filter((x) => !x.node_id.startsWith('intruder'));
  if (refused.length > 0) {
    fail('6 outbox drained', `the head office quarantined legitimate changes: ${refused.slice(0, 3).map((x) => `${x.code} ${x.table_name} ${x.row_id}: ${x.reason}`).join('; ')}`);
  }
  for (const slot of world.branches) {
    for (const v of await intrude(world, slot, ho, scopeOf(slot.branchId))) fail('5 scope', `${slot.code}: ${v}`);
  }
  stats['intrusions'] = world.branches.length;

  // 6. Outboxes drained; nothing legitimate refused.
  for (const [b, d] of dumps.entries()) {
    if (d.outbox.length > 0) fail('6 outbox drained', `${code(world, b)} still has ${d.outbox.length} change(s) in its outbox after quiescence (first seq ${d.outbox[0].seq})`);
    if (d.rejections.length > 0) fail('6 outbox drained', `${code(world, b)} had ${d.rejections.length} legitimate change(s) refused: ${JSON.stringify(d.rejections[0])}`);
  }

  log(`checks: ${violations.length} violation(s); ${single} single-editor and ${concurrent} concurrently edited fields, ${ho.conflicts.length} conflicts`);
  return { violations, stats };
}

function code(world: World, b: number): string {
  return world.branches[b]?.code ?? `#${b}`;
}

function q(v: unknown): string {
  return JSON.stringify(v);
}

async function readHeadOffice(world: World) {
  const pool = world.pool;
  const objects = (await pool.query<HoObject>('SELECT table_name, row_id, data, version::text AS version, customer_id FROM sync_objects ORDER BY table_name, row_id')).rows;
  const conflicts = (await pool.query<HoConflict>('SELECT id, customer_id, detected_seq::text AS detected_seq, table_name, row_id, field, winner_value, loser_value, winner_hlc, loser_hlc FROM sync_conflicts')).rows;
  const scope = (await pool.query<{ customer_id: string; branch_id: string }>('SELECT customer_id, branch_id FROM sync_customer_scope')).rows;
  const quarantine = (await pool.query<{ node_id: string; code: string; table_name: string; row_id: string; reason: string }>('SELECT node_id, code, table_name, row_id, reason FROM sync_quarantine')).rows;
  return { objects, conflicts, scope, quarantine };
}

const norm = (v: unknown) => (v === true ? 1 : v === false ? 0 : v === undefined ? null : v);

/** Row-by-row differences between a replica and the head office's rows in its scope. */
function compareReplica(dump: Dump, objects: HoObject[], scope: Set<string>): string[] {
  const out: string[] = [];
  for (const t of SYNCED_TABLES) {
    const remote = new Map(objects.filter((o) => o.table_name === t.name && o.customer_id && scope.has(o.customer_id)).map((o) => [o.row_id, o.data]));
    const mine = new Map((dump.tables[t.name] ?? []).map((r) => [r.id as string, r]));
    for (const [id, data] of remote) {
      const r = mine.get(id);
      if (!r) {
        out.push(`${t.name} ${id} is at the head office but not here`);
        continue;
      }
      const differing = Object.keys(t.columns).filter((c) => JSON.stringify(norm(r[c])) !== JSON.stringify(norm(data[c])));
      if (differing.length > 0) out.push(`${t.name} ${id}: ${differing.map((c) => `${c} here ${q(r[c])}, head office ${q(data[c])}`).join('; ')}`);
    }
    for (const id of mine.keys()) if (!remote.has(id)) out.push(`${t.name} ${id} is here but not at the head office (in this scope)`);
  }
  return out.slice(0, MAX_REPORTED);
}

/** The customer whose scope a row travels in. */
function customerOfRow(r: { table: string; rowId: string; fields: Record<string, Value> }): string {
  const t = syncedTable(r.table);
  if (!t || t.scope.kind !== 'customer') return '';
  return t.scope.customerColumn === 'id' ? r.rowId : (r.fields[t.scope.customerColumn] as string);
}

interface Snapshot {
  objects: string;
  feed: string;
  scope: string;
  counter: string;
  conflicts: string;
  quarantine: number;
}

async function snapshot(world: World): Promise<Snapshot> {
  const one = async (sqlText: string) => String((await world.pool.query<{ v: unknown }>(sqlText)).rows[0]?.v ?? '');
  return {
    objects: await one(`SELECT md5(coalesce(string_agg(table_name || '/' || row_id || '/' || data::text || '/' || clocks::text || '/' || version || '/' || hlc, ',' ORDER BY table_name, row_id), '')) AS v FROM sync_objects`),
    feed: await one(`SELECT md5(coalesce(string_agg(branch_id || '/' || table_name || '/' || row_id || '/' || seq, ',' ORDER BY branch_id, table_name, row_id), '')) AS v FROM sync_feed`),
    scope: await one(`SELECT md5(coalesce(string_agg(customer_id || '/' || branch_id, ',' ORDER BY customer_id, branch_id), '')) AS v FROM sync_customer_scope`),
    counter: await one('SELECT seq::text AS v FROM sync_counter WHERE id = 1'),
    conflicts: await one(`SELECT md5(coalesce(string_agg(id || status, ',' ORDER BY id), '')) AS v FROM sync_conflicts`),
    quarantine: Number(await one('SELECT count(*)::text AS v FROM sync_quarantine')),
  };
}

async function post(url: string, path: string, credential: string, body: unknown): Promise<{ status: number; payload: any }> {
  const r = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  return { status: r.status, payload: await r.json() };
}

/**
 * Invariant 5, the writing half: with the branch's own credential, crafted
 * requests try to write outside its scope. Every change must be quarantined
 * and the head office's data must not move; a pull and a conflict list on a
 * crafted node must show nothing outside the scope.
 */
async function intrude(world: World, slot: BranchSlot, ho: Awaited<ReturnType<typeof readHeadOffice>>, scope: Set<string>): Promise<string[]> {
  const problems: string[] = [];
  const outside = ho.objects.filter((o) => o.table_name === 'customers' && !scope.has(o.row_id));
  const other = world.branches.find((s) => s.index !== slot.index)!;
  const url = world.directUrl();
  const nodeId = `intruder${randomBytes(6).toString('hex')}`;
  const hlc = formatHlc({ wallMs: 0xfffffffffff, counter: 0, node: nodeId });
  const now = new Date().toISOString();
  const changes: { seq: number; table: string; rowId: string; hlc: string; baseSeq: number; fields: Record<string, Value> }[] = [];
  const add = (table: string, rowId: string, fields: Record<string, Value>) => changes.push({ seq: changes.length + 1, table, rowId, hlc, baseSeq: 2 ** 40, fields });
  const uuid = () => `0190${randomBytes(14).toString('hex')}`.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
  if (outside.length > 0) {
    const victim = outside[0].row_id;
    add('customers', victim, { nickname: 'penyusup', notes: 'ditulis dari luar cakupan' });
    add('transactions', uuid(), { customer_id: victim, branch_id: slot.branchId, occurred_at: now, kind: 'sale', amount: 999, cost: 1, discount: 0, item_count: 1, created_at: now });
    add('contact_points', uuid(), { customer_id: victim, kind: 'phone', value: '+6281299999999', whatsapp: 0, verified: 0, invalid: 0, is_primary: 0, position: 9, created_at: now, updated_at: now, deleted: 0 });
    const mine = ho.objects.find((o) => o.table_name === 'contact_points' && o.customer_id && scope.has(o.customer_id));
    if (mine) add('contact_points', mine.row_id, { customer_id: victim });
  }
  add('customers', uuid(), {
    customer_number: `${other.code}-999999`, full_name: 'Penyusup', tags: '[]', lifecycle_stage: 'new', home_branch_id: other.branchId,
    created_at: now, created_by: 'x', updated_at: now, updated_by: 'x', deleted: 0,
  });

  const before = await snapshot(world);
  const push = await post(url, '/sync/push', slot.credential, { nodeId, schemaVersion: SYNC_SCHEMA_VERSION, changes });
  if (push.status !== 200 || !push.payload.ok) {
    problems.push(`crafted out-of-scope push answered ${push.status} ${JSON.stringify(push.payload).slice(0, 200)}`);
  } else {
    const quarantined = push.payload.value.quarantined as { seq: number; code: string }[];
    if (quarantined.length !== changes.length) problems.push(`crafted push of ${changes.length} out-of-scope changes: only ${quarantined.length} quarantined (${JSON.stringify(push.payload.value).slice(0, 300)})`);
    for (const x of quarantined) if (x.code !== 'OUT_OF_SCOPE') problems.push(`crafted change ${x.seq} refused as ${x.code}, not OUT_OF_SCOPE`);
    if (push.payload.value.applied !== 0) problems.push(`crafted push applied ${push.payload.value.applied} change(s)`);
    // The answer must not carry rows outside the scope either (a correction is a read).
    for (const r of push.payload.value.corrections as { table: string; rowId: string; fields: Record<string, Value> }[]) {
      const customer = customerOfRow(r);
      if (!scope.has(customer)) problems.push(`the answer to a crafted push disclosed ${r.table} ${r.rowId} of customer ${customer}, outside the scope`);
    }
  }
  // The same credential speaking for another branch's node is refused outright.
  const hijack = await post(url, '/sync/push', slot.credential, { nodeId: other.nodeId, schemaVersion: SYNC_SCHEMA_VERSION, changes: changes.slice(0, 1) });
  if (hijack.status !== 403) problems.push(`push as another branch's node answered ${hijack.status}, not 403`);
  const after = await snapshot(world);
  for (const k of ['objects', 'feed', 'scope', 'counter', 'conflicts'] as const) {
    if (before[k] !== after[k]) problems.push(`crafted out-of-scope requests changed head-office ${k}`);
  }
  if (after.quarantine !== before.quarantine + changes.length) problems.push(`sync_quarantine grew by ${after.quarantine - before.quarantine}, expected ${changes.length}`);

  // Reading: a pull from scratch on a fresh node and the conflict list stay inside the scope.
  const pull = await post(url, '/sync/pull', slot.credential, { nodeId, schemaVersion: SYNC_SCHEMA_VERSION, cursor: null, limit: 5000 });
  if (!pull.payload.ok) problems.push(`crafted pull failed: ${JSON.stringify(pull.payload).slice(0, 200)}`);
  else {
    for (const r of pull.payload.value.rows as { table: string; rowId: string; fields: Record<string, Value> }[]) {
      const customer = customerOfRow(r);
      if (!scope.has(customer)) problems.push(`pull returned ${r.table} ${r.rowId} of customer ${customer}, outside the scope`);
    }
  }
  const conflicts = await post(url, '/sync/conflicts', slot.credential, { afterSeq: 0 });
  if (!conflicts.payload.ok) problems.push(`conflict list failed: ${JSON.stringify(conflicts.payload).slice(0, 200)}`);
  else for (const c of conflicts.payload.value as { customerId: string }[]) if (!scope.has(c.customerId)) problems.push(`conflict list names customer ${c.customerId}, outside the scope`);
  return problems;
}
