import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { addDays, birthdayIn, daysBetween, isLeapYear, type ReminderRule, type ReminderRules } from '../../shared/domain/agenda.js';

/** Hours ahead of UTC of each branch zone (Indonesia keeps no daylight saving). */
export const ZONE_OFFSET_HOURS: Record<BranchTimeZone, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** The UTC instant a branch calendar day starts (00:00 local). */
export function dayStartUtc(date: string, zone: BranchTimeZone): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) - ZONE_OFFSET_HOURS[zone] * 3_600_000).toISOString();
}

/** SQL for the branch calendar day of a UTC ISO column. */
function localDay(column: string, zone: BranchTimeZone): string {
  return `date(${column}, '+${ZONE_OFFSET_HOURS[zone]} hours')`;
}

export interface ReminderHit {
  rule: ReminderRule;
  customerId: string;
  occasion: string;
  /** When to act (branch calendar). */
  dueDate: string;
  /** Dated by its event (overdue once past) or standing work shown today (lapsed, never reached). */
  standing: boolean;
  detail: { date: string | null; amount: number | null; label: string | null; age: number | null };
}

export interface ReminderWindow {
  today: string;
  /** Last day of the agenda being built. */
  to: string;
  zone: BranchTimeZone;
  rules: ReminderRules;
  /** Only this customer (checking one item before acting on it). */
  customerId?: string;
}

export interface RuleResult {
  hits: ReminderHit[];
  /** Open reminders of the rule in the window, before the limit; counting stops at REMINDER_COUNT_CAP. */
  total: number;
}

export { REMINDER_COUNT_CAP } from '../../shared/domain/agenda.js';
import { REMINDER_COUNT_CAP } from '../../shared/domain/agenda.js';

/**
 * The reminder rules (T3). Each reads the index that answers it (birthdays
 * by month-day, sales and due dates by day, resolved cases by time, last
 * sale per customer, registration time) and drops what already has an
 * outcome for the same occasion, so a greeted birthday or a dismissed
 * follow-up does not come back. Optional tables (cases) are read only when
 * this branch has them.
 */
export class ReminderEngine {
  private readonly statements = new Map<string, Statement>();
  private readonly handled: Statement;
  private readonly active: Statement;

  constructor(private readonly db: BranchDatabase) {
    this.handled = db.sqlite.prepare('SELECT 1 FROM agenda_outcomes WHERE customer_id = ? AND source = ? AND occasion = ? LIMIT 1').pluck();
    this.active = db.sqlite.prepare('SELECT 1 FROM customers WHERE id = ? AND archived_at IS NULL AND deleted = 0').pluck();
  }

  run(window: ReminderWindow): Record<ReminderRule, RuleResult> {
    const empty = (): RuleResult => ({ hits: [], total: 0 });
    const r = window.rules;
    return {
      birthday: r.birthday.enabled ? this.birthdays(window) : empty(),
      purchase: r.purchase.enabled ? this.purchases(window) : empty(),
      case: r.case.enabled ? this.cases(window) : empty(),
      asset: r.asset.enabled ? this.assets(window) : empty(),
      lapsed: r.lapsed.enabled ? this.lapsed(window) : empty(),
      never_reached: r.never_reached.enabled ? this.neverReached(window) : empty(),
    };
  }

  /** The one reminder with this occasion, if it is open now. */
  find(window: ReminderWindow & { customerId: string }, rule: ReminderRule, occasion: string): ReminderHit | null {
    const limitless = { ...window, rules: { ...window.rules, limitPerRule: 100_000 } };
    const all = this.run({ ...limitless, rules: onlyRule(limitless.rules, rule) });
    return all[rule].hits.find((h) => h.occasion === occasion) ?? null;
  }

  private statement(key: string, sql: () => string): Statement {
    let s = this.statements.get(key);
    if (!s) {
      s = this.db.sqlite.prepare(sql());
      this.statements.set(key, s);
    }
    return s;
  }

  /** Keeps open hits in order, up to the rule's limit; counts them all. */
  private keep(rule: ReminderRule, candidates: Iterable<Omit<ReminderHit, 'rule'>>, window: ReminderWindow): RuleResult {
    const hits: ReminderHit[] = [];
    let total = 0;
    const seen = new Set<string>();
    for (const c of candidates) {
      const once = `${c.customerId}\u0000${c.occasion}`;
      if (seen.has(once)) continue;
      seen.add(once);
      if (this.handled.get(c.customerId, rule, c.occasion)) continue;
      total += 1;
      if (hits.length < window.rules.limitPerRule) hits.push({ rule, ...c });
      if (total >= REMINDER_COUNT_CAP && hits.length >= window.rules.limitPerRule) break;
    }
    return { hits, total };
  }

  private customerFilter(window: ReminderWindow, column: string): string {
    return window.customerId ? ` AND ${column} = @customer` : '';
  }

  private params(window: ReminderWindow, extra: Record<string, unknown>): Record<string, unknown> {
    return window.customerId ? { ...extra, customer: window.customerId } : extra;
  }

  /**
   * Birthday greetings: birthdays from `overdueDays` ago to `daysAhead` (or the
   * agenda's end) ahead, a day at a time through the month-day index
   * (customers_birthday), so the rule stops reading once it has its limit and
   * its count instead of reading every birthday of the window.
   */
  private birthdays(w: ReminderWindow): RuleResult {
    const from = addDays(w.today, -w.rules.overdueDays);
    const ahead = addDays(w.today, w.rules.birthday.daysAhead);
    const to = ahead > w.to ? ahead : w.to;
    // 28 Feb of a common year also stands for 29 Feb (bound twice otherwise: IN (x, x) is x).
    const sql = `SELECT id, birth_date, full_name FROM customers
      WHERE substr(birth_date, 6) IN (@md, @leap) AND birth_date IS NOT NULL AND archived_at IS NULL AND deleted = 0${this.customerFilter(w, 'id')}`;
    const statement = this.statement(`birthday${w.customerId ? ':one' : ''}`, () => sql);
    const params = (md: string, leap: string) => this.params(w, { md, leap });
    function* candidates() {
      for (let day = from; day <= to; day = addDays(day, 1)) {
        const md = day.slice(5);
        const leap = md === '02-28' && !isLeapYear(Number(day.slice(0, 4))) ? '02-29' : md;
        const rows = (statement.all(params(md, leap)) as { id: string; birth_date: string; full_name: string }[])
          .filter((r) => r.birth_date < day && birthdayIn(r.birth_date, Number(day.slice(0, 4))) === day)
          .sort((a, b) => a.full_name.localeCompare(b.full_name));
        for (const r of rows) {
          yield {
            customerId: r.id,
            occasion: day,
            dueDate: day,
            standing: false,
            detail: { date: day, amount: null, label: null, age: Number(day.slice(0, 4)) - Number(r.birth_date.slice(0, 4)) },
          };
        }
      }
    }
    return this.keep('birthday', candidates(), w);
  }

  /**
   * Follow-up N days after a purchase: one per customer and purchase day, a
   * branch day at a time (oldest first, by name within the day), so the rule
   * stops reading sales once it has its limit and its count.
   */
  private purchases(w: ReminderWindow): RuleResult {
    const n = w.rules.purchase.daysAfter;
    const fromDay = addDays(w.today, -w.rules.overdueDays - n);
    const toDay = addDays(w.to, -n);
    const sql = `SELECT t.customer_id, sum(t.amount) AS amount, count(*) AS sales
      FROM transactions t CROSS JOIN customers c ON c.id = t.customer_id
      WHERE t.occurred_at >= @from AND t.occurred_at < @to AND t.kind = 'sale' AND t.voided_at IS NULL
        AND c.archived_at IS NULL AND c.deleted = 0${this.customerFilter(w, 't.customer_id')}
      GROUP BY t.customer_id ORDER BY c.sort_name`;
    const statement = this.statement(`purchase${w.customerId ? ':one' : ''}`, () => sql);
    const params = (day: string) => this.params(w, { from: dayStartUtc(day, w.zone), to: dayStartUtc(addDays(day, 1), w.zone) });
    function* candidates() {
      for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
        for (const r of statement.all(params(day)) as { customer_id: string; amount: number }[]) {
          yield { customerId: r.customer_id, occasion: day, dueDate: addDays(day, n), standing: false, detail: { date: day, amount: r.amount, label: null, age: null } };
        }
      }
    }
    return this.keep('purchase', candidates(), w);
  }

  /** Follow-up N days after a case is resolved; read only when this branch keeps cases. */
  private cases(w: ReminderWindow): RuleResult {
    const columns = this.columnsOf('cases');
    if (!columns || !['id', 'customer_id', 'resolved_at'].every((c) => columns.has(c))) return { hits: [], total: 0 };
    const n = w.rules.case.daysAfter;
    const fromDay = addDays(w.today, -w.rules.overdueDays - n);
    const toDay = addDays(w.to, -n);
    const label = columns.has('subject') ? 'k.subject' : columns.has('title') ? 'k.title' : columns.has('category') ? 'k.category' : 'NULL';
    const deleted = columns.has('deleted') ? ' AND k.deleted = 0' : '';
    const day = localDay('k.resolved_at', w.zone);
    const sql = `SELECT k.id, k.customer_id, ${day} AS day, ${label} AS label
      FROM cases k CROSS JOIN customers c ON c.id = k.customer_id
      WHERE k.resolved_at >= @from AND k.resolved_at < @to${deleted} AND c.archived_at IS NULL AND c.deleted = 0${this.customerFilter(w, 'k.customer_id')}
      ORDER BY k.resolved_at`;
    // Keyed by the columns seen: the statement is rebuilt if the cases table changes shape.
    const rows = this.statement(`case:${w.zone}:${label}:${deleted}${w.customerId ? ':one' : ''}`, () => sql).all(
      this.params(w, { from: dayStartUtc(fromDay, w.zone), to: dayStartUtc(addDays(toDay, 1), w.zone) }),
    ) as { id: string; customer_id: string; day: string; label: string | null }[];
    return this.keep(
      'case',
      rows.map((r) => ({ customerId: r.customer_id, occasion: r.id, dueDate: addDays(r.day, n), standing: false, detail: { date: r.day, amount: null, label: r.label ?? null, age: null } })),
      w,
    );
  }

  /** Asset due dates (service, renewal), from `daysAhead` before. */
  private assets(w: ReminderWindow): RuleResult {
    const from = addDays(w.today, -w.rules.overdueDays);
    const ahead = addDays(w.today, w.rules.asset.daysAhead);
    const to = ahead > w.to ? ahead : w.to;
    const sql = `SELECT a.id, a.customer_id, a.due_date, a.label, a.due_kind
      FROM customer_assets a CROSS JOIN customers c ON c.id = a.customer_id
      WHERE a.due_date >= @from AND a.due_date <= @to AND a.deleted = 0 AND a.due_date IS NOT NULL
        AND c.archived_at IS NULL AND c.deleted = 0${this.customerFilter(w, 'a.customer_id')}
      ORDER BY a.due_date, c.sort_name`;
    // Read lazily: by due date through customer_assets_due, sorted by name within a day, until the limit and the count are reached.
    const rows = this.statement(`asset${w.customerId ? ':one' : ''}`, () => sql).iterate(this.params(w, { from, to })) as IterableIterator<{
      id: string;
      customer_id: string;
      due_date: string;
      label: string;
      due_kind: string | null;
    }>;
    function* candidates() {
      for (const r of rows) {
        yield {
          customerId: r.customer_id,
          occasion: `${r.id}:${r.due_date}`,
          dueDate: r.due_date,
          standing: false,
          detail: { date: r.due_date, amount: null, label: r.due_kind ? `${r.label} (${r.due_kind})` : r.label, age: null },
        };
      }
    }
    return this.keep('asset', candidates(), w);
  }

  /** No purchase for N days: the most recently lapsed first; the occasion is the last purchase day. */
  private lapsed(w: ReminderWindow): RuleResult {
    const cutoff = dayStartUtc(addDays(w.today, -w.rules.lapsed.days + 1), w.zone);
    const day = localDay('f.last_sale_at', w.zone);
    const sql = `SELECT f.customer_id, f.last_sale_at, ${day} AS day FROM report_customer_facts f
      WHERE f.last_sale_at < @cutoff${this.customerFilter(w, 'f.customer_id')}
        AND NOT EXISTS (SELECT 1 FROM report_customer_facts g WHERE g.customer_id = f.customer_id AND g.last_sale_at >= @cutoff)
      ORDER BY f.last_sale_at DESC`;
    const rows = this.statement(`lapsed:${w.zone}${w.customerId ? ':one' : ''}`, () => sql).iterate(this.params(w, { cutoff })) as IterableIterator<{
      customer_id: string;
      day: string;
    }>;
    const active = this.active;
    const today = w.today;
    function* candidates() {
      for (const r of rows) {
        if (!active.get(r.customer_id)) continue;
        yield { customerId: r.customer_id, occasion: r.day, dueDate: today, standing: true, detail: { date: r.day, amount: null, label: null, age: daysBetween(r.day, today) } };
      }
    }
    return this.keep('lapsed', candidates(), w);
  }

  /** Never contacted: no interaction at all, N days after registration; the newest first. */
  private neverReached(w: ReminderWindow): RuleResult {
    const before = dayStartUtc(addDays(w.today, -w.rules.never_reached.daysAfterRegistration + 1), w.zone);
    const day = localDay('c.created_at', w.zone);
    const sql = `SELECT c.id, ${day} AS day FROM customers c
      WHERE c.archived_at IS NULL AND c.deleted = 0 AND c.created_at < @before${this.customerFilter(w, 'c.id')}
        AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id)
      ORDER BY c.created_at DESC, c.seq DESC`;
    const rows = this.statement(`never:${w.zone}${w.customerId ? ':one' : ''}`, () => sql).iterate(this.params(w, { before })) as IterableIterator<{ id: string; day: string }>;
    const today = w.today;
    function* candidates() {
      for (const r of rows) yield { customerId: r.id, occasion: 'never', dueDate: today, standing: true, detail: { date: r.day, amount: null, label: null, age: null } };
    }
    return this.keep('never_reached', candidates(), w);
  }

  private columnsOf(table: string): Set<string> | null {
    const rows = this.db.sqlite.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
    return rows.length ? new Set(rows) : null;
  }
}

function onlyRule(rules: ReminderRules, rule: ReminderRule): ReminderRules {
  const off = { enabled: false };
  return {
    ...rules,
    birthday: rule === 'birthday' ? rules.birthday : { ...rules.birthday, ...off },
    purchase: rule === 'purchase' ? rules.purchase : { ...rules.purchase, ...off },
    case: rule === 'case' ? rules.case : { ...rules.case, ...off },
    asset: rule === 'asset' ? rules.asset : { ...rules.asset, ...off },
    lapsed: rule === 'lapsed' ? rules.lapsed : { ...rules.lapsed, ...off },
    never_reached: rule === 'never_reached' ? rules.never_reached : { ...rules.never_reached, ...off },
  };
}
