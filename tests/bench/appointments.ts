import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../src/branch/core.js';
import type { Actor } from '../../src/shared/api/procedure.js';
import { todayIn } from '../../src/shared/domain/dates.js';
import { receiveCatalogueItem } from '../support/appointments.js';
import { log, percentiles, renderTable, timeRounds, type Row } from './stats.js';

/**
 * Service appointment benchmarks: `npx tsx tests/bench/appointments.ts [--bookings N]`.
 *  - booking through the dispatcher (validation, double-booking check,
 *    capture) with N appointments already in the branch, against logging an
 *    interaction (one captured row, no check) in the same run;
 *  - the day view of a full day (20 technicians x 10 jobs), against a bare
 *    SELECT of that day's rows;
 *  - Customer 360 of a customer with 1,000 appointment timeline entries
 *    (200 jobs x 5 steps), against a bare SELECT of the customer row.
 * Goals: a booking costs at most twice an interaction log (both are one
 * fsync-bound IMMEDIATE transaction; the check must not dominate); day view
 * p99 < 50 ms; Customer 360 p99 < 50 ms.
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const BOOKINGS = arg('--bookings', 10_000);
const TECHNICIANS = 20;
const SLOTS = 10; // 08:00-18:00, one hour each
const dir = mkdtempSync(join(tmpdir(), 'simpul-bench-appt-'));
const rows: Row[] = [];

async function main() {
  const core = openBranchCore({ dataDir: dir, checkOutput: false, log: () => {} });
  const ok = async <T>(actor: Actor, method: string, input: unknown): Promise<T> => {
    const r = await core.dispatch(actor, method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const init = await core.dispatch({ kind: 'anonymous', locale: 'id' }, 'setup.initialise', {
    branchName: 'Bengkel Uji', branchCode: 'BNC01', timeZone: 'WIB', manager: { username: 'manajer', displayName: 'Manajer', password: 'rahasia-uji' },
  });
  if (!init.ok) throw new Error(JSON.stringify(init.error));
  const actor = core.systemActor;
  const service = receiveCatalogueItem(core, { sku: 'SRV-1J', name: 'Servis satu jam', kind: 'service', unitPrice: 200_000, durationMinutes: 60 });
  const technicians: string[] = [];
  for (let i = 0; i < TECHNICIANS; i++) technicians.push((await ok<{ id: string }>(actor, 'users.create', { username: `teknisi${i}`, displayName: `Teknisi ${i}`, password: 'kata-sandi-uji', role: 'front_office' })).id);
  const customers: string[] = [];
  for (let i = 0; i < 500; i++) customers.push((await ok<{ id: string }>(actor, 'customers.create', { fullName: `Pelanggan ${i}` })).id);

  const firstDay = todayIn('WIB', new Date(Date.now() + 86_400_000));
  const slot = (n: number) => {
    const perDay = TECHNICIANS * SLOTS;
    const day = Math.floor(n / perDay);
    const within = n % perDay;
    const date = new Date(Date.parse(`${firstDay}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
    const hour = 8 + (within % SLOTS);
    return { date, startsAt: `${date}T${String(hour).padStart(2, '0')}:00:00+07:00`, technicianId: technicians[Math.floor(within / SLOTS)] };
  };
  log(`booking ${BOOKINGS} appointments...`);
  let t = performance.now();
  for (let n = 0; n < BOOKINGS; n++) {
    const s = slot(n);
    await ok(actor, 'appointments.book', { customerId: customers[n % customers.length], serviceItemId: service, technicianId: s.technicianId, startsAt: s.startsAt });
  }
  const fillMs = performance.now() - t;
  rows.push({ benchmark: `book ${BOOKINGS} appointments (throughput)`, measured: BOOKINGS / (fillMs / 1000), unit: 'rows/s' });

  // Booking with the table full: new slots further on, each checked against its technician's bookings.
  const extra = Array.from({ length: 300 }, (_, i) => slot(BOOKINGS + i));
  const bookTimes: number[] = [];
  for (const s of extra) {
    t = performance.now();
    await ok(actor, 'appointments.book', { customerId: customers[0], serviceItemId: service, technicianId: s.technicianId, startsAt: s.startsAt });
    bookTimes.push(performance.now() - t);
  }
  const logTimes: number[] = [];
  for (let i = 0; i < 300; i++) {
    t = performance.now();
    await ok(actor, 'interactions.log', { customerId: customers[1], channel: 'visit', purpose: 'service' });
    logTimes.push(performance.now() - t);
  }
  const book = percentiles(bookTimes);
  const logged = percentiles(logTimes);
  rows.push({ benchmark: `book one appointment, ${BOOKINGS} in the branch (p99)`, measured: book.p99, unit: 'ms', goal: { text: '<= 2x baseline' }, baseline: { name: 'interactions.log p99', value: logged.p99 }, ratio: book.p99 / logged.p99, pass: book.p99 <= 2 * logged.p99, note: `p50 ${book.p50.toFixed(2)} ms` });

  // A full day: every technician, ten jobs.
  const days = Array.from({ length: 20 }, (_, i) => slot(i * TECHNICIANS * SLOTS).date);
  const dayView = timeRounds(days, (date) => core.services.appointments.day(date));
  const bare = core.services.db.sqlite.prepare('SELECT * FROM appointments WHERE branch_id = ? AND starts_at >= ? AND starts_at < ?');
  const branchId = core.services.db.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'branch_id'").pluck().get() as string;
  const bareDay = timeRounds(days, (date) => bare.all(branchId, `${date}T00:00:00.000Z`, `${date}T23:59:59.999Z`));
  const dv = percentiles(dayView.best);
  const bd = percentiles(bareDay.best);
  rows.push({ benchmark: `day view, ${TECHNICIANS} technicians x ${SLOTS} jobs (p99)`, measured: dv.p99, unit: 'ms', goal: { max: 50 }, baseline: { name: 'bare SELECT of the day', value: bd.p99 }, ratio: dv.p99 / bd.p99, note: `p50 ${dv.p50.toFixed(2)} ms` });

  // A regular customer: 200 jobs of 5 steps each = 1,000 timeline entries (plus the registration).
  const regular = (await ok<{ id: string }>(actor, 'customers.create', { fullName: 'Pelanggan Setia' })).id;
  for (let i = 0; i < 200; i++) {
    const s = slot(BOOKINGS + 300 + i);
    const d = await ok<{ appointment: { id: string } }>(actor, 'appointments.book', { customerId: regular, serviceItemId: service, technicianId: s.technicianId, startsAt: s.startsAt });
    for (const status of ['checked_in', 'in_progress', 'ready', 'done']) await ok(actor, 'appointments.setStatus', { id: d.appointment.id, status });
  }
  const p360 = percentiles((await timeRoundsAsyncSimple(60, () => ok(actor, 'customers.profile360', { id: regular, timelineLimit: 50 }))));
  const bareCustomer = core.services.db.sqlite.prepare('SELECT * FROM customers WHERE id = ?');
  const bc = percentiles(timeRounds(Array.from({ length: 60 }, () => regular), (id) => bareCustomer.get(id)).best);
  rows.push({ benchmark: 'Customer 360 with 1,000 appointment steps (p99)', measured: p360.p99, unit: 'ms', goal: { max: 50 }, baseline: { name: 'bare SELECT of the customer', value: bc.p99 }, ratio: p360.p99 / bc.p99, note: `p50 ${p360.p50.toFixed(2)} ms` });

  core.close();
  process.stdout.write(`${renderTable(rows)}\n`);
}

async function timeRoundsAsyncSimple(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
