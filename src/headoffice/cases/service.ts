import { sql } from 'drizzle-orm';
import {
  ACTIVE_STATUSES,
  escalatedCasesQuerySchema,
  escalationDue,
  type EscalatedCase,
  type EscalatedCaseList,
} from '../../shared/domain/case.js';
import type { HeadOfficeDb } from '../db/open.js';
import { parseInput } from '../errors.js';
import { query } from '../sync/sql.js';

/**
 * Escalated and overdue cases of every branch (S1), read from the synced
 * rows in sync_objects (table 'cases', the branch's column names). A case
 * counts at the level its branch recorded, or at the level its deadlines
 * reach by now, whichever is higher: a branch that went offline after
 * syncing an open case cannot keep it from the head office.
 */

/** The synced case row as the head office holds it (jsonb data). */
export interface SyncedCaseData {
  customer_id: string;
  branch_id: string;
  case_number: string;
  kind: EscalatedCase['kind'];
  category: string;
  priority: EscalatedCase['priority'];
  subject: string;
  department: EscalatedCase['department'];
  assignee_name: string | null;
  status: EscalatedCase['status'];
  opened_at: string;
  first_response_due_at: string;
  first_responded_at: string | null;
  sla_due_at: string;
  head_office_due_at: string;
  escalation_level: number;
  deleted?: number | boolean;
}

const HOUR = 3_600_000;

/** One escalated case as the head office shows it, at `now`. */
export function escalatedCaseFromRow(
  rowId: string,
  d: SyncedCaseData,
  now: Date,
  extra: { branchCode?: string | null; branchName?: string | null; customerName?: string | null; customerNumber?: string | null } = {},
): EscalatedCase {
  const due = escalationDue(
    { status: d.status, firstResponseDueAt: d.first_response_due_at, firstRespondedAt: d.first_responded_at ?? null, slaDueAt: d.sla_due_at, headOfficeDueAt: d.head_office_due_at },
    now,
  );
  return {
    id: rowId,
    caseNumber: d.case_number,
    branchId: d.branch_id,
    branchCode: extra.branchCode ?? null,
    branchName: extra.branchName ?? null,
    customerId: d.customer_id,
    customerName: extra.customerName ?? null,
    customerNumber: extra.customerNumber ?? null,
    kind: d.kind,
    category: d.category,
    priority: d.priority,
    subject: d.subject,
    department: d.department,
    assigneeName: d.assignee_name ?? null,
    status: d.status,
    openedAt: d.opened_at,
    firstResponseDueAt: d.first_response_due_at,
    firstRespondedAt: d.first_responded_at ?? null,
    slaDueAt: d.sla_due_at,
    headOfficeDueAt: d.head_office_due_at,
    recordedLevel: Number(d.escalation_level ?? 0),
    escalationLevel: Math.max(Number(d.escalation_level ?? 0), due),
    hoursPastResolution: Math.round(((now.getTime() - Date.parse(d.sla_due_at)) / HOUR) * 10) / 10,
  };
}

/** Active cases escalated to at least `level`, every branch or one; the most escalated and most overdue first. */
export async function listEscalatedCases(db: HeadOfficeDb, input: unknown = {}, now: Date = new Date()): Promise<EscalatedCaseList> {
  const q = parseInput(escalatedCasesQuerySchema, input);
  const at = now.toISOString();
  const active = sql.join(ACTIVE_STATUSES.map((s) => sql`${s}`), sql`, `);
  // The level due by now, in SQL: the same rule as escalationDue (ISO UTC times compare as text).
  const due = sql`CASE WHEN o.data->>'status' NOT IN (${active}) THEN 0
    WHEN ${at} >= o.data->>'head_office_due_at' THEN 2
    WHEN ${at} >= o.data->>'sla_due_at' OR (o.data->>'first_responded_at' IS NULL AND ${at} >= o.data->>'first_response_due_at') THEN 1 ELSE 0 END`;
  const level = sql`GREATEST((o.data->>'escalation_level')::int, ${due})`;
  const conditions = [
    sql`o.table_name = 'cases'`,
    sql`coalesce(o.data->>'deleted', '0') NOT IN ('1', 'true')`,
    sql`o.data->>'status' IN (${active})`,
    sql`${level} >= ${q.level}`,
  ];
  if (q.branch) conditions.push(sql`(o.data->>'branch_id' = ${q.branch} OR b.code = ${q.branch.toUpperCase()})`);
  if (q.department) conditions.push(sql`o.data->>'department' = ${q.department}`);
  const where = sql.join(conditions, sql` AND `);
  const from = sql`FROM sync_objects o
    LEFT JOIN branches b ON b.id = o.data->>'branch_id'
    LEFT JOIN sync_objects c ON c.table_name = 'customers' AND c.row_id = o.data->>'customer_id'`;
  const rows = await query<{ row_id: string; data: SyncedCaseData | string; branch_code: string | null; branch_name: string | null; customer_name: string | null; customer_number: string | null }>(
    db,
    sql`SELECT o.row_id, o.data, b.code AS branch_code, b.name AS branch_name, c.data->>'full_name' AS customer_name, c.data->>'customer_number' AS customer_number
        ${from} WHERE ${where}
        ORDER BY ${level} DESC, o.data->>'sla_due_at', o.row_id LIMIT ${q.limit} OFFSET ${q.offset}`,
  );
  const groups = await query<{ branch_id: string; branch_code: string | null; cases: string | number; head_office: string | number }>(
    db,
    sql`SELECT o.data->>'branch_id' AS branch_id, b.code AS branch_code, count(*) AS cases, count(*) FILTER (WHERE ${level} >= 2) AS head_office
        ${from} WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 2`,
  );
  return {
    asOf: at,
    total: groups.reduce((s, g) => s + Number(g.cases), 0),
    items: rows.map((r) =>
      escalatedCaseFromRow(r.row_id, typeof r.data === 'string' ? (JSON.parse(r.data) as SyncedCaseData) : r.data, now, {
        branchCode: r.branch_code,
        branchName: r.branch_name,
        customerName: r.customer_name,
        customerNumber: r.customer_number,
      }),
    ),
    byBranch: groups.map((g) => ({ branchId: g.branch_id, branchCode: g.branch_code, cases: Number(g.cases), headOffice: Number(g.head_office) })),
  };
}
