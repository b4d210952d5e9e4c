import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import type { InteractionService } from '../interactions/service.js';
import { BranchSettings } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { todayIn } from '../../shared/domain/dates.js';
import { CHANNELS, type Channel } from '../../shared/domain/interaction.js';
import {
  DEFAULT_REMINDER_RULES,
  PLAN_COUNT_CAP,
  PLAN_PAGE,
  REMINDER_RULES,
  RULE_PURPOSE,
  addDays,
  parseAgendaKey,
  planKey,
  reminderKey,
  reminderRulesSchema,
  type Agenda,
  type AgendaActionResult,
  type AgendaCompleteInput,
  type AgendaDismissInput,
  type AgendaItem,
  type AgendaQuery,
  type AgendaRescheduleInput,
  type AgendaSkipInput,
  type ReminderRule,
  type ReminderRules,
} from '../../shared/domain/agenda.js';
import { nextOccurrence, type PlanRow, type PlanService } from './plans.js';
import { ReminderEngine, type ReminderHit } from './reminders.js';

const RULES_KEY = 'reminder_rules';

interface CustomerCard {
  id: string;
  full_name: string;
  customer_number: string;
  preferred_channel: string | null;
  phone: string | null;
  whatsapp: number | null;
}

/**
 * Each staff member's agenda (T2) with the branch's reminders (T3): open
 * plan occurrences up to the end of the day or week, overdue first, then by
 * date and time; every item is acted on by its key, and doing it logs a real
 * interaction in the same transaction.
 */
export class AgendaService {
  private readonly settings: BranchSettings;
  private readonly engine: ReminderEngine;
  private readonly plansDue: Statement;
  private readonly plansDueOf: Statement;
  private readonly plansOnDay: Statement;
  private readonly plansOnDayOf: Statement;
  private readonly plansBySeq: Statement;
  private readonly plansCount: Statement;
  private readonly plansCountOf: Statement;
  private readonly card: Statement;
  private readonly setDue: Statement;
  private readonly advance: Statement;
  private readonly finish: Statement;
  private readonly activeStaff: Statement;

  constructor(
    db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly plans: PlanService,
    private readonly interactions: InteractionService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settings = new BranchSettings(db);
    this.engine = new ReminderEngine(db);
    const s = db.sqlite;
    const planSelect = `SELECT p.id, p.customer_id, c.full_name AS customer_name, p.branch_id, p.staff_id, p.staff_name, p.channel, p.purpose, p.reason,
        p.first_date, p.due_date, p.due_time, p.recurrence_unit, p.recurrence_every, p.until_date, p.occurrence, p.status, p.created_at
      FROM contact_plans p CROSS JOIN customers c ON c.id = p.customer_id`;
    const planWhere = `p.status = 'open' AND p.due_date <= @to AND p.branch_id = @branch AND c.archived_at IS NULL AND c.deleted = 0`;
    // A page is read in due-date order through contact_plans_open_due / _open_staff and stops at the limit;
    // the last day is then read whole, so the order inside it (time, then name) is the agenda's.
    this.plansDue = s.prepare(`${planSelect} WHERE ${planWhere} ORDER BY p.due_date LIMIT @limit`);
    this.plansDueOf = s.prepare(`${planSelect} WHERE p.staff_id = @staff AND ${planWhere} ORDER BY p.due_date LIMIT @limit`);
    const dayWhere = `p.status = 'open' AND p.due_date = @day AND p.branch_id = @branch AND c.archived_at IS NULL AND c.deleted = 0`;
    // The last day in two steps: what orders it (a day can hold hundreds), then the whole rows of the ones shown.
    const dayKeys = `SELECT p.seq, p.due_date, p.due_time, c.full_name AS customer_name FROM contact_plans p CROSS JOIN customers c ON c.id = p.customer_id`;
    this.plansOnDay = s.prepare(`${dayKeys} WHERE ${dayWhere}`);
    this.plansOnDayOf = s.prepare(`${dayKeys} WHERE p.staff_id = @staff AND ${dayWhere}`);
    this.plansBySeq = s.prepare(`${planSelect} WHERE p.seq IN (SELECT value FROM json_each(@seqs))`);
    // Counts the days after a page's last day, up to what is still missing to PLAN_COUNT_CAP.
    const counted = (where: string) =>
      s.prepare(`SELECT count(*) FROM (SELECT 1 FROM contact_plans p CROSS JOIN customers c ON c.id = p.customer_id WHERE ${where} AND p.due_date > @after LIMIT @cap)`).pluck();
    this.plansCount = counted(planWhere);
    this.plansCountOf = counted(`p.staff_id = @staff AND ${planWhere}`);
    this.card = s.prepare(
      `SELECT c.id, c.full_name, c.customer_number, c.preferred_channel, p.value AS phone, p.whatsapp
       FROM customers c LEFT JOIN contact_points p ON p.seq = (
         SELECT seq FROM contact_points WHERE customer_id = c.id AND kind = 'phone' AND deleted = 0 AND invalid = 0 ORDER BY is_primary DESC, position LIMIT 1)
       WHERE c.id = ?`,
    );
    this.setDue = s.prepare('UPDATE contact_plans SET due_date = @dueDate, due_time = @dueTime, updated_at = @now WHERE id = @id');
    this.advance = s.prepare('UPDATE contact_plans SET occurrence = @occurrence, due_date = @dueDate, updated_at = @now WHERE id = @id');
    this.finish = s.prepare("UPDATE contact_plans SET status = 'done', updated_at = @now WHERE id = @id");
    this.activeStaff = s.prepare("SELECT id, display_name AS name, role FROM users WHERE active = 1 ORDER BY display_name");
  }

  rules(): ReminderRules {
    const saved = this.settings.get(RULES_KEY);
    if (!saved) return DEFAULT_REMINDER_RULES;
    // Saved by an older build: defaults fill in rules it did not know.
    const merged = { ...DEFAULT_REMINDER_RULES, ...(JSON.parse(saved) as object) };
    const parsed = reminderRulesSchema.safeParse(merged);
    return parsed.success ? parsed.data : DEFAULT_REMINDER_RULES;
  }

  saveRules(value: ReminderRules): ReminderRules {
    this.settings.set(RULES_KEY, JSON.stringify(value));
    return this.rules();
  }

  staff(): { id: string; name: string; role: string }[] {
    return this.activeStaff.all() as { id: string; name: string; role: string }[];
  }

  /** The agenda; `limit` defaults to one page (PLAN_PAGE) when called without the contract's defaults. */
  list(actor: UserActor, query: Omit<AgendaQuery, 'limit'> & { limit?: number }): Agenda {
    const started = performance.now();
    const branch = this.plans.branch();
    const realToday = todayIn(branch.timeZone, this.now());
    const today = query.date ?? realToday;
    const to = query.range === 'week' ? addDays(today, 6) : today;
    const staffId = query.staffId === undefined ? actor.userId : query.staffId;
    const { rows: planRows, total: plansTotal } = this.plansPage(staffId, to, branch.branchId, query.limit ?? PLAN_PAGE);
    const cards = new Map<string, CustomerCard>();
    const cardOf = (id: string) => {
      let c = cards.get(id);
      if (!c) {
        c = this.card.get(id) as CustomerCard;
        cards.set(id, c);
      }
      return c;
    };
    const items: AgendaItem[] = planRows.map((p) => {
      const c = cardOf(p.customer_id);
      return {
        key: planKey(p.id, p.occurrence),
        kind: 'plan',
        source: 'plan',
        customerId: p.customer_id,
        customerName: c.full_name,
        customerNumber: c.customer_number,
        phone: c.phone,
        whatsapp: Boolean(c.whatsapp),
        dueDate: p.due_date,
        dueTime: p.due_time,
        overdue: p.due_date < today,
        staffId: p.staff_id,
        staffName: p.staff_name,
        channel: p.channel,
        purpose: p.purpose,
        reason: p.reason,
        planId: p.id,
        recurrence: p.recurrence_unit ? { unit: p.recurrence_unit, every: p.recurrence_every ?? 1, until: p.until_date } : null,
        occasion: null,
        detail: null,
      };
    });
    const reminderTotals: Record<string, number> = {};
    if (query.reminders) {
      const results = this.engine.run({ today, to, zone: branch.timeZone, rules: this.rules() });
      for (const rule of REMINDER_RULES) {
        reminderTotals[rule] = results[rule].total;
        for (const hit of results[rule].hits) items.push(this.reminderItem(hit, cardOf(hit.customerId), today));
      }
    }
    items.sort(agendaOrder);
    return { today, from: today, to, timeZone: branch.timeZone, staffId, items, reminderTotals, plansTotal, tookMs: Math.round((performance.now() - started) * 100) / 100 };
  }

  /**
   * The first `limit` open plan occurrences due up to `to`, in agenda order
   * (day, time with untimed last, name), and how many there are (up to
   * PLAN_COUNT_CAP). Reads one page, not every plan of the range.
   */
  private plansPage(staffId: string | null, to: string, branch: string, limit: number): { rows: PlanRow[]; total: number } {
    const params = staffId === null ? { to, branch, limit } : { to, branch, limit, staff: staffId };
    let rows = (staffId === null ? this.plansDue : this.plansDueOf).all(params) as PlanRow[];
    if (rows.length < limit) return { rows: rows.sort(planOrder), total: rows.length };
    const lastDay = rows[rows.length - 1].due_date;
    const before = rows.filter((r) => r.due_date < lastDay);
    const day = staffId === null ? { day: lastDay, branch } : { day: lastDay, branch, staff: staffId };
    const onDay = ((staffId === null ? this.plansOnDay : this.plansOnDayOf).all(day) as (Pick<PlanRow, 'due_date' | 'due_time' | 'customer_name'> & { seq: number })[]).sort(planOrder);
    const shown = onDay.slice(0, limit - before.length).map((r) => r.seq);
    const lastRows = shown.length ? (this.plansBySeq.all({ seqs: JSON.stringify(shown) }) as PlanRow[]) : [];
    // Everything up to the last day is read already; only later days are still to count.
    let total = before.length + onDay.length;
    if (lastDay < to && total < PLAN_COUNT_CAP) total += (staffId === null ? this.plansCount : this.plansCountOf).get({ ...params, after: lastDay, cap: PLAN_COUNT_CAP - total }) as number;
    return { rows: before.concat(lastRows).sort(planOrder), total: Math.min(total, PLAN_COUNT_CAP) };
  }

  private reminderItem(hit: ReminderHit, c: CustomerCard, today: string): AgendaItem {
    return {
      key: reminderKey(hit.rule, hit.customerId, hit.occasion),
      kind: 'reminder',
      source: hit.rule,
      customerId: hit.customerId,
      customerName: c.full_name,
      customerNumber: c.customer_number,
      phone: c.phone,
      whatsapp: Boolean(c.whatsapp),
      dueDate: hit.dueDate,
      dueTime: null,
      overdue: !hit.standing && hit.dueDate < today,
      staffId: null,
      staffName: null,
      channel: defaultChannel(c),
      purpose: RULE_PURPOSE[hit.rule],
      reason: null,
      planId: null,
      recurrence: null,
      occasion: hit.occasion,
      detail: hit.detail,
    };
  }

  /** Done: logs the interaction and records the outcome; a recurring plan moves to its next occurrence. */
  complete(actor: UserActor, input: AgendaCompleteInput): AgendaActionResult {
    return this.capture.transaction(() => {
      const now = this.now().toISOString();
      const target = this.resolve(input.key);
      const interaction = this.interactions.log(actor, {
        customerId: target.customerId,
        channel: input.channel ?? target.channel,
        direction: 'outbound',
        exchange: 'two_way',
        purpose: input.purpose ?? target.purpose,
        outcome: input.outcome,
        durationMinutes: input.durationMinutes ?? null,
        notes: input.notes ?? null,
      });
      this.plans.outcome(actor, { ...target.outcome, action: 'done', interactionId: interaction.id }, now);
      const next = target.plan ? this.moveOn(target.plan, now) : null;
      return { key: input.key, action: 'done', interactionId: interaction.id, next };
    });
  }

  /** Another date (and time) for a plan's current occurrence, with a reason. */
  reschedule(actor: UserActor, input: AgendaRescheduleInput): AgendaActionResult {
    return this.capture.transaction(() => {
      const now = this.now().toISOString();
      const target = this.resolve(input.key);
      if (!target.plan) throw new AppError('VALIDATION_FAILED', [{ path: ['key'], code: 'not_a_plan' }]);
      if (input.dueDate < this.plans.today()) throw new AppError('VALIDATION_FAILED', [{ path: ['dueDate'], code: 'past_date' }]);
      const plan = target.plan;
      const dueTime = input.dueTime === undefined ? plan.due_time : input.dueTime;
      this.plans.update(plan.id, now, () => this.setDue.run({ id: plan.id, dueDate: input.dueDate, dueTime, now }));
      this.plans.outcome(actor, { ...target.outcome, action: 'rescheduled', newDate: input.dueDate, reason: input.reason }, now);
      return { key: input.key, action: 'rescheduled', interactionId: null, next: { key: input.key, dueDate: input.dueDate } };
    });
  }

  /** Not this time, with a reason: a recurring plan moves on, a one-off plan is finished. */
  skip(actor: UserActor, input: AgendaSkipInput): AgendaActionResult {
    return this.capture.transaction(() => {
      const now = this.now().toISOString();
      const target = this.resolve(input.key);
      if (!target.plan) throw new AppError('VALIDATION_FAILED', [{ path: ['key'], code: 'not_a_plan' }]);
      this.plans.outcome(actor, { ...target.outcome, action: 'skipped', reason: input.reason }, now);
      return { key: input.key, action: 'skipped', interactionId: null, next: this.moveOn(target.plan, now) };
    });
  }

  /** A reminder not worth acting on: it does not come back for the same occasion. */
  dismiss(actor: UserActor, input: AgendaDismissInput): AgendaActionResult {
    return this.capture.transaction(() => {
      const now = this.now().toISOString();
      const target = this.resolve(input.key);
      if (target.plan) throw new AppError('VALIDATION_FAILED', [{ path: ['key'], code: 'not_a_reminder' }]);
      this.plans.outcome(actor, { ...target.outcome, action: 'dismissed', reason: input.reason ?? null }, now);
      return { key: input.key, action: 'dismissed', interactionId: null, next: null };
    });
  }

  private moveOn(plan: PlanRow, now: string): { key: string; dueDate: string } | null {
    const next = nextOccurrence(plan, this.plans.today());
    if (!next) {
      this.plans.update(plan.id, now, () => this.finish.run({ id: plan.id, now }));
      return null;
    }
    this.plans.update(plan.id, now, () => this.advance.run({ id: plan.id, occurrence: next.occurrence, dueDate: next.dueDate, now }));
    return { key: planKey(plan.id, next.occurrence), dueDate: next.dueDate };
  }

  /** The open item behind a key, or AGENDA_ITEM_GONE (already handled, moved on, or no longer due). */
  private resolve(key: string): {
    customerId: string;
    channel: Channel;
    purpose: AgendaItem['purpose'];
    plan: PlanRow | null;
    outcome: { customerId: string; source: string; planId: string | null; occasion: string; dueDate: string };
  } {
    const parsed = parseAgendaKey(key);
    if (!parsed) throw new AppError('VALIDATION_FAILED', [{ path: ['key'], code: 'invalid_agenda_key' }]);
    if (parsed.kind === 'plan') {
      const plan = this.plans.row(parsed.planId);
      if (!plan) throw new AppError('NOT_FOUND');
      if (plan.status !== 'open' || plan.occurrence !== parsed.occurrence) throw new AppError('AGENDA_ITEM_GONE');
      return {
        customerId: plan.customer_id,
        channel: plan.channel,
        purpose: plan.purpose,
        plan,
        outcome: { customerId: plan.customer_id, source: 'plan', planId: plan.id, occasion: String(plan.occurrence), dueDate: plan.due_date },
      };
    }
    const branch = this.plans.branch();
    const today = todayIn(branch.timeZone, this.now());
    // A reminder is acted on while it is open: on today's agenda or the week's.
    const hit = this.engine.find({ today, to: addDays(today, 6), zone: branch.timeZone, rules: this.rules(), customerId: parsed.customerId }, parsed.rule, parsed.occasion);
    if (!hit) throw new AppError('AGENDA_ITEM_GONE');
    const card = this.card.get(parsed.customerId) as CustomerCard;
    return {
      customerId: parsed.customerId,
      channel: defaultChannel(card),
      purpose: RULE_PURPOSE[parsed.rule as ReminderRule],
      plan: null,
      outcome: { customerId: parsed.customerId, source: parsed.rule, planId: null, occasion: parsed.occasion, dueDate: hit.dueDate },
    };
  }
}

const SOURCE_ORDER: readonly string[] = REMINDER_RULES;

function defaultChannel(c: CustomerCard): Channel {
  if (c.preferred_channel && (CHANNELS as readonly string[]).includes(c.preferred_channel)) return c.preferred_channel as Channel;
  return c.whatsapp ? 'whatsapp' : 'phone';
}

/**
 * Overdue first, then by day and time (untimed after timed), plans before
 * reminders; plans by name, reminders by rule and then in the rule's own
 * order (most recently lapsed first, newest registration first...). The sort
 * is stable, so the rule's order survives.
 */
export function agendaOrder(a: AgendaItem, b: AgendaItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.dueTime !== b.dueTime) {
    if (a.dueTime === null) return 1;
    if (b.dueTime === null) return -1;
    return a.dueTime < b.dueTime ? -1 : 1;
  }
  if (a.kind !== b.kind) return a.kind === 'plan' ? -1 : 1;
  if (a.kind === 'reminder') return SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source);
  return NAME_ORDER.compare(a.customerName, b.customerName);
}

/** One collator for every comparison: localeCompare with a locale builds a new one per call. */
const NAME_ORDER = new Intl.Collator('id');

/** Plans among themselves in agendaOrder: day, time (untimed last), name. */
function planOrder(a: Pick<PlanRow, 'due_date' | 'due_time' | 'customer_name'>, b: Pick<PlanRow, 'due_date' | 'due_time' | 'customer_name'>): number {
  if (a.due_date !== b.due_date) return a.due_date < b.due_date ? -1 : 1;
  if (a.due_time !== b.due_time) {
    if (a.due_time === null) return 1;
    if (b.due_time === null) return -1;
    return a.due_time < b.due_time ? -1 : 1;
  }
  return NAME_ORDER.compare(a.customer_name, b.customer_name);
}
