import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { DEFAULT_REMINDER_RULES } from '../../../src/shared/domain/agenda.js';
import { staffSession } from './support.js';

/** 10:00 WIB, Tuesday 1 December 2026. */
let clock = new Date('2026-12-01T03:00:00Z');

describe('reminders on the agenda (T3)', () => {
  let b: TestBranch;
  const reminders = async (input: object = {}) => ((await b.ok('agenda.list', { staffId: null, ...input })).items as any[]).filter((i) => i.kind === 'reminder');
  const of = async (rule: string, input: object = {}) => (await reminders(input)).filter((i) => i.source === rule).map((i) => [i.customerName, i.dueDate, i.overdue, i.occasion]);
  const customer = (fullName: string, extra: object = {}) => b.ok('customers.create', { fullName, ...extra });
  const sale = (customerId: string, occurredAt: string, amount = 250_000) =>
    b.core.services.transactions.insertMany([{ customerId, occurredAt, kind: 'sale', amount, cost: 0, discount: 0, itemCount: 1 }]);
  const rules = (patch: object) => b.ok('reminders.saveRules', { ...DEFAULT_REMINDER_RULES, ...patch });
  const only = (rule: string, extra: object = {}) => {
    const off = Object.fromEntries(['birthday', 'purchase', 'case', 'asset', 'lapsed', 'never_reached'].map((r) => [r, { ...(DEFAULT_REMINDER_RULES as any)[r], enabled: r === rule }]));
    return rules({ ...off, ...extra });
  };

  beforeAll(async () => {
    b = await makeBranch({ now: () => clock });
  });
  afterAll(() => b?.cleanup());

  it('birthdays N days ahead, belated ones for a few days, 29 February on 28 February, across New Year', async () => {
    await only('birthday', { birthday: { enabled: true, daysAhead: 3 } });
    await customer('Ani Hari Ini', { birthDate: '1990-12-01' });
    await customer('Bima Lusa', { birthDate: '1985-12-04' });
    await customer('Citra Kejauhan', { birthDate: '1985-12-05' });
    await customer('Dodi Kemarin', { birthDate: '2000-11-30' });
    await customer('Eka Kabisat', { birthDate: '1992-02-29' });
    await customer('Fajar Tahun Baru', { birthDate: '1970-01-02' });
    expect(await of('birthday')).toEqual([
      ['Dodi Kemarin', '2026-11-30', true, '2026-11-30'],
      ['Ani Hari Ini', '2026-12-01', false, '2026-12-01'],
      ['Bima Lusa', '2026-12-04', false, '2026-12-04'],
    ]);
    const ani = (await reminders()).find((i) => i.customerName === 'Ani Hari Ini');
    expect(ani).toMatchObject({ purpose: 'greeting', detail: { age: 36 }, staffId: null });
    // The week reaches further than the rule's days ahead.
    expect((await of('birthday', { range: 'week' })).map((r) => r[0])).toEqual(['Dodi Kemarin', 'Ani Hari Ini', 'Bima Lusa', 'Citra Kejauhan']);
    // 2027 is not a leap year: 29 Feb is greeted on 28 Feb; New Year is crossed.
    expect(await of('birthday', { date: '2027-02-27' })).toEqual([['Eka Kabisat', '2027-02-28', false, '2027-02-28']]);
    expect(await of('birthday', { date: '2028-02-29' })).toEqual([['Eka Kabisat', '2028-02-29', false, '2028-02-29']]);
    expect(await of('birthday', { date: '2026-12-31' })).toEqual([['Fajar Tahun Baru', '2027-01-02', false, '2027-01-02']]);
  });

  it('done logs a greeting and the birthday does not come back this year; dismissed does not either', async () => {
    const before = b.core.services.db.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get() as number;
    const ani = (await reminders()).find((i) => i.customerName === 'Ani Hari Ini');
    const done = await b.ok('agenda.complete', { key: ani.key, channel: 'whatsapp', notes: 'Selamat ulang tahun!' });
    const logged = b.core.services.db.sqlite.prepare('SELECT customer_id, channel, purpose, direction, notes FROM interactions WHERE id = ?').get(done.interactionId);
    expect(logged).toEqual({ customer_id: ani.customerId, channel: 'whatsapp', purpose: 'greeting', direction: 'outbound', notes: 'Selamat ulang tahun!' });
    expect(b.core.services.db.sqlite.prepare('SELECT count(*) FROM interactions').pluck().get()).toBe(before + 1);
    const dodi = (await reminders()).find((i) => i.customerName === 'Dodi Kemarin');
    await b.ok('agenda.dismiss', { key: dodi.key, reason: 'Sudah ditelepon keluarganya' });
    expect((await of('birthday')).map((r) => r[0])).toEqual(['Bima Lusa']);
    // Acting on it again is refused; a made-up occasion is refused too.
    const again = await b.core.call(b.session, 'agenda.dismiss', { key: ani.key });
    expect(again.ok || again.error.code).toBe('AGENDA_ITEM_GONE');
    const madeUp = await b.core.call(b.session, 'agenda.complete', { key: `r:birthday:${ani.customerId}:2026-06-01` });
    expect(madeUp.ok || madeUp.error.code).toBe('AGENDA_ITEM_GONE');
    // Next year's birthday is a new occasion.
    expect(await of('birthday', { date: '2027-11-30' })).toContainEqual(['Ani Hari Ini', '2027-12-01', false, '2027-12-01']);
  });

  it('follow-up N days after a purchase, on the branch day of the sale (a sale at 23.30 WIB is that day, not the next)', async () => {
    await only('purchase', { purchase: { enabled: true, daysAfter: 7 } });
    const g = await customer('Gita Pembeli');
    const h = await customer('Hadi Malam');
    const i = await customer('Indra Lama');
    await sale(g.id, '2026-11-24T03:00:00Z', 150_000);
    await sale(g.id, '2026-11-24T05:00:00Z', 100_000); // same day: one follow-up for both
    await sale(h.id, '2026-11-24T16:30:00Z'); // 23.30 WIB on 24 Nov
    await sale(i.id, '2026-11-10T03:00:00Z'); // follow-up was due 17 Nov: past the 7 overdue days
    const rows = (await reminders()).filter((r) => r.source === 'purchase');
    expect(rows.map((r) => [r.customerName, r.dueDate, r.occasion, r.detail.amount])).toEqual([
      ['Gita Pembeli', '2026-12-01', '2026-11-24', 250_000],
      ['Hadi Malam', '2026-12-01', '2026-11-24', 250_000],
    ]);
    expect(rows[0].purpose).toBe('service');
    // A voided sale asks for no follow-up.
    const id = b.core.services.db.sqlite.prepare('SELECT id FROM transactions WHERE customer_id = ?').pluck().get(h.id) as string;
    b.core.services.capture.transaction(() => b.core.services.transactions.void(id, clock.toISOString()));
    expect((await of('purchase')).map((r) => r[0])).toEqual(['Gita Pembeli']);
  });

  it('follow-up after a case is resolved, read from the cases table', async () => {
    await only('case', { case: { enabled: true, daysAfter: 2 } });
    const j = await customer('Joko Keluhan');
    const opened = await b.ok('cases.open', { customerId: j.id, channel: 'visit', category: 'repair', subject: 'AC bocor' });
    await b.ok('cases.transition', { id: opened.id, to: 'resolved', resolution: 'Pipa diganti' });
    // Resolved today: the follow-up is due in two days, on the week's agenda, not today's.
    expect(await of('case')).toEqual([]);
    expect(await of('case', { range: 'week' })).toEqual([['Joko Keluhan', '2026-12-03', false, opened.id]]);
    const item = (await reminders({ range: 'week' })).find((r) => r.source === 'case');
    expect(item.detail.label).toBe('AC bocor');
    await b.ok('agenda.complete', { key: item.key, outcome: 'resolved', notes: 'AC sudah normal' });
    expect(await of('case', { range: 'week' })).toEqual([]);
  });

  it('asset due dates N days ahead', async () => {
    await only('asset', { asset: { enabled: true, daysAhead: 14 } });
    const k = await customer('Kiki Mobil');
    await b.ok('assets.save', { customerId: k.id, kind: 'vehicle', label: 'Avanza B 1234 XY', dueKind: 'service', dueDate: '2026-12-10' });
    await b.ok('assets.save', { customerId: k.id, kind: 'vehicle', label: 'Motor jauh', dueKind: 'service', dueDate: '2027-01-30' });
    // The occasion is the asset and its due date: a new due date is a new reminder.
    expect(await of('asset')).toEqual([['Kiki Mobil', '2026-12-10', false, expect.stringMatching(/^[0-9a-f-]{36}:2026-12-10$/)]]);
    const item = (await reminders()).find((r) => r.source === 'asset');
    expect(item.detail.label).toContain('Avanza B 1234 XY');
    await b.ok('agenda.dismiss', { key: item.key });
    expect(await of('asset')).toEqual([]);
  });

  it('lapsed customers: no purchase for N days, most recently lapsed first; a new purchase ends it', async () => {
    await only('lapsed', { lapsed: { enabled: true, days: 180 } });
    const l = await customer('Lina Lama Sekali');
    const m = await customer('Maya Baru Lewat');
    await sale(l.id, '2025-01-10T03:00:00Z');
    await sale(m.id, '2026-06-03T03:00:00Z'); // exactly 181 days before 1 Dec: lapsed
    const n = await customer('Nina Masih Aktif');
    await sale(n.id, '2026-06-05T03:00:00Z'); // 179 days: not yet
    const rows = await of('lapsed');
    expect(rows.map((r) => r[0])).toEqual(['Maya Baru Lewat', 'Lina Lama Sekali']);
    expect(rows.find((r) => r[0] === 'Maya Baru Lewat')).toEqual(['Maya Baru Lewat', '2026-12-01', false, '2026-06-03']);
    await sale(m.id, '2026-11-30T03:00:00Z');
    expect((await of('lapsed')).map((r) => r[0])).not.toContain('Maya Baru Lewat');
  });

  it('never-reached customers: registered N days ago and never contacted; an interaction ends it', async () => {
    await only('never_reached', { never_reached: { enabled: true, daysAfterRegistration: 7 } });
    // Everyone so far was registered today: not yet.
    expect(await of('never_reached')).toEqual([]);
    const week = await of('never_reached', { date: '2026-12-08' });
    expect(week.map((r) => r[0])).toContain('Bima Lusa');
    expect(week.map((r) => r[0])).not.toContain('Ani Hari Ini'); // greeted on her birthday
    const bima = (await reminders({ date: '2026-12-08' })).find((r) => r.customerName === 'Bima Lusa');
    expect(bima).toMatchObject({ occasion: 'never', purpose: 'understanding' });
    await b.ok('interactions.log', { customerId: bima.customerId, channel: 'phone', purpose: 'understanding' });
    expect((await of('never_reached', { date: '2026-12-08' })).map((r) => r[0])).not.toContain('Bima Lusa');
  });

  it('limits each rule per agenda and still counts them all; a disabled rule shows nothing', async () => {
    await only('never_reached', { never_reached: { enabled: true, daysAfterRegistration: 7 }, limitPerRule: 2 });
    const agenda = await b.ok('agenda.list', { staffId: null, date: '2026-12-08' });
    expect(agenda.items.filter((i: any) => i.source === 'never_reached')).toHaveLength(2);
    expect(agenda.reminderTotals.never_reached).toBeGreaterThan(5);
    expect(agenda.reminderTotals.birthday).toBe(0);
  });

  it('rules are changed by the branch manager only, and bad rules are refused and change nothing', async () => {
    const clerk = await staffSession(b, 'front_office', 'rina');
    const before = await b.ok('reminders.rules', {});
    const refused = await clerk('reminders.saveRules', { ...before, birthday: { enabled: true, daysAhead: 1 } });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const bad = await b.core.call(b.session, 'reminders.saveRules', { ...before, birthday: { enabled: true, daysAhead: 400 }, lapsed: { enabled: true, days: 'lama' } });
    expect(bad.ok || bad.error.fields?.map((f: any) => [f.path.join('.'), f.code])).toEqual([
      ['birthday.daysAhead', 'invalid'],
      ['lapsed.days', 'invalid_type'],
    ]);
    expect(await b.ok('reminders.rules', {})).toEqual(before);
    // Reminders are branch work: they appear on every staff member's agenda.
    const mine: any = await clerk('agenda.list', { date: '2026-12-08' });
    expect(mine.ok && mine.value.items.some((i: any) => i.kind === 'reminder')).toBe(true);
  });
});
