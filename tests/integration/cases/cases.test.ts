import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { staffSession } from '../frontoffice/support.js';

/**
 * Cases at one branch through the dispatcher (what the UI and the CLI call):
 * routing, deadlines, assignment, the workflow with its refusals, escalation
 * recorded on the clock, satisfaction, history, sync capture, the A6 report
 * and the Customer 360 timeline.
 */
let clock = new Date('2026-12-03T02:00:00.000Z');
const HOUR = 3_600_000;
const advance = (hours: number) => (clock = new Date(clock.getTime() + hours * HOUR));
let b: TestBranch;
let customerId: string;
let siti: { id: string };
const q = (sql: string, ...args: unknown[]) => b.core.services.db.sqlite.prepare(sql).pluck().get(...args);
// As the manager, without a session: the clock runs days ahead and sessions expire.
const ok = async (method: string, input: unknown): Promise<any> => {
  const r = await b.core.dispatch(b.manager, method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value;
};
const fail = async (method: string, input: unknown) => {
  const r = await b.core.dispatch(b.manager, method, input);
  if (r.ok) throw new Error(`${method} should have been refused`);
  return r.error;
};

beforeAll(async () => {
  b = await makeBranch({ code: 'JKT01', now: () => clock });
  customerId = (await ok('customers.create', { fullName: 'Budi Santoso', phones: [{ number: '0812-1111-2222' }] })).id;
  await ok('users.create', { username: 'siti', displayName: 'Siti Aminah', password: 'kata-sandi-uji', role: 'front_office' });
  siti = (await ok('cases.staff', {})).items.find((s: { name: string }) => s.name === 'Siti Aminah');
});
afterAll(() => b?.cleanup());

describe('opening and routing', () => {
  it('routes a product defect to quality control with the priority\'s deadlines and a case number', async () => {
    const c = await ok('cases.open', { customerId, channel: 'whatsapp', category: 'product_defect', priority: 'urgent', subject: 'Kemasan bocor' });
    expect(c).toMatchObject({
      caseNumber: 'JKT01-K000001',
      department: 'quality_control',
      routedBy: 'rule',
      status: 'open',
      kind: 'complaint',
      customerName: 'Budi Santoso',
      openedAt: '2026-12-03T02:00:00.000Z',
      firstResponseDueAt: '2026-12-03T03:00:00.000Z',
      slaDueAt: '2026-12-03T10:00:00.000Z',
      headOfficeDueAt: '2026-12-04T10:00:00.000Z',
      escalationLevel: 0,
      overdue: false,
      nextDeadline: { kind: 'first_response', at: '2026-12-03T03:00:00.000Z' },
      allowedMoves: ['in_progress', 'resolved'],
    });
    expect(c.events.map((e: { kind: string; toValue: string }) => `${e.kind}:${e.toValue}`)).toEqual(['opened:open', 'routed:quality_control']);
  });

  it('sends a category without its own department to the default, and follows changed rules', async () => {
    expect((await ok('cases.open', { customerId, channel: 'phone', category: 'information', subject: 'Jam buka' })).department).toBe('service');
    const settings = await ok('cases.settings.get', {});
    await ok('cases.settings.update', { ...settings, defaultDepartment: 'marketing', categories: [...settings.categories, { code: 'spare_part', label: 'Suku cadang', department: 'sales' }] });
    expect((await ok('cases.open', { customerId, channel: 'phone', category: 'information', subject: 'Brosur' })).department).toBe('marketing');
    expect((await ok('cases.open', { customerId, channel: 'visit', category: 'spare_part', subject: 'Kampas rem' })).department).toBe('sales');
    // Staff may route by hand; the history says so.
    const manual = await ok('cases.open', { customerId, channel: 'email', category: 'delivery', subject: 'Salah alamat', department: 'sales', assigneeId: siti.id });
    expect(manual).toMatchObject({ department: 'sales', routedBy: 'manual', status: 'assigned', assigneeName: 'Siti Aminah' });
  });

  it('refuses an unknown category, customer or staff member and bad fields, writing nothing', async () => {
    const before = [q('SELECT count(*) FROM cases'), q('SELECT count(*) FROM case_events'), q('SELECT count(*) FROM sync_outbox')];
    expect((await fail('cases.open', { customerId, channel: 'phone', category: 'unknown_thing', subject: 'x' })).fields?.[0]).toMatchObject({ path: ['category'], code: 'unknown_category' });
    expect((await fail('cases.open', { customerId: 'nobody', channel: 'phone', category: 'repair', subject: 'x' })).fields?.[0].code).toBe('unknown_customer');
    expect((await fail('cases.open', { customerId, channel: 'phone', category: 'repair', subject: 'x', assigneeId: 'ghost' })).fields?.[0].code).toBe('unknown_staff');
    const bad = await fail('cases.open', { customerId, channel: 'pigeon', category: 'repair', subject: '', priority: 'asap' });
    expect(bad.code).toBe('VALIDATION_FAILED');
    expect(bad.message).toMatch(/belum benar/);
    expect(bad.fields?.map((f) => f.path.join('.')).sort()).toEqual(['channel', 'priority', 'subject']);
    expect([q('SELECT count(*) FROM cases'), q('SELECT count(*) FROM case_events'), q('SELECT count(*) FROM sync_outbox')]).toEqual(before);
  });

  it('lets only the branch manager change the rules', async () => {
    const call = await staffSession(b, 'front_office', 'dewi');
    const settings = await ok('cases.settings.get', {});
    const r = await call('cases.settings.update', settings);
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('workflow', () => {
  let id: string;
  it('goes assigned -> in progress -> waiting -> in progress -> resolved -> closed, records the first response, refuses illegal steps', async () => {
    id = (await ok('cases.open', { customerId, channel: 'phone', category: 'repair', priority: 'high', subject: 'AC mobil tidak dingin' })).id;
    advance(0.5);
    expect(await ok('cases.assign', { id, assigneeId: siti.id })).toMatchObject({ status: 'assigned', assigneeName: 'Siti Aminah', firstRespondedAt: null });
    const closing = await fail('cases.transition', { id, to: 'closed' });
    expect(closing.code).toBe('CASE_TRANSITION');
    expect(closing.message).toMatch(/tidak bisa dipindah/);
    advance(0.5);
    const working = await ok('cases.transition', { id, to: 'in_progress' });
    expect(working).toMatchObject({ status: 'in_progress', firstRespondedAt: '2026-12-03T03:00:00.000Z', nextDeadline: { kind: 'resolution' } });
    await ok('cases.transition', { id, to: 'waiting_customer', note: 'Menunggu mobil dibawa ke bengkel' });
    await ok('cases.transition', { id, to: 'in_progress' });
    // Resolving needs the resolution; nothing changes without it.
    const outbox = q('SELECT count(*) FROM sync_outbox');
    expect((await fail('cases.transition', { id, to: 'resolved' })).fields?.[0]).toMatchObject({ path: ['resolution'], code: 'required' });
    expect(q('SELECT status FROM cases WHERE id = ?', id)).toBe('in_progress');
    expect(q('SELECT count(*) FROM sync_outbox')).toBe(outbox);
    // Satisfaction only after resolution.
    expect((await fail('cases.rate', { id, satisfaction: 5 })).code).toBe('CASE_NOT_RESOLVED');
    advance(1);
    const resolved = await ok('cases.transition', { id, to: 'resolved', resolution: 'Freon diisi ulang, kebocoran ditambal' });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: '2026-12-03T04:00:00.000Z', resolution: 'Freon diisi ulang, kebocoran ditambal', nextDeadline: null, allowedMoves: ['closed', 'in_progress'] });
    expect((await fail('cases.rate', { id, satisfaction: 6 })).fields?.[0].code).toBe('invalid_satisfaction');
    expect((await ok('cases.rate', { id, satisfaction: 4, note: 'Cepat' })).satisfaction).toBe(4);
    expect((await ok('cases.transition', { id, to: 'closed' })).closedAt).toBe('2026-12-03T04:00:00.000Z');
  });

  it('reopens a closed case to in progress, clearing its resolution time and rating, and keeps every step in the history', async () => {
    const reopened = await ok('cases.transition', { id, to: 'in_progress', note: 'AC panas lagi' });
    expect(reopened).toMatchObject({ status: 'in_progress', resolvedAt: null, closedAt: null, satisfaction: null, reopenCount: 1 });
    await ok('cases.comment', { id, note: 'Pelanggan minta ditelepon sore' });
    const steps = reopened.events.map((e: { kind: string; fromValue: string | null; toValue: string | null }) => `${e.kind}:${e.fromValue ?? ''}>${e.toValue ?? ''}`);
    expect(steps).toEqual([
      'opened:>open',
      'routed:rule>service',
      'assigned:>Siti Aminah',
      'status:open>assigned',
      'status:assigned>in_progress',
      'status:in_progress>waiting_customer',
      'status:waiting_customer>in_progress',
      'status:in_progress>resolved',
      'resolution:>Freon diisi ulang, kebocoran ditambal',
      'satisfaction:>4',
      'status:resolved>closed',
      'status:closed>in_progress',
    ]);
    const detail = await ok('cases.get', { id: reopened.caseNumber.toLowerCase() });
    expect(detail.events.at(-1)).toMatchObject({ kind: 'comment', note: 'Pelanggan minta ditelepon sore', staffName: 'Manajer Uji' });
  });

  it('captures every case change and history event for sync, and the history cannot be rewritten', async () => {
    const caseChanges = q("SELECT count(*) FROM sync_outbox WHERE table_name = 'cases' AND row_id = ?", id) as number;
    expect(caseChanges).toBeGreaterThanOrEqual(8);
    expect(q("SELECT count(*) FROM sync_outbox WHERE table_name = 'case_events' AND json_extract(fields, '$.case_id') = ?", id)).toBe(13);
    const db = b.core.services.db;
    expect(() => db.asSyncWriter(() => db.sqlite.prepare("UPDATE case_events SET note = 'x'").run())).toThrow(/append-only/);
    expect(() => db.sqlite.prepare("UPDATE cases SET status = 'closed'").run()).toThrow(/outside the sync writer/);
  });
});

describe('escalation at the branch', () => {
  it('records the branch manager when a deadline passes, then the head office, once each, and lists them', async () => {
    const c = await ok('cases.open', { customerId, channel: 'visit', category: 'billing', priority: 'urgent', subject: 'Tagihan ganda' });
    advance(1.01); // past the 1-hour first response
    const late = await ok('cases.get', { id: c.id });
    expect(late).toMatchObject({ escalationLevel: 1, overdue: true });
    expect(late.escalatedAt).toBe(clock.toISOString());
    expect((await ok('cases.list', { escalation: 1 })).items.map((i: { id: string }) => i.id)).toContain(c.id);
    expect((await ok('cases.list', { escalation: 2 })).items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect((await ok('cases.escalate', {})).escalated).toBe(0);
    advance(8 + 24); // past the resolution deadline plus the head office's 24 hours
    expect((await ok('cases.escalate', {})).escalated).toBeGreaterThanOrEqual(1);
    const detail = await ok('cases.get', { id: c.id });
    expect(detail.escalationLevel).toBe(2);
    expect(detail.events.filter((e: { kind: string }) => e.kind === 'escalated').map((e: { fromValue: string; toValue: string; staffName: string }) => `${e.fromValue}>${e.toValue} ${e.staffName}`)).toEqual(['0>1 Simpul', '1>2 Simpul']);
    // Resolving stops the clock; the level reached stays on record.
    const done = await ok('cases.transition', { id: c.id, to: 'resolved', resolution: 'Tagihan kedua dibatalkan' });
    expect(done).toMatchObject({ escalationLevel: 2, overdue: false });
    expect((await ok('cases.list', { overdue: true })).items.map((i: { id: string }) => i.id)).not.toContain(c.id);
  });

  it('filters the list by status, department, assignee and overdue', async () => {
    const all = await ok('cases.list', { status: 'all' });
    expect(all.total).toBe(q('SELECT count(*) FROM cases'));
    const qc = await ok('cases.list', { status: 'all', department: 'quality_control' });
    expect(qc.items.map((i: { subject: string }) => i.subject)).toEqual(['Kemasan bocor']);
    const mine = await ok('cases.list', { assignee: siti.id });
    expect(mine.items.every((i: { assigneeName: string }) => i.assigneeName === 'Siti Aminah')).toBe(true);
    expect(mine.items.length).toBeGreaterThan(0);
    const unassigned = await ok('cases.list', { assignee: 'none' });
    expect(unassigned.items.every((i: { assigneeId: string | null }) => i.assigneeId === null)).toBe(true);
    const overdue = await ok('cases.list', { overdue: true });
    expect(overdue.items.length).toBe(overdue.overdueTotal);
    expect(overdue.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
    expect((await ok('cases.list', { status: 'closed', query: 'jkt01-k' })).items).toEqual([]);
    expect((await ok('cases.list', { status: 'all', query: 'bocor' })).items.map((i: { subject: string }) => i.subject)).toEqual(['Kemasan bocor']);
  });
});

describe('where cases show up', () => {
  it('lights up the service report (A6): by category, department and branch, with SLA breaches and time to resolve', async () => {
    const r = await ok('reports.service', { period: { from: '2026-12-01', to: '2026-12-31' } });
    const total = q('SELECT count(*) FROM cases') as number;
    expect(r.cases).toMatchObject({ recorded: true, total, resolved: 1 });
    expect(r.cases.byDepartment.find((d: { key: string }) => d.key === 'quality_control')).toEqual({ key: 'quality_control', cases: 1 });
    expect(r.cases.byCategory.find((d: { key: string }) => d.key === 'billing')).toEqual({ key: 'billing', cases: 1 });
    expect(r.cases.byBranch).toEqual([{ key: b.core.services.setup.status().branchId, cases: total }]);
    // The export names the categories as the screens do: the branch's own by the label its manager gave, a built-in by its name.
    const csv = Buffer.from((await ok('reports.export', { report: 'service', format: 'csv', period: { from: '2026-12-01', to: '2026-12-31' } })).base64, 'base64').toString('utf8');
    const lines = csv.split('\r\n');
    const count = (key: string) => r.cases.byCategory.find((d: { key: string }) => d.key === key).cases;
    expect(lines).toContain(`Suku cadang,${count('spare_part')}`);
    expect(lines).toContain(`Tagihan dan harga,${count('billing')}`);
    expect(csv).not.toContain('spare_part');
    // Counted here from the rows: resolved after the deadline, or still open past it.
    const rows = b.core.services.db.sqlite.prepare('SELECT opened_at, resolved_at, sla_due_at FROM cases').all() as { opened_at: string; resolved_at: string | null; sla_due_at: string }[];
    const breaches = rows.filter((x) => (x.resolved_at ?? clock.toISOString()) > x.sla_due_at).length;
    expect(breaches).toBeGreaterThan(1);
    expect(r.cases.slaBreaches).toBe(breaches);
    // The billing case: opened at 04:00, resolved 33.01 hours later.
    expect(r.cases.medianHoursToResolve).toBeCloseTo(33.01, 2);
  });

  it('appears on the customer\'s timeline with where it stands', async () => {
    const p = await ok('customers.profile360', { id: customerId, timelineLimit: 100 });
    const cases = p.timeline.entries.filter((e: { kind: string }) => e.kind === 'case');
    expect(cases.length).toBe(q('SELECT count(*) FROM cases'));
    expect(cases.find((e: { subject: string }) => e.subject === 'AC mobil tidak dingin')).toMatchObject({ status: 'in_progress', department: 'service', caseKind: 'complaint' });
  });
});
