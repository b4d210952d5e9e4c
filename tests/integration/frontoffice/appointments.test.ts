import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { appointmentState, receiveCatalogueItem } from '../../support/appointments.js';

/**
 * Service appointments and quality control (S4) through the dispatcher, on
 * a real branch database, with the branch's clock under the test's control
 * (08:00 WIB on 3 December 2026).
 */
const START = Date.parse('2026-12-03T01:00:00Z');
let clock = START;
const at = (local: string) => `2026-12-03T${local}:00+07:00`;

describe('service appointments (S4)', () => {
  let b: TestBranch;
  let budi: { id: string };
  let ani: { id: string };
  let car: { id: string };
  let aniCar: { id: string };
  let servis: string;
  let joko: { id: string };
  let rudi: { id: string };
  let sari: { id: string };
  let oil: string;
  let retired: string;
  let noDuration: string;

  const call = (method: string, input: unknown) => b.core.call(b.session, method, input);
  const codes = (r: any) => (r.ok ? 'ok' : [r.error.code, ...(r.error.fields ?? []).map((f: any) => `${f.path.join('.')}:${f.code}`)]);
  const book = (input: object) => b.ok('appointments.book', { customerId: budi.id, serviceItemId: servis, technicianId: joko.id, ...input });
  const move = (id: string, status: string, extra: object = {}) => call('appointments.setStatus', { id, status, ...extra });

  beforeAll(async () => {
    b = await makeBranch({ now: () => new Date(clock) });
    servis = receiveCatalogueItem(b.core, { sku: 'SRV-10K', name: 'Servis berkala 10.000 km', kind: 'service', unitPrice: 350_000, durationMinutes: 120 });
    oil = receiveCatalogueItem(b.core, { sku: 'OLI-1', name: 'Oli mesin 1 L', kind: 'product', unitPrice: 85_000 });
    retired = receiveCatalogueItem(b.core, { sku: 'SRV-LAMA', name: 'Servis karburator', kind: 'service', unitPrice: 100_000, durationMinutes: 60, retired: true });
    noDuration = receiveCatalogueItem(b.core, { sku: 'SRV-CEK', name: 'Pemeriksaan umum', kind: 'service', unitPrice: 50_000 });
    joko = await b.ok('users.create', { username: 'joko', displayName: 'Joko Teknisi', password: 'kata-sandi-uji', role: 'front_office' });
    rudi = await b.ok('users.create', { username: 'rudi', displayName: 'Rudi Teknisi', password: 'kata-sandi-uji', role: 'front_office' });
    sari = await b.ok('users.create', { username: 'sari', displayName: 'Sari Pemeriksa', password: 'kata-sandi-uji', role: 'back_office' });
    budi = await b.ok('customers.create', { fullName: 'Budi Santoso' });
    ani = await b.ok('customers.create', { fullName: 'Ani Wijaya' });
    car = await b.ok('assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'B 1234 CD', year: 2019, dueKind: 'service', dueDate: '2026-12-01' });
    aniCar = await b.ok('assets.save', { customerId: ani.id, kind: 'vehicle', label: 'Honda Jazz', identifier: 'D 77 AB' });
  });
  afterAll(() => b?.cleanup());

  it("books a catalogue service for the customer's car: duration and price from the catalogue, the technician, a first history entry, captured for sync", async () => {
    const d = await book({ assetId: car.id, startsAt: at('09:00'), notes: 'Rem bunyi' });
    expect(d.appointment).toMatchObject({
      customerName: 'Budi Santoso', assetLabel: 'Toyota Avanza', assetIdentifier: 'B 1234 CD', serviceSku: 'SRV-10K', serviceName: 'Servis berkala 10.000 km',
      servicePrice: 350_000, durationMinutes: 120, startsAt: '2026-12-03T02:00:00.000Z', endsAt: '2026-12-03T04:00:00.000Z',
      technicianName: 'Joko Teknisi', status: 'booked', ownBranch: true, notes: 'Rem bunyi', createdByName: 'Manajer Uji',
    });
    expect(d.events).toEqual([expect.objectContaining({ kind: 'booked', fromStatus: null, toStatus: 'booked', startsAt: '2026-12-03T02:00:00.000Z', technicianName: 'Joko Teknisi' })]);
    expect(d.nextStatuses).toEqual(['checked_in', 'cancelled', 'no_show']);
    const outbox = b.core.services.db.sqlite.prepare('SELECT table_name FROM sync_outbox WHERE row_id IN (?, ?) ORDER BY table_name').pluck().all(d.appointment.id, d.events[0].id);
    expect(outbox).toEqual(['appointment_events', 'appointments']);
  });

  it('refuses to double-book a technician for an overlapping time, and changes nothing', async () => {
    const before = appointmentState(b.core);
    // 09:00-11:00 is Joko's: 10:30 overlaps, and so does 08:00 for two hours.
    expect(codes(await call('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('10:30') }))).toEqual(['TECHNICIAN_BUSY', 'startsAt:technician_busy']);
    expect(codes(await call('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('08:00') }))).toEqual(['TECHNICIAN_BUSY', 'startsAt:technician_busy']);
    expect(codes(await call('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('09:30'), durationMinutes: 15 }))).toEqual(['TECHNICIAN_BUSY', 'startsAt:technician_busy']);
    expect(appointmentState(b.core)).toEqual(before);
  });

  it('books back to back, another technician at the same time, and the slot of a cancelled appointment', async () => {
    const after = await b.ok('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('11:00') });
    expect(after.appointment.startsAt).toBe('2026-12-03T04:00:00.000Z');
    const early = await b.ok('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('07:55'), durationMinutes: 65 });
    expect(early.appointment.endsAt).toBe('2026-12-03T02:00:00.000Z');
    const rudiSame = await b.ok('appointments.book', { customerId: ani.id, assetId: aniCar.id, serviceItemId: servis, technicianId: rudi.id, startsAt: at('09:00') });
    expect(rudiSame.appointment.technicianName).toBe('Rudi Teknisi');
    // Cancelling needs a reason, and frees the time.
    expect(codes(await move(after.appointment.id, 'cancelled'))).toEqual(['VALIDATION_FAILED', 'note:reason_required']);
    await b.ok('appointments.setStatus', { id: after.appointment.id, status: 'cancelled', note: 'Pelanggan ke luar kota' });
    const again = await b.ok('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('12:00') });
    expect(again.appointment.status).toBe('booked');
  });

  it('refuses a product, a retired service, a service without a duration, an asset of another customer, an unknown technician, a past or malformed time', async () => {
    const before = appointmentState(b.core);
    const base = { customerId: budi.id, serviceItemId: servis, technicianId: rudi.id, startsAt: at('15:00') };
    expect(codes(await call('appointments.book', { ...base, serviceItemId: oil }))).toEqual(['VALIDATION_FAILED', 'serviceItemId:not_a_service']);
    expect(codes(await call('appointments.book', { ...base, serviceItemId: 'tidak-ada' }))).toEqual(['VALIDATION_FAILED', 'serviceItemId:not_a_service']);
    expect(codes(await call('appointments.book', { ...base, serviceItemId: retired }))).toEqual(['VALIDATION_FAILED', 'serviceItemId:service_retired']);
    expect(codes(await call('appointments.book', { ...base, serviceItemId: noDuration }))).toEqual(['VALIDATION_FAILED', 'durationMinutes:no_duration']);
    expect(codes(await call('appointments.book', { ...base, assetId: aniCar.id }))).toEqual(['VALIDATION_FAILED', 'assetId:unknown_asset']);
    expect(codes(await call('appointments.book', { ...base, technicianId: 'siapa' }))).toEqual(['VALIDATION_FAILED', 'technicianId:unknown_staff']);
    expect(codes(await call('appointments.book', { ...base, customerId: 'siapa' }))).toEqual(['VALIDATION_FAILED', 'customerId:unknown_customer']);
    expect(codes(await call('appointments.book', { ...base, startsAt: at('07:30') }))).toEqual(['VALIDATION_FAILED', 'startsAt:past_time']);
    expect(codes(await call('appointments.book', { ...base, startsAt: '2028-01-01T09:00:00+07:00' }))).toEqual(['VALIDATION_FAILED', 'startsAt:too_far_ahead']);
    expect(codes(await call('appointments.book', { ...base, startsAt: 'besok jam 9' }))).toEqual(['VALIDATION_FAILED', 'startsAt:invalid_time']);
    expect(codes(await call('appointments.book', { ...base, durationMinutes: 2 }))).toEqual(['VALIDATION_FAILED', 'durationMinutes:invalid_duration']);
    // A walk-in a few minutes late is still fine, and a service without a catalogue duration takes one typed in.
    const walkIn = await call('appointments.book', { ...base, serviceItemId: noDuration, durationMinutes: 30, startsAt: at('07:50') });
    expect(walkIn.ok).toBe(true);
    expect(appointmentState(b.core).counts.appointments).toBe(before.counts.appointments + 1);
  });

  it('gives every error in Indonesian by default and in English on request', async () => {
    const r = await call('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('10:00') });
    expect(r.ok || r.error.message).toMatch(/^Teknisi ini sudah punya janji temu lain/);
    await b.ok('auth.setLocale', { locale: 'en' });
    try {
      const r2 = await call('appointments.book', { customerId: ani.id, serviceItemId: servis, technicianId: joko.id, startsAt: at('10:00') });
      expect(r2.ok || r2.error.message).toMatch(/^This technician already has another appointment/);
    } finally {
      await b.ok('auth.setLocale', { locale: 'id' });
    }
  });

  it('moves through the status of the work, keeps a time-stamped history, and refuses illegal moves without writing', async () => {
    const d = await book({ assetId: car.id, startsAt: at('13:00'), technicianId: rudi.id });
    const id = d.appointment.id;
    const before = appointmentState(b.core);
    expect(codes(await move(id, 'done'))).toEqual(['STATUS_NOT_ALLOWED', 'status:illegal_move']);
    expect(codes(await move(id, 'in_progress'))).toEqual(['STATUS_NOT_ALLOWED', 'status:illegal_move']);
    expect(codes(await move(id, 'booked'))).toEqual(['STATUS_NOT_ALLOWED', 'status:illegal_move']);
    expect(codes(await move(id, 'no_show'))).toEqual(['STATUS_NOT_ALLOWED', 'status:not_started_yet']);
    expect(codes(await move(id, 'parked'))).toEqual(['VALIDATION_FAILED', 'status:invalid_value']);
    expect(codes(await move('tidak-ada', 'checked_in'))).toEqual(['NOT_FOUND']);
    expect(appointmentState(b.core)).toEqual(before);

    const steps: [string, string | undefined][] = [['checked_in', undefined], ['in_progress', 'Mobil naik lift'], ['waiting_parts', 'Menunggu kampas rem'], ['in_progress', undefined], ['ready', undefined]];
    for (const [status, note] of steps) {
      clock += 10 * 60_000;
      const r = await b.ok('appointments.setStatus', { id, status, ...(note ? { note } : {}) });
      expect(r.appointment.status).toBe(status);
      expect(r.appointment.statusChangedAt).toBe(new Date(clock).toISOString());
    }
    const detail = await b.ok('appointments.get', { id });
    expect(detail.events.map((e: any) => [e.kind, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['booked', null, 'booked', null],
      ['status', 'booked', 'checked_in', null],
      ['status', 'checked_in', 'in_progress', 'Mobil naik lift'],
      ['status', 'in_progress', 'waiting_parts', 'Menunggu kampas rem'],
      ['status', 'waiting_parts', 'in_progress', null],
      ['status', 'in_progress', 'ready', null],
    ]);
    expect(detail.events.map((e: any) => e.at)).toEqual([...detail.events.map((e: any) => e.at)].sort());
    expect(detail.nextStatuses).toEqual(['done', 'in_progress']);
    await b.ok('appointments.setStatus', { id, status: 'done' });
    const done = await b.ok('appointments.get', { id });
    expect([done.nextStatuses, done.canFileQc]).toEqual([[], false]);
    expect(codes(await move(id, 'in_progress'))).toEqual(['STATUS_NOT_ALLOWED', 'status:illegal_move']);
    expect(codes(await move(id, 'cancelled', { note: 'x' }))).toEqual(['STATUS_NOT_ALLOWED', 'status:illegal_move']);
  });

  it('marks a no-show only once the time has come', async () => {
    const d = await book({ startsAt: at('17:00'), technicianId: rudi.id });
    expect(codes(await move(d.appointment.id, 'no_show'))).toEqual(['STATUS_NOT_ALLOWED', 'status:not_started_yet']);
    const saved = clock;
    clock = Date.parse(at('17:20'));
    try {
      expect((await b.ok('appointments.setStatus', { id: d.appointment.id, status: 'no_show' })).appointment.status).toBe('no_show');
    } finally {
      clock = saved;
    }
  });

  it('reschedules a booked appointment, checking the new time, and only while it is booked', async () => {
    const d = await book({ startsAt: at('18:00'), technicianId: rudi.id });
    // Its own time does not count against it: moving it by half an hour overlaps only itself.
    const moved = await b.ok('appointments.reschedule', { id: d.appointment.id, startsAt: at('18:30'), note: 'Pelanggan minta lebih sore' });
    expect([moved.appointment.startsAt, moved.events.at(-1).kind, moved.events.at(-1).note]).toEqual(['2026-12-03T11:30:00.000Z', 'rescheduled', 'Pelanggan minta lebih sore']);
    expect(codes(await call('appointments.reschedule', { id: d.appointment.id, startsAt: at('09:30'), technicianId: joko.id }))).toEqual(['TECHNICIAN_BUSY', 'startsAt:technician_busy']);
    await b.ok('appointments.setStatus', { id: d.appointment.id, status: 'checked_in' });
    expect(codes(await call('appointments.reschedule', { id: d.appointment.id, startsAt: at('19:00') }))).toEqual(['STATUS_NOT_ALLOWED', 'startsAt:only_when_booked']);
  });

  it("the day view holds this branch's appointments of the local (WIB) day, by time, and every technician", async () => {
    // 00:30 WIB on 4 December is still 3 December in UTC: it belongs to the 4th.
    const late = await book({ startsAt: '2026-12-04T00:30:00+07:00', technicianId: joko.id, durationMinutes: 30 });
    const day = await b.ok('appointments.day', { date: '2026-12-03' });
    expect(day.timeZone).toBe('WIB');
    expect(day.technicians.map((t: any) => t.name)).toEqual(['Joko Teknisi', 'Manajer Uji', 'Rudi Teknisi', 'Sari Pemeriksa']);
    expect(day.appointments.map((a: any) => a.id)).not.toContain(late.appointment.id);
    const starts = day.appointments.map((a: any) => a.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(starts.every((s: string) => s >= '2026-12-02T17:00:00.000Z' && s < '2026-12-03T17:00:00.000Z')).toBe(true);
    expect(day.appointments.length).toBeGreaterThanOrEqual(8);
    const next = await b.ok('appointments.day', { date: '2026-12-04' });
    expect(next.appointments.map((a: any) => a.id)).toEqual([late.appointment.id]);
    const joko09 = await b.ok('appointments.list', { date: '2026-12-03', technicianId: joko.id, statuses: ['booked'] });
    expect(joko09.appointments.every((a: any) => a.technicianId === joko.id && a.status === 'booked')).toBe(true);
    const ofBudi = await b.ok('appointments.list', { customerId: budi.id });
    expect(ofBudi.appointments.every((a: any) => a.customerId === budi.id)).toBe(true);
    expect(codes(await call('appointments.day', { date: '2026-02-30' }))).toEqual(['VALIDATION_FAILED', 'date:invalid_date']);
  });
});

describe('quality control and the asset due date (S4, C4)', () => {
  let b: TestBranch;
  let budi: { id: string };
  let car: { id: string };
  let servis: string;
  let joko: { id: string };
  let sari: { id: string };
  const START2 = Date.parse('2026-12-03T01:00:00Z');
  let now = START2;

  const call = (method: string, input: unknown) => b.core.call(b.session, method, input);
  const codes = (r: any) => (r.ok ? 'ok' : [r.error.code, ...(r.error.fields ?? []).map((f: any) => `${f.path.join('.')}:${f.code}`)]);
  const checklist = (failNote?: string) => [
    { label: 'Rem depan', passed: !failNote, ...(failNote ? { note: failNote } : {}) },
    { label: 'Oli mesin', passed: true },
    { label: 'Lampu', passed: true },
  ];
  async function jobInProgress(hour: string, assetId: string | null = car.id) {
    const d = await b.ok('appointments.book', { customerId: budi.id, serviceItemId: servis, technicianId: joko.id, assetId, startsAt: `2026-12-03T${hour}:00+07:00` });
    await b.ok('appointments.setStatus', { id: d.appointment.id, status: 'checked_in' });
    await b.ok('appointments.setStatus', { id: d.appointment.id, status: 'in_progress' });
    return d.appointment.id as string;
  }

  beforeAll(async () => {
    b = await makeBranch({ now: () => new Date(now) });
    servis = receiveCatalogueItem(b.core, { sku: 'SRV-10K', name: 'Servis berkala 10.000 km', kind: 'service', unitPrice: 350_000, durationMinutes: 60 });
    joko = await b.ok('users.create', { username: 'joko', displayName: 'Joko Teknisi', password: 'kata-sandi-uji', role: 'front_office' });
    sari = await b.ok('users.create', { username: 'sari', displayName: 'Sari Pemeriksa', password: 'kata-sandi-uji', role: 'back_office' });
    budi = await b.ok('customers.create', { fullName: 'Budi Santoso' });
    car = await b.ok('assets.save', { customerId: budi.id, kind: 'vehicle', label: 'Toyota Avanza', identifier: 'B 1234 CD', dueKind: 'service', dueDate: '2026-12-01' });
  });
  afterAll(() => b?.cleanup());

  it('refuses a report before the work, by the technician himself, a pass with a failed line, a failed line without a note', async () => {
    const booked = await b.ok('appointments.book', { customerId: budi.id, serviceItemId: servis, technicianId: joko.id, startsAt: '2026-12-03T08:30:00+07:00' });
    const before = appointmentState(b.core);
    expect(codes(await call('appointments.fileQc', { appointmentId: booked.appointment.id, items: checklist() }))).toEqual(['STATUS_NOT_ALLOWED', 'status:qc_not_now']);
    const id = await jobInProgress('10:00');
    const mid = appointmentState(b.core);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: checklist(), inspectorId: joko.id }))).toEqual(['VALIDATION_FAILED', 'inspectorId:inspector_is_technician']);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: checklist('Kampas tipis'), result: 'pass' }))).toEqual(['VALIDATION_FAILED', 'result:qc_pass_with_failures']);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: [{ label: 'Rem', passed: false }] }))).toEqual(['VALIDATION_FAILED', 'items.0.note:qc_failed_item_note']);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: [] }))).toEqual(['VALIDATION_FAILED', 'items:qc_no_items']);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: checklist(), result: 'fail' }))).toEqual(['VALIDATION_FAILED', 'notes:qc_fail_reason']);
    expect(codes(await call('appointments.fileQc', { appointmentId: id, items: checklist(), inspectorId: 'siapa' }))).toEqual(['VALIDATION_FAILED', 'inspectorId:unknown_staff']);
    expect(appointmentState(b.core)).toEqual(mid);
    expect(mid.counts.qc).toBe(before.counts.qc);
  });

  it('a failed report keeps the job in the workshop and blocks handover until a re-inspection passes', async () => {
    const id = await jobInProgress('12:00');
    now += 60_000;
    const failed = await b.ok('appointments.fileQc', { appointmentId: id, items: checklist('Kampas rem tipis'), inspectorId: sari.id });
    expect(failed.report).toMatchObject({ result: 'fail', inspectorName: 'Sari Pemeriksa', items: [{ label: 'Rem depan', passed: false, note: 'Kampas rem tipis' }, expect.anything(), expect.anything()] });
    expect([failed.appointment.appointment.status, failed.appointment.appointment.qcResult]).toEqual(['in_progress', 'fail']);
    const before = appointmentState(b.core);
    expect(codes(await call('appointments.setStatus', { id, status: 'ready' }))).toEqual(['QC_NOT_PASSED']);
    expect(codes(await call('appointments.setStatus', { id, status: 'done' }))).toEqual(['QC_NOT_PASSED']);
    expect(appointmentState(b.core)).toEqual(before);
    now += 60_000;
    const passed = await b.ok('appointments.fileQc', { appointmentId: id, items: checklist(), notes: 'Kampas diganti' });
    expect([passed.report.result, passed.report.inspectorName, passed.appointment.appointment.qcResult]).toEqual(['pass', 'Manajer Uji', 'pass']);
    const ready = await b.ok('appointments.setStatus', { id, status: 'ready' });
    expect(ready.appointment.status).toBe('ready');
    expect(ready.qcReports.map((r: any) => r.result)).toEqual(['fail', 'pass']);
  });

  it('a failed report of a job that was ready sends it back to in progress, in the history', async () => {
    const id = await jobInProgress('14:00');
    await b.ok('appointments.setStatus', { id, status: 'ready' });
    now += 60_000;
    const r = await b.ok('appointments.fileQc', { appointmentId: id, items: checklist('Baut roda kurang kencang'), inspectorId: sari.id, notes: 'Kencangkan ulang' });
    expect(r.appointment.appointment.status).toBe('in_progress');
    expect(r.appointment.events.at(-1)).toMatchObject({ kind: 'qc_returned', fromStatus: 'ready', toStatus: 'in_progress', note: 'Kencangkan ulang' });
  });

  it("done moves the asset's next due date forward (C4), and only a later date, only when done, only for an asset", async () => {
    const id = await jobInProgress('16:00');
    await b.ok('appointments.fileQc', { appointmentId: id, items: checklist() });
    const before = appointmentState(b.core);
    expect(codes(await call('appointments.setStatus', { id, status: 'done', assetNextDueDate: '2026-12-03' }))).toEqual(['VALIDATION_FAILED', 'assetNextDueDate:due_not_later']);
    expect(codes(await call('appointments.setStatus', { id, status: 'ready', assetNextDueDate: '2027-06-03' }))).toEqual(['VALIDATION_FAILED', 'assetNextDueDate:only_when_done']);
    expect(codes(await call('appointments.setStatus', { id, status: 'done', assetNextDueDate: '2027-02-30' }))).toEqual(['VALIDATION_FAILED', 'assetNextDueDate:invalid_date']);
    expect(appointmentState(b.core)).toEqual(before);
    const done = await b.ok('appointments.setStatus', { id, status: 'done', assetNextDueDate: '2027-06-03' });
    expect([done.appointment.assetDueDate, done.events.at(-1).assetDueDate]).toEqual(['2027-06-03', '2027-06-03']);
    const asset = (await b.ok('customers.profile360', { id: budi.id })).assets.find((a: any) => a.id === car.id);
    expect([asset.dueKind, asset.dueDate]).toEqual(['service', '2027-06-03']);
    const outbox = b.core.services.db.sqlite.prepare("SELECT fields FROM sync_outbox WHERE table_name = 'customer_assets' AND row_id = ? ORDER BY seq DESC LIMIT 1").pluck().get(car.id) as string;
    expect(JSON.parse(outbox)).toMatchObject({ due_date: '2027-06-03' });

    const noAsset = await jobInProgress('18:00', null);
    expect(codes(await call('appointments.setStatus', { id: noAsset, status: 'done', assetNextDueDate: '2027-06-03' }))).toEqual(['VALIDATION_FAILED', 'assetNextDueDate:no_asset']);
  });

  it('shows every step and every report on the Customer 360 timeline (C5), newest first', async () => {
    const p = await b.ok('customers.profile360', { id: budi.id, timelineLimit: 200 });
    const entries = p.timeline.entries.filter((e: any) => e.kind === 'appointment' || e.kind === 'qc');
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.find((e: any) => e.kind === 'qc' && e.result === 'fail')).toMatchObject({ serviceName: 'Servis berkala 10.000 km', failedItems: ['Rem depan'], itemCount: 3, staffName: 'Sari Pemeriksa' });
    expect(entries.find((e: any) => e.kind === 'appointment' && e.toStatus === 'done')).toMatchObject({ serviceName: 'Servis berkala 10.000 km', assetLabel: 'Toyota Avanza', fromStatus: 'in_progress' });
    const ats = p.timeline.entries.map((e: any) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
    const onlyQc = await b.ok('customers.timeline', { customerId: budi.id, limit: 50, kinds: ['qc'] });
    expect(onlyQc.entries.every((e: any) => e.kind === 'qc')).toBe(true);
    expect(onlyQc.entries.length).toBe(4);
  });

  it('keeps the tables behind the sync writer: a direct change or delete is refused by the database', async () => {
    const db = b.core.services.db.sqlite;
    expect(() => db.prepare("UPDATE appointments SET status = 'done'").run()).toThrow(/outside the sync writer/);
    expect(() => db.prepare('DELETE FROM qc_reports').run()).toThrow(/never deleted/);
    expect(() => db.prepare('DELETE FROM appointment_events').run()).toThrow(/never deleted/);
  });
});
