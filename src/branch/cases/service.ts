import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import { BranchSettings } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import {
  ACTIVE_STATUSES,
  DEFAULT_CASE_SETTINGS,
  RESPONDING_STATUSES,
  TRANSITIONS,
  canMove,
  caseSettingsSchema,
  computeDeadlines,
  escalationDue,
  isReopen,
  nextDeadline,
  routeCase,
  type CaseDetail,
  type CaseEvent,
  type CaseEventKind,
  type CaseList,
  type CaseOpenInput,
  type CaseQuery,
  type CaseSettings,
  type CaseStatus,
  type CaseSummary,
  type CaseTransitionInput,
  type Department,
  type EscalationFacts,
} from '../../shared/domain/case.js';

/** The case row as SQLite stores it (the synced column names). */
export interface CaseRow {
  id: string;
  customer_id: string;
  branch_id: string;
  case_number: string;
  kind: CaseSummary['kind'];
  channel: CaseSummary['channel'];
  category: string;
  priority: CaseSummary['priority'];
  subject: string;
  description: string | null;
  department: Department;
  routed_by: CaseSummary['routedBy'];
  assignee_id: string | null;
  assignee_name: string | null;
  status: CaseStatus;
  opened_at: string;
  opened_by_name: string;
  first_response_due_at: string;
  first_responded_at: string | null;
  sla_due_at: string;
  head_office_due_at: string;
  resolved_at: string | null;
  closed_at: string | null;
  resolution: string | null;
  satisfaction: number | null;
  satisfaction_note: string | null;
  escalation_level: number;
  escalated_at: string | null;
  reopen_count: number;
  customer_name?: string | null;
  customer_number?: string | null;
}

export const SYSTEM_STAFF = { userId: 'system', displayName: 'Simpul' } as const;
const SETTINGS_KEY = 'case_settings';
const ACTIVE_SQL = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
/** The level due by @now, in SQL (the same rule as escalationDue). */
const LEVEL_DUE_SQL = `CASE WHEN k.status NOT IN ${ACTIVE_SQL} THEN 0
  WHEN @now >= k.head_office_due_at THEN 2
  WHEN @now >= k.sla_due_at OR (k.first_responded_at IS NULL AND @now >= k.first_response_due_at) THEN 1 ELSE 0 END`;

export function facts(r: CaseRow): EscalationFacts {
  return { status: r.status, firstResponseDueAt: r.first_response_due_at, firstRespondedAt: r.first_responded_at, slaDueAt: r.sla_due_at, headOfficeDueAt: r.head_office_due_at };
}

export function caseSummaryFromRow(r: CaseRow, now: Date): CaseSummary {
  const f = facts(r);
  const due = escalationDue(f, now);
  return {
    id: r.id,
    caseNumber: r.case_number,
    customerId: r.customer_id,
    customerName: r.customer_name ?? null,
    customerNumber: r.customer_number ?? null,
    branchId: r.branch_id,
    kind: r.kind,
    channel: r.channel,
    category: r.category,
    priority: r.priority,
    subject: r.subject,
    department: r.department,
    routedBy: r.routed_by,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    status: r.status,
    openedAt: r.opened_at,
    firstResponseDueAt: r.first_response_due_at,
    firstRespondedAt: r.first_responded_at,
    slaDueAt: r.sla_due_at,
    headOfficeDueAt: r.head_office_due_at,
    resolvedAt: r.resolved_at,
    closedAt: r.closed_at,
    satisfaction: r.satisfaction,
    escalationLevel: Math.max(r.escalation_level, due),
    overdue: due > 0,
    nextDeadline: nextDeadline(f),
  };
}

/**
 * Cases (S1) at a branch. Every write runs in one change-capturing
 * transaction: the case row changes and its history gains one event per
 * change, or nothing happens.
 */
/** The branch's case settings (categories with their labels, routing, SLA targets), or the defaults. */
export function readCaseSettings(store: BranchSettings): CaseSettings {
  const stored = store.get(SETTINGS_KEY);
  if (!stored) return DEFAULT_CASE_SETTINGS;
  const parsed = caseSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_CASE_SETTINGS;
}

export class CaseService {
  private readonly settingsStore: BranchSettings;
  private readonly insertCase: CapturedInsert;
  private readonly insertEvent: CapturedInsert;
  private readonly byId: Statement;
  private readonly byNumber: Statement;
  private readonly eventsOf: Statement;
  private readonly customerState: Statement;
  private readonly activeStaff: Statement;
  private readonly staffById: Statement;
  private readonly dueForEscalation: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.settingsStore = new BranchSettings(db);
    const s = db.sqlite;
    this.insertCase = this.capture.insertStatement('cases',
      `INSERT INTO cases (id, customer_id, branch_id, case_number, kind, channel, category, priority, subject, description, department, routed_by,
         assignee_id, assignee_name, status, opened_at, opened_by, opened_by_name, first_response_due_at, sla_due_at, head_office_due_at,
         created_at, updated_at, updated_by)
       VALUES (@id, @customer_id, @branch_id, @case_number, @kind, @channel, @category, @priority, @subject, @description, @department, @routed_by,
         @assignee_id, @assignee_name, @status, @now, @staff_id, @staff_name, @first_response_due_at, @sla_due_at, @head_office_due_at, @now, @now, @staff_id)`,
    );
    this.insertEvent = this.capture.insertStatement('case_events',
      `INSERT INTO case_events (id, case_id, customer_id, branch_id, at, kind, from_value, to_value, note, staff_id, staff_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const select = `SELECT k.*, c.full_name AS customer_name, c.customer_number AS customer_number FROM cases k LEFT JOIN customers c ON c.id = k.customer_id`;
    this.byId = s.prepare(`${select} WHERE k.id = ? AND k.deleted = 0`);
    this.byNumber = s.prepare(`${select} WHERE k.case_number = ? AND k.deleted = 0`);
    this.eventsOf = s.prepare('SELECT id, at, kind, from_value, to_value, note, staff_name FROM case_events WHERE case_id = ? ORDER BY at, seq');
    this.customerState = s.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
    this.activeStaff = s.prepare('SELECT id, display_name AS name, role FROM users WHERE active = 1 ORDER BY display_name');
    this.staffById = s.prepare('SELECT id, display_name AS name FROM users WHERE id = ? AND active = 1');
    this.dueForEscalation = s.prepare(
      `SELECT k.* FROM cases k WHERE k.deleted = 0 AND k.branch_id = @branch AND k.status IN ${ACTIVE_SQL} AND k.escalation_level < 2
         AND (${LEVEL_DUE_SQL}) > k.escalation_level`,
    );
  }

  // ------------------------------------------------------------ settings

  settings(): CaseSettings {
    return readCaseSettings(this.settingsStore);
  }

  /** Replaces the routing rules and SLA targets; open cases keep the deadlines they were given. */
  updateSettings(settings: CaseSettings): CaseSettings {
    this.settingsStore.set(SETTINGS_KEY, JSON.stringify(settings));
    return this.settings();
  }

  staff(): { items: { id: string; name: string; role: string }[] } {
    return { items: this.activeStaff.all() as { id: string; name: string; role: string }[] };
  }

  // ------------------------------------------------------------ writes

  open(actor: UserActor, input: CaseOpenInput): CaseDetail {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.settingsStore.identity();
      if (!branch) throw new AppError('NOT_INITIALISED');
      const state = this.customerState.get(input.customerId) as { archived_at: string | null; deleted: number } | undefined;
      if (!state || state.deleted) throw new AppError('VALIDATION_FAILED', [{ path: ['customerId'], code: 'unknown_customer' }]);
      if (state.archived_at) throw new AppError('ARCHIVED');
      const settings = this.settings();
      const routed = routeCase(settings, input.category);
      if (!routed) throw new AppError('VALIDATION_FAILED', [{ path: ['category'], code: 'unknown_category' }]);
      const route = input.department && input.department !== routed.department ? { department: input.department, routedBy: 'manual' as const } : routed;
      const assignee = input.assigneeId ? this.staffMember(input.assigneeId, ['assigneeId']) : null;
      const nowDate = this.now();
      const now = nowDate.toISOString();
      const deadlines = computeDeadlines(settings, input.priority, nowDate);
      const n = Number(this.settingsStore.get('next_case_number') ?? '1');
      this.settingsStore.set('next_case_number', String(n + 1));
      const caseNumber = `${branch.branchCode}-K${String(n).padStart(6, '0')}`;
      this.insertCase(now, {
        id,
        customer_id: input.customerId,
        branch_id: branch.branchId,
        case_number: caseNumber,
        kind: input.kind,
        channel: input.channel,
        category: input.category,
        priority: input.priority,
        subject: input.subject,
        description: input.description ?? null,
        department: route.department,
        routed_by: route.routedBy,
        assignee_id: assignee?.id ?? null,
        assignee_name: assignee?.name ?? null,
        status: assignee ? 'assigned' : 'open',
        now,
        staff_id: actor.userId,
        staff_name: actor.displayName,
        first_response_due_at: deadlines.firstResponseDueAt,
        sla_due_at: deadlines.slaDueAt,
        head_office_due_at: deadlines.headOfficeDueAt,
      });
      const row = this.row(id);
      this.event(row, actor, now, 'opened', null, 'open', input.description ?? null);
      this.event(row, actor, now, 'routed', route.routedBy, route.department, null);
      if (assignee) {
        this.event(row, actor, now, 'assigned', null, assignee.name, null);
        this.event(row, actor, now, 'status', 'open', 'assigned', null);
      }
    });
    return this.get(id);
  }

  assign(actor: UserActor, input: { id: string; assigneeId: string; note?: string | null }): CaseDetail {
    return this.change(input.id, actor, (row, now) => {
      if (!ACTIVE_STATUSES.includes(row.status)) throw new AppError('CASE_TRANSITION', [{ path: ['id'], code: 'illegal_transition' }]);
      const staff = this.staffMember(input.assigneeId, ['assigneeId']);
      if (staff.id === row.assignee_id) return [];
      const set: Partial<CaseRow> = { assignee_id: staff.id, assignee_name: staff.name };
      const events: PendingEvent[] = [['assigned', row.assignee_name, staff.name, input.note ?? null]];
      if (row.status === 'open') {
        set.status = 'assigned';
        events.push(['status', 'open', 'assigned', null]);
      }
      return [set, events];
    });
  }

  transition(actor: UserActor, input: CaseTransitionInput): CaseDetail {
    return this.change(input.id, actor, (row, now) => {
      if (!canMove(row.status, input.to)) throw new AppError('CASE_TRANSITION', [{ path: ['to'], code: 'illegal_transition' }]);
      const set: Partial<CaseRow> = { status: input.to };
      const events: PendingEvent[] = [];
      if (input.to === 'resolved') {
        const resolution = input.resolution ?? null;
        if (!resolution) throw new AppError('VALIDATION_FAILED', [{ path: ['resolution'], code: 'required' }]);
        set.resolution = resolution;
        set.resolved_at = now;
        events.push(['resolution', row.resolution, resolution, null]);
      }
      if (input.to === 'closed') set.closed_at = now;
      if (RESPONDING_STATUSES.includes(input.to) && !row.first_responded_at) set.first_responded_at = now;
      if (isReopen(row.status, input.to)) {
        set.resolved_at = null;
        set.closed_at = null;
        set.satisfaction = null;
        set.satisfaction_note = null;
        set.reopen_count = row.reopen_count + 1;
      }
      // Whoever starts work on an unassigned case takes it.
      if (input.to === 'in_progress' && !row.assignee_id) {
        set.assignee_id = actor.userId;
        set.assignee_name = actor.displayName;
        events.push(['assigned', null, actor.displayName, null]);
      }
      events.unshift(['status', row.status, input.to, input.note ?? null]);
      return [set, events];
    });
  }

  reroute(actor: UserActor, input: { id: string; department: Department; note?: string | null }): CaseDetail {
    return this.change(input.id, actor, (row) => {
      if (!ACTIVE_STATUSES.includes(row.status)) throw new AppError('CASE_TRANSITION', [{ path: ['id'], code: 'illegal_transition' }]);
      if (row.department === input.department) return [];
      return [{ department: input.department, routed_by: 'manual' }, [['routed', row.department, input.department, input.note ?? null]]];
    });
  }

  rate(actor: UserActor, input: { id: string; satisfaction: number; note?: string | null }): CaseDetail {
    return this.change(input.id, actor, (row) => {
      if (row.status !== 'resolved' && row.status !== 'closed') throw new AppError('CASE_NOT_RESOLVED');
      return [
        { satisfaction: input.satisfaction, satisfaction_note: input.note ?? null },
        [['satisfaction', row.satisfaction === null ? null : String(row.satisfaction), String(input.satisfaction), input.note ?? null]],
      ];
    });
  }

  comment(actor: UserActor, input: { id: string; note: string }): CaseDetail {
    return this.change(input.id, actor, () => [{}, [['comment', null, null, input.note]]]);
  }

  /**
   * Records the escalations due by now for this branch's own cases (a
   * serving branch leaves them to the owner): the level, when, and one
   * history event each. Returns how many cases escalated.
   */
  escalateDue(): number {
    const branch = this.settingsStore.identity();
    if (!branch) return 0;
    const nowDate = this.now();
    const now = nowDate.toISOString();
    const due = this.dueForEscalation.all({ branch: branch.branchId, now }) as CaseRow[];
    if (due.length === 0) return 0;
    this.capture.transaction(() => {
      for (const candidate of due) {
        const row = this.row(candidate.id);
        const level = escalationDue(facts(row), nowDate);
        if (level <= row.escalation_level) continue;
        this.update(row, { escalation_level: level, escalated_at: now }, SYSTEM_STAFF.userId, now);
        this.event(row, { userId: SYSTEM_STAFF.userId, displayName: SYSTEM_STAFF.displayName }, now, 'escalated', String(row.escalation_level), String(level), null);
      }
    });
    return due.length;
  }

  // ------------------------------------------------------------ reads

  get(ref: string): CaseDetail {
    const row = this.find(ref);
    const now = this.now();
    const events = (this.eventsOf.all(row.id) as { id: string; at: string; kind: CaseEventKind; from_value: string | null; to_value: string | null; note: string | null; staff_name: string }[]).map(
      (e): CaseEvent => ({ id: e.id, at: e.at, kind: e.kind, fromValue: e.from_value, toValue: e.to_value, note: e.note, staffName: e.staff_name }),
    );
    return {
      ...caseSummaryFromRow(row, now),
      description: row.description,
      resolution: row.resolution,
      satisfactionNote: row.satisfaction_note,
      openedByName: row.opened_by_name,
      reopenCount: row.reopen_count,
      escalatedAt: row.escalated_at,
      allowedMoves: [...TRANSITIONS[row.status]],
      events,
    };
  }

  list(actor: UserActor, q: CaseQuery): CaseList {
    const now = this.now();
    const params: Record<string, unknown> = { now: now.toISOString(), limit: q.limit, offset: q.offset };
    const where = ['k.deleted = 0'];
    if (q.status === 'active') where.push(`k.status IN ${ACTIVE_SQL}`);
    else if (q.status !== 'all') {
      where.push('k.status = @status');
      params.status = q.status;
    }
    if (q.department) {
      where.push('k.department = @department');
      params.department = q.department;
    }
    if (q.assignee === 'none') where.push('k.assignee_id IS NULL');
    else if (q.assignee) {
      where.push('k.assignee_id = @assignee');
      params.assignee = q.assignee === 'me' ? actor.userId : q.assignee;
    }
    if (q.overdue === true) where.push(`(${LEVEL_DUE_SQL}) > 0`);
    if (q.overdue === false) where.push(`(${LEVEL_DUE_SQL}) = 0`);
    if (q.escalation) {
      where.push(`max(k.escalation_level, ${LEVEL_DUE_SQL}) >= @escalation`);
      params.escalation = q.escalation;
    }
    if (q.customerId) {
      where.push('k.customer_id = @customer');
      params.customer = q.customerId;
    }
    if (q.query) {
      where.push(`(k.case_number LIKE @numberPrefix ESCAPE '\\' OR k.subject LIKE @word ESCAPE '\\' OR c.full_name LIKE @word ESCAPE '\\')`);
      const escaped = q.query.replace(/[\\%_]/g, (m) => `\\${m}`);
      params.numberPrefix = `${escaped.toUpperCase()}%`;
      params.word = `%${escaped}%`;
    }
    const from = `FROM cases k LEFT JOIN customers c ON c.id = k.customer_id WHERE ${where.join(' AND ')}`;
    const s = this.db.sqlite;
    const total = s.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number;
    const rows = s
      .prepare(
        `SELECT k.*, c.full_name AS customer_name, c.customer_number AS customer_number ${from}
         ORDER BY CASE WHEN k.status IN ${ACTIVE_SQL} THEN 0 ELSE 1 END, CASE WHEN k.status IN ${ACTIVE_SQL} THEN k.sla_due_at END, k.opened_at DESC, k.id DESC
         LIMIT @limit OFFSET @offset`,
      )
      .all(params) as CaseRow[];
    const overdueTotal = s.prepare(`SELECT count(*) FROM cases k WHERE k.deleted = 0 AND (${LEVEL_DUE_SQL}) > 0`).pluck().get({ now: params.now }) as number;
    return { total, items: rows.map((r) => caseSummaryFromRow(r, now)), overdueTotal };
  }

  // ------------------------------------------------------------ inner workings

  private find(ref: string): CaseRow {
    const row = (this.byId.get(ref) ?? this.byNumber.get(ref.trim().toUpperCase())) as CaseRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }

  private row(id: string): CaseRow {
    return this.byId.get(id) as CaseRow;
  }

  private staffMember(id: string, path: string[]): { id: string; name: string } {
    const staff = this.staffById.get(id) as { id: string; name: string } | undefined;
    if (!staff) throw new AppError('VALIDATION_FAILED', [{ path, code: 'unknown_staff' }]);
    return staff;
  }

  /** One change: read the case, decide (or refuse), write the row and its events together. */
  private change(ref: string, actor: UserActor, decide: (row: CaseRow, now: string) => [Partial<CaseRow>, PendingEvent[]] | []): CaseDetail {
    let id = '';
    this.capture.transaction(() => {
      const row = this.find(ref);
      id = row.id;
      const now = this.now().toISOString();
      const decision = decide(row, now);
      if (decision.length === 0) return;
      const [set, events] = decision;
      this.update(row, set, actor.userId, now);
      for (const [kind, from, to, note] of events) this.event(row, actor, now, kind, from, to, note);
    });
    return this.get(id);
  }

  private update(row: CaseRow, set: Partial<CaseRow>, staffId: string, now: string): void {
    const columns = Object.keys(set);
    if (columns.length === 0) return;
    const before = this.capture.snapshot('cases', row.id);
    this.db.sqlite
      .prepare(`UPDATE cases SET ${columns.map((c) => `"${c}" = @${c}`).join(', ')}, updated_at = @__now, updated_by = @__by WHERE id = @__id`)
      .run({ ...set, __now: now, __by: staffId, __id: row.id });
    this.capture.record('cases', row.id, before, now);
  }

  private event(row: CaseRow, actor: { userId: string; displayName: string }, at: string, kind: CaseEventKind, from: string | null, to: string | null, note: string | null): void {
    const id = newId();
    // The branch that recorded the step (a serving branch may work another branch's case).
    const branchId = this.settingsStore.identity()?.branchId ?? row.branch_id;
    this.insertEvent(at, id, row.id, row.customer_id, branchId, at, kind, from, to, note, actor.userId, actor.displayName);
  }
}

type PendingEvent = [CaseEventKind, string | null, string | null, string | null];
