import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import type { CatalogueService } from '../catalogue/service.js';
import { BranchSettings, type BranchIdentity } from '../setup/settings.js';
import { AppError, type FieldMessageKey } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { dayBoundsUtc, todayIn } from '../../shared/domain/dates.js';
import {
  BOOKING_GRACE_MINUTES,
  BOOKING_HORIZON_DAYS,
  HOLDS_TECHNICIAN,
  QC_STATUSES,
  STATUS_MOVES,
  canMove,
  qcResultOf,
  type Appointment,
  type AppointmentBook,
  type AppointmentDay,
  type AppointmentDetail,
  type AppointmentEventKind,
  type AppointmentListQuery,
  type AppointmentReschedule,
  type AppointmentStatus,
  type AppointmentStatusChange,
  type QcReport,
  type QcReportInput,
  type Technician,
} from '../../shared/domain/appointment.js';
import { APPOINTMENT_SELECT, toAppointment, toEvent, toQcReport, type AppointmentRow, type EventRow, type QcRow } from './rows.js';

const fieldError = (code: 'VALIDATION_FAILED' | 'STATUS_NOT_ALLOWED' | 'TECHNICIAN_BUSY', path: string, field: FieldMessageKey) =>
  new AppError(code, [{ path: [path], code: field }]);

const HOLDING = HOLDS_TECHNICIAN.map((s) => `'${s}'`).join(', ');

/**
 * Service appointments (S4): booking with no double booking of a
 * technician, the status of the work with its time-stamped history, and
 * quality-control reports. Every write is one ChangeCapture transaction, so
 * the check and the write see the same database and the change syncs.
 */
export class AppointmentService {
  private readonly settings: BranchSettings;
  private readonly byId: Statement;
  private readonly customerState: Statement;
  private readonly assetOf: Statement;
  private readonly activeUser: Statement;
  private readonly activeUsers: Statement;
  private readonly overlapping: Statement;
  private readonly insertAppointment: CapturedInsert;
  private readonly insertEvent: CapturedInsert;
  private readonly insertQc: CapturedInsert;
  private readonly eventsOf: Statement;
  private readonly qcOf: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly catalogue: CatalogueService,
    private readonly now: () => Date = () => new Date(),
  ) {
    const sql = db.sqlite;
    this.settings = new BranchSettings(db);
    this.byId = sql.prepare(`${APPOINTMENT_SELECT} WHERE a.id = ?`);
    this.customerState = sql.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
    this.assetOf = sql.prepare('SELECT customer_id, deleted FROM customer_assets WHERE id = ?');
    this.activeUser = sql.prepare('SELECT id, display_name AS name, username FROM users WHERE id = ? AND active = 1');
    this.activeUsers = sql.prepare('SELECT id, display_name AS name, username FROM users WHERE active = 1 ORDER BY display_name COLLATE NOCASE, username');
    // Intervals [starts, ends) overlap when each starts before the other ends.
    this.overlapping = sql.prepare(
      `SELECT id FROM appointments WHERE technician_id = @technician AND branch_id = @branch AND status IN (${HOLDING})
         AND starts_at < @ends AND ends_at > @starts AND id <> @exclude ORDER BY starts_at LIMIT 1`,
    );
    this.insertAppointment = this.capture.insertStatement('appointments',
      `INSERT INTO appointments (id, customer_id, branch_id, asset_id, service_item_id, service_sku, service_name, service_price, duration_minutes,
         starts_at, ends_at, technician_id, technician_name, status, status_changed_at, qc_result, notes, created_at, created_by, created_by_name, updated_at)
       VALUES (@id, @customer, @branch, @asset, @item, @sku, @name, @price, @duration, @starts, @ends, @technician, @technicianName, 'booked', @now, NULL, @notes, @now, @staff, @staffName, @now)`,
    );
    this.insertEvent = this.capture.insertStatement('appointment_events',
      `INSERT INTO appointment_events (id, appointment_id, customer_id, branch_id, at, kind, from_status, to_status, starts_at, technician_name, note, asset_due_date, staff_id, staff_name, created_at)
       VALUES (@id, @appointment, @customer, @branch, @at, @kind, @from, @to, @starts, @technicianName, @note, @due, @staff, @staffName, @at)`,
    );
    this.insertQc = this.capture.insertStatement('qc_reports',
      `INSERT INTO qc_reports (id, appointment_id, customer_id, branch_id, inspected_at, inspector_id, inspector_name, result, items, notes, created_at)
       VALUES (@id, @appointment, @customer, @branch, @at, @inspector, @inspectorName, @result, @items, @notes, @at)`,
    );
    this.eventsOf = sql.prepare('SELECT * FROM appointment_events WHERE appointment_id = ? ORDER BY at, id');
    this.qcOf = sql.prepare('SELECT * FROM qc_reports WHERE appointment_id = ? ORDER BY inspected_at, id');
  }

  /** Everyone who can be given work: the branch's active staff accounts. */
  technicians(): Technician[] {
    return this.activeUsers.all() as Technician[];
  }

  book(actor: UserActor, input: AppointmentBook): AppointmentDetail {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.branch();
      const customer = this.customerState.get(input.customerId) as { archived_at: string | null; deleted: number } | undefined;
      if (!customer || customer.deleted) throw fieldError('VALIDATION_FAILED', 'customerId', 'unknown_customer');
      if (customer.archived_at) throw new AppError('ARCHIVED');
      const item = this.catalogue.find(input.serviceItemId);
      if (!item || item.kind !== 'service') throw fieldError('VALIDATION_FAILED', 'serviceItemId', 'not_a_service');
      if (item.retiredAt) throw fieldError('VALIDATION_FAILED', 'serviceItemId', 'service_retired');
      const duration = input.durationMinutes ?? item.durationMinutes;
      if (!duration) throw fieldError('VALIDATION_FAILED', 'durationMinutes', 'no_duration');
      if (input.assetId) this.checkAsset(input.assetId, input.customerId);
      const technician = this.staff(input.technicianId, 'technicianId');
      const { starts, ends } = this.slot(input.startsAt, duration);
      this.checkFree(technician.id, branch.branchId, starts, ends, '');
      const now = this.now().toISOString();
      this.insertAppointment(now, {
        id, customer: input.customerId, branch: branch.branchId, asset: input.assetId ?? null, item: item.id, sku: item.sku, name: item.name,
        price: item.unitPrice, duration, starts, ends, technician: technician.id, technicianName: technician.name, now, notes: input.notes ?? null,
        staff: actor.userId, staffName: actor.displayName,
      });
      this.event(actor, { id, customerId: input.customerId, branchId: branch.branchId }, 'booked', null, 'booked', now, {
        startsAt: starts, technicianName: technician.name, note: input.notes ?? null,
      });
    });
    return this.get(id);
  }

  reschedule(actor: UserActor, input: AppointmentReschedule): AppointmentDetail {
    this.capture.transaction(() => {
      const branch = this.branch();
      const a = this.own(input.id, branch);
      if (a.status !== 'booked') throw fieldError('STATUS_NOT_ALLOWED', 'startsAt', 'only_when_booked');
      const technician = input.technicianId ? this.staff(input.technicianId, 'technicianId') : { id: a.technicianId, name: a.technicianName };
      const duration = input.durationMinutes ?? a.durationMinutes;
      const { starts, ends } = this.slot(input.startsAt, duration);
      this.checkFree(technician.id, branch.branchId, starts, ends, a.id);
      const now = this.now().toISOString();
      const before = this.capture.snapshot('appointments', a.id);
      this.db.sqlite
        .prepare('UPDATE appointments SET starts_at = ?, ends_at = ?, duration_minutes = ?, technician_id = ?, technician_name = ?, updated_at = ? WHERE id = ?')
        .run(starts, ends, duration, technician.id, technician.name, now, a.id);
      this.capture.record('appointments', a.id, before, now);
      this.event(actor, a, 'rescheduled', 'booked', 'booked', now, { startsAt: starts, technicianName: technician.name, note: input.note ?? null });
    });
    return this.get(input.id);
  }

  setStatus(actor: UserActor, input: AppointmentStatusChange): AppointmentDetail {
    this.capture.transaction(() => {
      const branch = this.branch();
      const a = this.own(input.id, branch);
      const now = this.now();
      if (!canMove(a.status, input.status)) throw fieldError('STATUS_NOT_ALLOWED', 'status', 'illegal_move');
      if (input.status === 'no_show' && now.getTime() < Date.parse(a.startsAt)) throw fieldError('STATUS_NOT_ALLOWED', 'status', 'not_started_yet');
      if (input.status === 'cancelled' && !input.note) throw fieldError('VALIDATION_FAILED', 'note', 'reason_required');
      if ((input.status === 'ready' || input.status === 'done') && a.qcResult === 'fail') throw new AppError('QC_NOT_PASSED');
      let due: string | null = null;
      if (input.assetNextDueDate !== undefined) {
        if (input.status !== 'done') throw fieldError('VALIDATION_FAILED', 'assetNextDueDate', 'only_when_done');
        if (!a.assetId) throw fieldError('VALIDATION_FAILED', 'assetNextDueDate', 'no_asset');
        this.checkAsset(a.assetId, a.customerId, 'assetNextDueDate');
        if (input.assetNextDueDate <= todayIn(branch.timeZone, now)) throw fieldError('VALIDATION_FAILED', 'assetNextDueDate', 'due_not_later');
        due = input.assetNextDueDate;
      }
      const at = now.toISOString();
      this.moveTo(a, input.status, at);
      if (due && a.assetId) {
        const before = this.capture.snapshot('customer_assets', a.assetId);
        this.db.sqlite
          .prepare("UPDATE customer_assets SET due_date = ?, due_kind = coalesce(due_kind, 'service'), updated_at = ? WHERE id = ?")
          .run(due, at, a.assetId);
        this.capture.record('customer_assets', a.assetId, before, at);
      }
      this.event(actor, a, 'status', a.status, input.status, at, { note: input.note ?? null, assetDueDate: due });
    });
    return this.get(input.id);
  }

  fileQc(actor: UserActor, input: QcReportInput): { report: QcReport; appointment: AppointmentDetail } {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.branch();
      const a = this.own(input.appointmentId, branch);
      if (!QC_STATUSES.includes(a.status)) throw fieldError('STATUS_NOT_ALLOWED', 'status', 'qc_not_now');
      const inspector = input.inspectorId ? this.staff(input.inspectorId, 'inspectorId') : { id: actor.userId, name: actor.displayName };
      // Four eyes: the one who did the work does not pass it.
      if (inspector.id === a.technicianId) throw fieldError('VALIDATION_FAILED', 'inspectorId', 'inspector_is_technician');
      const result = qcResultOf(input);
      const at = this.now().toISOString();
      const items = input.items.map((i) => ({ label: i.label, passed: i.passed, note: i.note ?? null }));
      this.insertQc(at, {
        id, appointment: a.id, customer: a.customerId, branch: branch.branchId, at, inspector: inspector.id, inspectorName: inspector.name,
        result, items: JSON.stringify(items), notes: input.notes ?? null,
      });
      const before = this.capture.snapshot('appointments', a.id);
      this.db.sqlite.prepare('UPDATE appointments SET qc_result = ?, updated_at = ? WHERE id = ?').run(result, at, a.id);
      this.capture.record('appointments', a.id, before, at);
      // A failed inspection of finished work sends the job back to the workshop.
      if (result === 'fail' && a.status === 'ready') {
        this.moveTo(a, 'in_progress', at);
        this.event(actor, a, 'qc_returned', 'ready', 'in_progress', at, { note: input.notes ?? null });
      }
    });
    const detail = this.get(input.appointmentId);
    return { report: detail.qcReports.find((r) => r.id === id)!, appointment: detail };
  }

  get(id: string): AppointmentDetail {
    const ownBranch = this.settings.identity()?.branchId ?? null;
    const row = this.byId.get(id) as AppointmentRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, `no appointment ${id}`);
    const appointment = toAppointment(row, ownBranch);
    const mine = appointment.ownBranch;
    return {
      appointment,
      events: (this.eventsOf.all(id) as EventRow[]).map(toEvent),
      qcReports: (this.qcOf.all(id) as QcRow[]).map(toQcReport),
      nextStatuses: mine ? [...STATUS_MOVES[appointment.status]] : [],
      canFileQc: mine && QC_STATUSES.includes(appointment.status),
    };
  }

  /** Appointments by customer (every branch's, newest first) or by day (this branch's, by time). */
  list(q: AppointmentListQuery): Appointment[] {
    const ownBranch = this.settings.identity();
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit };
    if (q.customerId) {
      where.push('a.customer_id = @customer');
      params.customer = q.customerId;
    }
    if (q.date) {
      const { start, end } = dayBoundsUtc(q.date, ownBranch?.timeZone ?? 'WIB');
      where.push('a.branch_id = @branch AND a.starts_at >= @start AND a.starts_at < @end');
      Object.assign(params, { branch: ownBranch?.branchId ?? '', start, end });
    }
    if (q.technicianId) {
      where.push('a.technician_id = @technician');
      params.technician = q.technicianId;
    }
    if (q.statuses) where.push(`a.status IN (${q.statuses.map((s) => `'${s}'`).join(', ')})`);
    const order = q.date ? 'a.starts_at, a.id' : 'a.starts_at DESC, a.id DESC';
    const rows = this.db.sqlite
      .prepare(`${APPOINTMENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT @limit`)
      .all(params) as AppointmentRow[];
    return rows.map((r) => toAppointment(r, ownBranch?.branchId ?? null));
  }

  /** The branch's day per technician: every active staff member, and anyone else with work that day. */
  day(date: string): AppointmentDay {
    const branch = this.branch();
    const appointments = this.list({ date, limit: 500 });
    const technicians = this.technicians();
    const known = new Set(technicians.map((t) => t.id));
    for (const a of appointments) {
      if (!known.has(a.technicianId)) {
        known.add(a.technicianId);
        technicians.push({ id: a.technicianId, name: a.technicianName, username: '' });
      }
    }
    return { date, timeZone: branch.timeZone, technicians, appointments };
  }

  private branch(): BranchIdentity {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    return branch;
  }

  /** The appointment, which must be this branch's: the branch doing the work is the one that says how it goes. */
  private own(id: string, branch: BranchIdentity): Appointment {
    const row = this.byId.get(id) as AppointmentRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, `no appointment ${id}`);
    if (row.branch_id !== branch.branchId) throw new AppError('OTHER_BRANCH');
    return toAppointment(row, branch.branchId);
  }

  private staff(id: string, path: string): Technician {
    const user = this.activeUser.get(id) as Technician | undefined;
    if (!user) throw fieldError('VALIDATION_FAILED', path, 'unknown_staff');
    return user;
  }

  private checkAsset(assetId: string, customerId: string, path = 'assetId'): void {
    const asset = this.assetOf.get(assetId) as { customer_id: string; deleted: number } | undefined;
    if (!asset || asset.deleted || asset.customer_id !== customerId) throw fieldError('VALIDATION_FAILED', path, 'unknown_asset');
  }

  private slot(startsAt: string, minutes: number): { starts: string; ends: string } {
    const start = Date.parse(startsAt);
    const now = this.now().getTime();
    if (start < now - BOOKING_GRACE_MINUTES * 60_000) throw fieldError('VALIDATION_FAILED', 'startsAt', 'past_time');
    if (start > now + BOOKING_HORIZON_DAYS * 86_400_000) throw fieldError('VALIDATION_FAILED', 'startsAt', 'too_far_ahead');
    // Whole minutes, in UTC: text order is then time order for the overlap check.
    const starts = Math.floor(start / 60_000) * 60_000;
    return { starts: new Date(starts).toISOString(), ends: new Date(starts + minutes * 60_000).toISOString() };
  }

  private checkFree(technician: string, branch: string, starts: string, ends: string, exclude: string): void {
    if (this.overlapping.get({ technician, branch, starts, ends, exclude })) throw fieldError('TECHNICIAN_BUSY', 'startsAt', 'technician_busy');
  }

  private moveTo(a: Appointment, status: AppointmentStatus, at: string): void {
    const before = this.capture.snapshot('appointments', a.id);
    this.db.sqlite.prepare('UPDATE appointments SET status = ?, status_changed_at = ?, updated_at = ? WHERE id = ?').run(status, at, at, a.id);
    this.capture.record('appointments', a.id, before, at);
  }

  private event(
    actor: UserActor,
    a: { id: string; customerId: string; branchId: string },
    kind: AppointmentEventKind,
    from: AppointmentStatus | null,
    to: AppointmentStatus,
    at: string,
    extra: { startsAt?: string; technicianName?: string; note?: string | null; assetDueDate?: string | null },
  ): void {
    const id = newId();
    this.insertEvent(at, {
      id, appointment: a.id, customer: a.customerId, branch: a.branchId, at, kind, from, to, starts: extra.startsAt ?? null,
      technicianName: extra.technicianName ?? null, note: extra.note ?? null, due: extra.assetDueDate ?? null, staff: actor.userId, staffName: actor.displayName,
    });
  }
}
