import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addCatalogueItem } from '../../../src/headoffice/catalogue/service.js';
import { todayIn } from '../../../src/shared/domain/dates.js';
import { checksumsMatch, enrolledBranch, startHeadOffice, type TestHeadOffice, type TestSyncBranch } from '../../support/sync.js';

/**
 * Service appointments travel in the customer's scope (S4 over B5): the
 * service comes down from the head office's catalogue, the branch books and
 * works the job, and the whole of it (the appointment, every step of its
 * history, the quality-control reports and the asset's new due date)
 * reaches the head office and any branch that fetches the customer, which
 * sees it on the timeline but cannot change another branch's job.
 */
describe('appointments through sync to the head office (PostgreSQL)', () => {
  let ho: TestHeadOffice;
  let jkt: TestSyncBranch;
  let bdg: TestSyncBranch;
  const tomorrow = todayIn('WIB', new Date(Date.now() + 86_400_000));

  beforeAll(async () => {
    ho = await startHeadOffice('postgresql');
    jkt = await enrolledBranch(ho, 'JKT01');
    bdg = await enrolledBranch(ho, 'BDG01');
  }, 60_000);
  afterAll(async () => {
    jkt?.close();
    bdg?.close();
    await ho?.close();
  });

  it('a job booked, worked, inspected and finished at one branch arrives whole at the head office and at a branch that fetches the customer', async () => {
    await addCatalogueItem(ho.database.db, { sku: 'SRV-10K', name: 'Servis berkala 10.000 km', kind: 'service', category: 'Servis', unitPrice: 350_000, durationMinutes: 120 });
    await jkt.sync();
    const { items } = await jkt.ok('catalogue.list', { kind: 'service' });
    expect(items.map((i: any) => i.sku)).toEqual(['SRV-10K']);

    const joko = await jkt.ok('users.create', { username: 'joko', displayName: 'Joko Teknisi', password: 'kata-sandi-uji', role: 'front_office' });
    const budi = await jkt.ok('customers.create', { fullName: 'Budi Santoso', phones: [{ number: '0812-5555-0101' }] });
    const car = await jkt.ok('assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'B 1234 CD', dueKind: 'service', dueDate: '2026-01-01' });
    const booked = await jkt.ok('appointments.book', { customerId: budi.id, assetId: car.id, serviceItemId: items[0].id, technicianId: joko.id, startsAt: `${tomorrow}T09:00:00+07:00` });
    const id = booked.appointment.id;
    for (const status of ['checked_in', 'in_progress']) await jkt.ok('appointments.setStatus', { id, status });
    await jkt.ok('appointments.fileQc', { appointmentId: id, items: [{ label: 'Rem depan', passed: false, note: 'Kampas tipis' }] });
    await jkt.ok('appointments.fileQc', { appointmentId: id, items: [{ label: 'Rem depan', passed: true }] });
    await jkt.ok('appointments.setStatus', { id, status: 'ready' });
    await jkt.ok('appointments.setStatus', { id, status: 'done', assetNextDueDate: '2099-06-01' });
    await jkt.sync();
    expect(jkt.core.services.sync.status()).toMatchObject({ pending: 0, rejected: 0 });

    // At the head office: one row per table, in the customer's scope.
    const rows = (await ho.database.db.execute(
      sql`SELECT table_name, count(*)::int AS n FROM sync_objects WHERE customer_id = ${budi.id} AND table_name IN ('appointments', 'appointment_events', 'qc_reports') GROUP BY table_name ORDER BY table_name`,
    )) as unknown as { rows: { table_name: string; n: number }[] };
    expect(rows.rows).toEqual([
      { table_name: 'appointment_events', n: 5 },
      { table_name: 'appointments', n: 1 },
      { table_name: 'qc_reports', n: 2 },
    ]);

    await bdg.sync();
    await bdg.core.services.sync.fetchCustomer('+6281255550101');
    const there = await bdg.ok('appointments.get', { id });
    expect(there.appointment).toMatchObject({ status: 'done', serviceName: 'Servis berkala 10.000 km', technicianName: 'Joko Teknisi', assetLabel: 'Toyota Avanza', assetDueDate: '2099-06-01', qcResult: 'pass', ownBranch: false });
    expect(there.events.map((e: any) => e.toStatus)).toEqual(['booked', 'checked_in', 'in_progress', 'ready', 'done']);
    expect(there.qcReports.map((r: any) => r.result)).toEqual(['fail', 'pass']);
    // Another branch's job is read-only here: no status buttons, and a move is refused.
    expect([there.nextStatuses, there.canFileQc]).toEqual([[], false]);
    const refused = await bdg.core.call(bdg.session, 'appointments.setStatus', { id, status: 'cancelled', note: 'coba' });
    expect(refused.ok || refused.error.code).toBe('OTHER_BRANCH');
    // Bandung's day view is its own work: the Jakarta job is not on it.
    expect((await bdg.ok('appointments.day', { date: tomorrow })).appointments).toEqual([]);

    const p = await bdg.ok('customers.profile360', { id: budi.id, timelineLimit: 100 });
    const kinds = p.timeline.entries.map((e: any) => e.kind);
    expect(kinds.filter((k: string) => k === 'appointment')).toHaveLength(5);
    expect(kinds.filter((k: string) => k === 'qc')).toHaveLength(2);
    expect(p.assets[0].dueDate).toBe('2099-06-01');
    for (const b of [jkt, bdg]) expect((await checksumsMatch(b)).equal).toBe(true);
  });
});
