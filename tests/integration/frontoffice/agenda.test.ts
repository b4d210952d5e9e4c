import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { staffSession } from './support.js';

/** 09:00 WIB on Thursday 3 December 2026; tests move the clock. */
let clock = new Date('2026-12-03T02:00:00Z');
const counts = (b: TestBranch) => {
  const q = (sql: string) => b.core.services.db.sqlite.prepare(sql).pluck().get() as number;
  return {
    plans: q('SELECT count(*) FROM contact_plans'),
    open: q("SELECT count(*) FROM contact_plans WHERE status = 'open'"),
    outcomes: q('SELECT count(*) FROM agenda_outcomes'),
    interactions: q('SELECT count(*) FROM interactions'),
    outbox: q('SELECT count(*) FROM sync_outbox'),
  };
};

describe('contact plans and the agenda (T2)', () => {
  let b: TestBranch;
  let budi: { id: string };
  let sari: { id: string };
  let clerk: (method: string, input: unknown) => Promise<any>;
  let clerkId: string;
  const agenda = (input: object = {}) => b.ok('agenda.list', { reminders: false, ...input });
  /** Moves the clock forward in steps shorter than the sign-in idle limit, touching both sessions. */
  const advanceTo = async (iso: string) => {
    const target = new Date(iso).getTime();
    while (clock.getTime() < target) {
      clock = new Date(Math.min(target, clock.getTime() + 11 * 3_600_000));
      await b.ok('agenda.staff', {});
      await clerk('agenda.staff', {});
    }
    clock = new Date(iso);
  };

  beforeAll(async () => {
    b = await makeBranch({ now: () => clock });
    budi = await b.ok('customers.create', { fullName: 'Budi Santoso', phones: [{ number: '0812-3456-7890', whatsapp: true }] });
    sari = await b.ok('customers.create', { fullName: 'Sari Dewi' });
    clerk = await staffSession(b, 'front_office', 'rina');
    clerkId = (await b.ok('agenda.staff', {})).find((s: any) => s.name === 'Staf rina').id;
  });
  afterAll(() => b?.cleanup());

  it('plans a contact for a staff member and shows it on their agenda for today, not on anyone else’s', async () => {
    const plan = await b.ok('plans.add', { customerId: budi.id, staffId: clerkId, channel: 'phone', purpose: 'selling', reason: ' Tawarkan servis berkala ', dueDate: '2026-12-03', dueTime: '10:30' });
    expect(plan).toMatchObject({ staffName: 'Staf rina', status: 'open', occurrence: 0, reason: 'Tawarkan servis berkala', recurrence: null, customerName: 'Budi Santoso' });
    const mine = await clerk('agenda.list', { reminders: false });
    expect(mine.ok && mine.value.items.map((i: any) => [i.customerName, i.dueTime, i.channel, i.reason, i.phone, i.whatsapp])).toEqual([
      ['Budi Santoso', '10:30', 'phone', 'Tawarkan servis berkala', '+6281234567890', true],
    ]);
    expect((await agenda()).items).toEqual([]);
    expect((await agenda({ staffId: null })).items).toHaveLength(1);
    // The plan syncs with the customer.
    const outbox = b.core.services.db.sqlite.prepare("SELECT fields FROM sync_outbox WHERE table_name = 'contact_plans' AND row_id = ?").pluck().get(plan.id) as string;
    expect(JSON.parse(outbox)).toMatchObject({ customer_id: budi.id, staff_id: clerkId, due_date: '2026-12-03', status: 'open' });
  });

  it('lists overdue first, then by day and time, untimed after timed; the week reaches six days ahead', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    await b.ok('plans.add', { customerId: sari.id, channel: 'whatsapp', purpose: 'greeting', dueDate: '2026-12-02' });
    await advanceTo('2026-12-03T02:00:00Z');
    await b.ok('plans.add', { customerId: budi.id, channel: 'visit', purpose: 'service', dueDate: '2026-12-03' });
    await b.ok('plans.add', { customerId: sari.id, channel: 'phone', purpose: 'service', dueDate: '2026-12-03', dueTime: '08:15' });
    await b.ok('plans.add', { customerId: sari.id, channel: 'email', purpose: 'relationship', dueDate: '2026-12-09' });
    await b.ok('plans.add', { customerId: budi.id, channel: 'email', purpose: 'relationship', dueDate: '2026-12-10' });
    const today = await agenda();
    expect(today.items.map((i: any) => [i.dueDate, i.dueTime, i.overdue, i.customerName])).toEqual([
      ['2026-12-02', null, true, 'Sari Dewi'],
      ['2026-12-03', '08:15', false, 'Sari Dewi'],
      ['2026-12-03', null, false, 'Budi Santoso'],
    ]);
    const week = await agenda({ range: 'week' });
    expect(week).toMatchObject({ from: '2026-12-03', to: '2026-12-09', timeZone: 'WIB' });
    expect(week.items.map((i: any) => i.dueDate)).toEqual(['2026-12-02', '2026-12-03', '2026-12-03', '2026-12-09']);
  });

  it('captures the outcome from the agenda: a real outbound interaction, the plan done, gone from the agenda', async () => {
    const item = (await agenda()).items.find((i: any) => i.dueTime === '08:15');
    const before = counts(b);
    const done = await b.ok('agenda.complete', { key: item.key, outcome: 'sold', notes: 'Jadi ganti oli', durationMinutes: 5 });
    expect(done).toMatchObject({ action: 'done', next: null });
    const row = b.core.services.db.sqlite.prepare('SELECT customer_id, channel, direction, purpose, outcome, notes, duration_minutes, staff_name FROM interactions WHERE id = ?').get(done.interactionId);
    expect(row).toEqual({ customer_id: sari.id, channel: 'phone', direction: 'outbound', purpose: 'service', outcome: 'sold', notes: 'Jadi ganti oli', duration_minutes: 5, staff_name: 'Manajer Uji' });
    expect(counts(b)).toMatchObject({ plans: before.plans, open: before.open - 1, outcomes: before.outcomes + 1, interactions: before.interactions + 1 });
    expect((await agenda()).items.map((i: any) => i.key)).not.toContain(item.key);
    // The timeline of the customer shows the interaction.
    const profile = await b.ok('customers.profile360', { id: sari.id });
    expect(JSON.stringify(profile)).toContain('Jadi ganti oli');
    // The same item twice (a double Enter) is refused and writes nothing.
    const again = counts(b);
    const twice = await b.core.call(b.session, 'agenda.complete', { key: item.key });
    expect(twice.ok || twice.error.code).toBe('AGENDA_ITEM_GONE');
    expect(counts(b)).toEqual(again);
  });

  it('moves a recurring plan to its next occurrence when done, and keeps a monthly plan on the 31st', async () => {
    await advanceTo('2027-01-31T02:00:00Z');
    const plan = await b.ok('plans.add', { customerId: budi.id, channel: 'phone', purpose: 'relationship', dueDate: '2027-01-31', recurrence: { unit: 'month', every: 1 } });
    const key0 = `p:${plan.id}:0`;
    const done = await b.ok('agenda.complete', { key: key0 });
    expect(done.next).toEqual({ key: `p:${plan.id}:1`, dueDate: '2027-02-28' });
    await advanceTo('2027-02-28T02:00:00Z');
    expect((await agenda()).items.map((i: any) => i.key)).toContain(`p:${plan.id}:1`);
    const second = await b.ok('agenda.complete', { key: `p:${plan.id}:1`, channel: 'whatsapp' });
    expect(second.next).toEqual({ key: `p:${plan.id}:2`, dueDate: '2027-03-31' });
    expect(b.core.services.db.sqlite.prepare('SELECT channel FROM interactions WHERE id = ?').pluck().get(second.interactionId)).toBe('whatsapp');
    const closed = await b.ok('plans.forCustomer', { customerId: budi.id });
    expect(closed.find((p: any) => p.id === plan.id)).toMatchObject({ occurrence: 2, dueDate: '2027-03-31', firstDate: '2027-01-31', status: 'open' });
  });

  it('reschedules with a reason (same item, new day) and skips with a reason (recurring moves on, one-off ends)', async () => {
    await advanceTo('2027-03-01T02:00:00Z');
    const weekly = await b.ok('plans.add', { customerId: sari.id, channel: 'phone', purpose: 'service', dueDate: '2027-03-01', dueTime: '09:00', recurrence: { unit: 'week', every: 2, until: '2027-03-20' } });
    const key = `p:${weekly.id}:0`;
    const moved = await b.ok('agenda.reschedule', { key, dueDate: '2027-03-02', dueTime: '14:00', reason: 'Pelanggan minta besok siang' });
    expect(moved.next).toEqual({ key, dueDate: '2027-03-02' });
    expect((await agenda()).items.map((i: any) => i.key)).not.toContain(key);
    await advanceTo('2027-03-02T02:00:00Z');
    expect((await agenda()).items.find((i: any) => i.key === key)).toMatchObject({ dueTime: '14:00', overdue: false });
    const skipped = await b.ok('agenda.skip', { key, reason: 'Pelanggan sedang ke luar kota' });
    expect(skipped.next).toEqual({ key: `p:${weekly.id}:1`, dueDate: '2027-03-15' });
    const last = await b.ok('agenda.skip', { key: `p:${weekly.id}:1`, reason: 'Libur' });
    expect(last.next).toBeNull(); // the next one (29 March) is past the end date
    expect((await b.ok('plans.forCustomer', { customerId: sari.id, includeClosed: true })).find((p: any) => p.id === weekly.id).status).toBe('done');
    const reasons = b.core.services.db.sqlite.prepare('SELECT action, occasion, due_date, new_date, reason FROM agenda_outcomes WHERE plan_id = ? ORDER BY seq').all(weekly.id);
    expect(reasons).toEqual([
      { action: 'rescheduled', occasion: '0', due_date: '2027-03-01', new_date: '2027-03-02', reason: 'Pelanggan minta besok siang' },
      { action: 'skipped', occasion: '0', due_date: '2027-03-02', new_date: null, reason: 'Pelanggan sedang ke luar kota' },
      { action: 'skipped', occasion: '1', due_date: '2027-03-15', new_date: null, reason: 'Libur' },
    ]);
  });

  it('cancels a plan with a reason', async () => {
    const plan = await b.ok('plans.add', { customerId: budi.id, channel: 'sms', purpose: 'greeting', dueDate: '2027-03-05' });
    expect(await b.ok('plans.cancel', { planId: plan.id, reason: 'Sudah bertemu di toko' })).toMatchObject({ status: 'cancelled' });
    const again = await b.core.call(b.session, 'plans.cancel', { planId: plan.id, reason: 'lagi' });
    expect(again.ok || again.error.code).toBe('AGENDA_ITEM_GONE');
  });

  it('refuses bad input with a reason per field and writes nothing', async () => {
    await advanceTo('2027-03-02T02:00:00Z');
    const before = counts(b);
    const call = (method: string, input: object) => b.core.call(b.session, method, input);
    const fields = (r: any) => (r.ok ? 'accepted' : r.error.fields?.map((f: any) => [f.path.join('.'), f.code]) ?? r.error.code);
    expect(fields(await call('plans.add', { customerId: budi.id, channel: 'pigeon', purpose: 'greeting', dueDate: '2027-02-30', dueTime: '25:00' }))).toEqual([
      ['channel', 'invalid_value'],
      ['dueDate', 'invalid_date'],
      ['dueTime', 'invalid_time_of_day'],
    ]);
    expect(fields(await call('plans.add', { customerId: budi.id, channel: 'phone', purpose: 'greeting', dueDate: '2027-03-10', recurrence: { unit: 'week', every: 0, until: '2027-03-01' } }))).toEqual([
      ['recurrence.every', 'invalid'],
      ['recurrence.until', 'until_before_start'],
    ]);
    expect(fields(await call('plans.add', { customerId: budi.id, channel: 'phone', purpose: 'greeting', dueDate: '2027-03-10', recurrence: { unit: 'week', until: '2027-03-01' } }))).toEqual([
      ['recurrence.until', 'until_before_start'],
    ]);
    expect(fields(await call('plans.add', { customerId: 'tidak-ada', channel: 'phone', purpose: 'greeting', dueDate: '2027-03-10' }))).toEqual([['customerId', 'unknown_customer']]);
    expect(fields(await call('plans.add', { customerId: budi.id, staffId: 'nobody', channel: 'phone', purpose: 'greeting', dueDate: '2027-03-10' }))).toEqual([['staffId', 'unknown_staff']]);
    expect(fields(await call('plans.add', { customerId: budi.id, channel: 'phone', purpose: 'greeting', dueDate: '2027-03-01' }))).toEqual([['dueDate', 'past_date']]);
    expect(fields(await call('agenda.complete', { key: 'hapus semua' }))).toEqual([['key', 'invalid_agenda_key']]);
    expect(fields(await call('agenda.complete', { key: 'p:nope:0' }))).toBe('NOT_FOUND');
    const open = (await agenda({ staffId: null })).items[0];
    expect(fields(await call('agenda.skip', { key: open.key, reason: '   ' }))).toEqual([['reason', 'required']]);
    expect(fields(await call('agenda.reschedule', { key: open.key, dueDate: '2027-03-01', reason: 'x' }))).toEqual([['dueDate', 'past_date']]);
    expect(fields(await call('agenda.dismiss', { key: open.key }))).toEqual([['key', 'not_a_reminder']]);
    expect(counts(b)).toEqual(before);
    // The database itself refuses writes outside the change-capturing writer.
    expect(() => b.core.services.db.sqlite.prepare("UPDATE contact_plans SET status = 'done'").run()).toThrow(/outside the sync writer/);
  });

  it('shows planned contacts and agenda actions on the Customer 360 timeline (C5)', async () => {
    const timeline = await b.ok('customers.timeline', { customerId: sari.id, limit: 50, kinds: ['plan'] });
    const entries = timeline.entries.map((e: any) => [e.event, e.dueDate, e.newDate, e.status, e.reason]);
    // The weekly plan of the test above: made, rescheduled with its reason, skipped twice, finished.
    expect(entries).toEqual(
      expect.arrayContaining([
        ['planned', '2027-03-15', null, 'done', null],
        ['rescheduled', '2027-03-01', '2027-03-02', null, 'Pelanggan minta besok siang'],
        ['skipped', '2027-03-02', null, null, 'Pelanggan sedang ke luar kota'],
      ]),
    );
    // Newest first, like every timeline source.
    const ats = timeline.entries.map((e: any) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // The profile's first page carries them too.
    const profile = await b.ok('customers.profile360', { id: sari.id });
    expect(profile.timeline.entries.some((e: any) => e.kind === 'plan')).toBe(true);
  });

  it('an archived customer drops off the agenda', async () => {
    const c = await b.ok('customers.create', { fullName: 'Tono Arsip' });
    const plan = await b.ok('plans.add', { customerId: c.id, channel: 'phone', purpose: 'service', dueDate: '2027-03-02' });
    expect((await agenda()).items.map((i: any) => i.planId)).toContain(plan.id);
    await b.ok('customers.archive', { id: c.id });
    expect((await agenda()).items.map((i: any) => i.planId)).not.toContain(plan.id);
  });
  it('shows one page of planned contacts in agenda order and counts them all; more on request; a bad limit is refused', async () => {
    // Clock: 2 March 2027. One staff member's plans on two days; the second day holds more than fits.
    const dina = await staffSession(b, 'front_office', 'dina');
    const dinaId = (await b.ok('agenda.staff', {})).find((s: any) => s.name === 'Staf dina').id;
    const plan = async (fullName: string, dueDate: string, dueTime?: string) => {
      const c = await b.ok('customers.create', { fullName });
      await b.ok('plans.add', { customerId: c.id, staffId: dinaId, channel: 'phone', purpose: 'service', dueDate, dueTime });
    };
    await plan('Eko Prasetyo', '2027-03-20');
    await plan('Agus Salim', '2027-03-20', '09:00');
    await plan('Citra Lestari', '2027-03-21');
    await plan('Bayu Aji', '2027-03-21');
    await plan('Dewi Sartika', '2027-03-21', '10:00');
    const page = async (limit?: number) => {
      const a = await agenda({ staffId: dinaId, date: '2027-03-20', range: 'week', ...(limit ? { limit } : {}) });
      return [a.items.map((i: any) => i.customerName), a.plansTotal];
    };
    const all = ['Agus Salim', 'Eko Prasetyo', 'Dewi Sartika', 'Bayu Aji', 'Citra Lestari'];
    expect(await page()).toEqual([all, 5]);
    // A page cut inside a day still follows the agenda's order there (timed first, then by name).
    expect(await page(3)).toEqual([all.slice(0, 3), 5]);
    expect(await page(4)).toEqual([all.slice(0, 4), 5]);
    expect(await page(1)).toEqual([all.slice(0, 1), 5]);
    const own = await dina('agenda.list', { range: 'week', date: '2027-03-20', reminders: false, limit: 2 });
    expect(own.ok && [(own.value as any).items.length, (own.value as any).plansTotal]).toEqual([2, 5]);
    const fields = async (input: object) => {
      const r = await b.core.call(b.session, 'agenda.list', input);
      return r.ok ? 'accepted' : r.error.fields?.map((f: any) => [f.path.join('.'), f.code]);
    };
    expect(await fields({ limit: 0 })).toEqual([['limit', 'invalid']]);
    expect(await fields({ limit: 5000 })).toEqual([['limit', 'invalid']]);
    expect(await fields({ limit: 'semua' })).toEqual([['limit', 'invalid_type']]);
  });
});
