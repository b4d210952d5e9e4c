import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import { BranchSettings, type BranchIdentity } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { todayIn } from '../../shared/domain/dates.js';
import { occurrenceDate, type ContactPlan, type PlanInput, type RecurrenceUnit } from '../../shared/domain/agenda.js';

export interface PlanRow {
  id: string;
  customer_id: string;
  customer_name: string;
  branch_id: string;
  staff_id: string;
  staff_name: string;
  channel: ContactPlan['channel'];
  purpose: ContactPlan['purpose'];
  reason: string | null;
  first_date: string;
  due_date: string;
  due_time: string | null;
  recurrence_unit: RecurrenceUnit | null;
  recurrence_every: number | null;
  until_date: string | null;
  occurrence: number;
  status: ContactPlan['status'];
  created_at: string;
}

export function planOf(r: PlanRow): ContactPlan {
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    staffId: r.staff_id,
    staffName: r.staff_name,
    channel: r.channel,
    purpose: r.purpose,
    reason: r.reason,
    firstDate: r.first_date,
    dueDate: r.due_date,
    dueTime: r.due_time,
    recurrence: r.recurrence_unit ? { unit: r.recurrence_unit, every: r.recurrence_every ?? 1, until: r.until_date } : null,
    occurrence: r.occurrence,
    status: r.status,
    createdAt: r.created_at,
  };
}

/**
 * The occurrence after the current one of a recurring plan: the first one
 * later than both the current due date and today. A weekly call missed for a
 * month comes back next week, not four times at once; one rescheduled past
 * its next occurrence does not come back before it was done. Null when the
 * plan is one-off or its end date has passed.
 */
export function nextOccurrence(plan: Pick<PlanRow, 'first_date' | 'due_date' | 'recurrence_unit' | 'recurrence_every' | 'until_date' | 'occurrence'>, today: string): { occurrence: number; dueDate: string } | null {
  if (!plan.recurrence_unit) return null;
  const after = plan.due_date > today ? plan.due_date : today;
  for (let k = plan.occurrence + 1; k < plan.occurrence + 100_000; k++) {
    const date = occurrenceDate(plan.first_date, plan.recurrence_unit, plan.recurrence_every, k);
    if (plan.until_date && date > plan.until_date) return null;
    if (date > after) return { occurrence: k, dueDate: date };
  }
  return null;
}

const PLAN_SELECT = `SELECT p.id, p.customer_id, c.full_name AS customer_name, p.branch_id, p.staff_id, p.staff_name, p.channel, p.purpose, p.reason,
  p.first_date, p.due_date, p.due_time, p.recurrence_unit, p.recurrence_every, p.until_date, p.occurrence, p.status, p.created_at
  FROM contact_plans p JOIN customers c ON c.id = p.customer_id`;

/** Contact plans (T2): who to contact, when, by which channel, by whom and why. */
export class PlanService {
  private readonly settings: BranchSettings;
  private readonly insert: CapturedInsert;
  private readonly byId: Statement;
  private readonly ofCustomer: Statement;
  private readonly customerState: Statement;
  private readonly staffById: Statement;
  private readonly setStatus: Statement;
  private readonly insertOutcome: CapturedInsert;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new BranchSettings(db);
    const s = db.sqlite;
    this.insert = this.capture.insertStatement('contact_plans',
      `INSERT INTO contact_plans (id, customer_id, branch_id, staff_id, staff_name, channel, purpose, reason, first_date, due_date, due_time,
         recurrence_unit, recurrence_every, until_date, occurrence, status, created_at, created_by, updated_at)
       VALUES (@id, @customerId, @branchId, @staffId, @staffName, @channel, @purpose, @reason, @dueDate, @dueDate, @dueTime,
         @unit, @every, @until, 0, 'open', @now, @createdBy, @now)`,
    );
    this.byId = s.prepare(`${PLAN_SELECT} WHERE p.id = ?`);
    this.ofCustomer = s.prepare(`${PLAN_SELECT} WHERE p.customer_id = @customer AND (@all = 1 OR p.status = 'open') ORDER BY p.status = 'open' DESC, p.due_date, p.due_time LIMIT 200`);
    this.customerState = s.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
    this.staffById = s.prepare('SELECT id, display_name FROM users WHERE id = ? AND active = 1');
    this.setStatus = s.prepare('UPDATE contact_plans SET status = @status, updated_at = @now WHERE id = @id');
    this.insertOutcome = this.capture.insertStatement('agenda_outcomes',
      `INSERT INTO agenda_outcomes (id, customer_id, branch_id, source, plan_id, occasion, action, due_date, new_date, reason, interaction_id, staff_id, staff_name, created_at)
       VALUES (@id, @customerId, @branchId, @source, @planId, @occasion, @action, @dueDate, @newDate, @reason, @interactionId, @staffId, @staffName, @now)`,
    );
  }

  branch(): BranchIdentity {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    return branch;
  }

  today(): string {
    return todayIn(this.branch().timeZone, this.now());
  }

  add(actor: UserActor, input: PlanInput): ContactPlan {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.branch();
      const state = this.customerState.get(input.customerId) as { archived_at: string | null; deleted: number } | undefined;
      if (!state || state.deleted) throw new AppError('VALIDATION_FAILED', [{ path: ['customerId'], code: 'unknown_customer' }]);
      if (state.archived_at) throw new AppError('ARCHIVED');
      const staff = this.staffById.get(input.staffId ?? actor.userId) as { id: string; display_name: string } | undefined;
      if (!staff) throw new AppError('VALIDATION_FAILED', [{ path: ['staffId'], code: 'unknown_staff' }]);
      if (input.dueDate < todayIn(branch.timeZone, this.now())) throw new AppError('VALIDATION_FAILED', [{ path: ['dueDate'], code: 'past_date' }]);
      const now = this.now().toISOString();
      this.insert(now, {
        id,
        customerId: input.customerId,
        branchId: branch.branchId,
        staffId: staff.id,
        staffName: staff.display_name,
        channel: input.channel,
        purpose: input.purpose,
        reason: input.reason ?? null,
        dueDate: input.dueDate,
        dueTime: input.dueTime ?? null,
        unit: input.recurrence?.unit ?? null,
        every: input.recurrence ? input.recurrence.every : null,
        until: input.recurrence?.until ?? null,
        now,
        createdBy: actor.userId,
      });
    });
    return this.get(id);
  }

  get(id: string): ContactPlan {
    const row = this.row(id);
    if (!row) throw new AppError('NOT_FOUND');
    return planOf(row);
  }

  row(id: string): PlanRow | undefined {
    return this.byId.get(id) as PlanRow | undefined;
  }

  forCustomer(customerId: string, includeClosed: boolean): ContactPlan[] {
    return (this.ofCustomer.all({ customer: customerId, all: includeClosed ? 1 : 0 }) as PlanRow[]).map(planOf);
  }

  cancel(actor: UserActor, planId: string, reason: string): ContactPlan {
    this.capture.transaction(() => {
      const plan = this.row(planId);
      if (!plan) throw new AppError('NOT_FOUND');
      if (plan.status !== 'open') throw new AppError('AGENDA_ITEM_GONE');
      const now = this.now().toISOString();
      this.update(plan.id, now, () => this.setStatus.run({ id: plan.id, status: 'cancelled', now }));
      this.outcome(actor, { customerId: plan.customer_id, source: 'plan', planId: plan.id, occasion: String(plan.occurrence), action: 'cancelled', dueDate: plan.due_date, reason }, now);
    });
    return this.get(planId);
  }

  /** Runs a change to a plan row with its capture (inside the caller's transaction). */
  update(planId: string, now: string, change: () => void): void {
    const before = this.capture.snapshot('contact_plans', planId);
    change();
    this.capture.record('contact_plans', planId, before, now);
  }

  /** Appends what was done with an agenda item (inside the caller's transaction). */
  outcome(
    actor: UserActor,
    o: { customerId: string; source: string; planId?: string | null; occasion: string; action: string; dueDate: string; newDate?: string | null; reason?: string | null; interactionId?: string | null },
    now: string,
  ): string {
    const id = newId();
    this.insertOutcome(now, {
      id,
      customerId: o.customerId,
      branchId: this.branch().branchId,
      source: o.source,
      planId: o.planId ?? null,
      occasion: o.occasion,
      action: o.action,
      dueDate: o.dueDate,
      newDate: o.newDate ?? null,
      reason: o.reason ?? null,
      interactionId: o.interactionId ?? null,
      staffId: actor.userId,
      staffName: actor.displayName,
      now,
    });
    return id;
  }
}
