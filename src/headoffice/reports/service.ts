import { sql } from 'drizzle-orm';
import type { HeadOfficeDb } from '../db/open.js';
import { query } from '../sync/sql.js';
import type { PeriodInput } from '../../shared/reports/filters.js';
import { headOfficeContext, reportMeta, reportSettings, scopesOf, type ScopeName } from './scoped.js';

/**
 * Service and activity (A6) at the head office, over the cases,
 * interactions and customers every branch synced (sync_objects), for all
 * branches together and per branch (the branch that recorded the row). The
 * definitions are the branch's (src/branch/reports/service-report.ts):
 * - cases opened in the period (deleted ones left out), by category and
 *   department; resolved = has a resolution time;
 * - an SLA breach: resolved after the resolution deadline, or still
 *   unresolved at the end of the period with the deadline passed;
 * - median hours from opening to resolution over the resolved cases (for an
 *   even count the upper of the two middle values, as at a branch);
 * - satisfaction: how many resolved cases the customer rated, and the mean;
 * - interactions in the period, by channel;
 * - staff activity: per staff member (their id at the branch), the
 *   interactions they logged, the cases they opened and the customers they
 *   registered in the period; the most active first, at most STAFF_LIMIT.
 */

const STAFF_LIMIT = 100;

export interface ServiceCount {
  key: string;
  cases: number;
}

export interface ServiceStaff {
  staffId: string;
  name: string | null;
  interactions: number;
  casesOpened: number;
  customersRegistered: number;
}

export interface ServiceScope extends ScopeName {
  cases: {
    total: number;
    resolved: number;
    open: number;
    slaBreaches: number;
    medianHoursToResolve: number | null;
    satisfaction: { rated: number; average: number | null };
    byCategory: ServiceCount[];
    byDepartment: ServiceCount[];
  };
  interactions: { total: number; byChannel: { channel: string; interactions: number }[] };
  staff: ServiceStaff[];
  staffCount: number;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const scopeKey = (column: string) => sql.raw(`CASE WHEN grouping(${column}) = 1 THEN '*' ELSE ${column} END`);
const live = sql`coalesce(data->>'deleted', '0') NOT IN ('1', 'true')`;

export async function headOfficeService(db: HeadOfficeDb, now: Date, period: PeriodInput = {}) {
  const started = performance.now();
  const ctx = await headOfficeContext(db, now, period);
  const from = ctx.period.fromIso ?? '';
  const to = ctx.period.toIso;
  const cases = sql`SELECT data->>'branch_id' AS branch_id, coalesce(data->>'category', '-') AS category, coalesce(data->>'department', '-') AS department,
      data->>'resolved_at' AS resolved_at, data->>'sla_due_at' AS sla_due_at, (data->>'satisfaction')::float8 AS satisfaction,
      CASE WHEN data->>'resolved_at' IS NOT NULL THEN extract(epoch FROM (data->>'resolved_at')::timestamptz - (data->>'opened_at')::timestamptz) / 3600.0 END AS hours
    FROM sync_objects WHERE table_name = 'cases' AND ${live} AND data->>'opened_at' >= ${from} AND data->>'opened_at' < ${to}`;

  type TotalRow = { scope: string; total: string; resolved: string; breaches: string; median: number | null; rated: string; satisfaction: number | null };
  type GroupRow = { scope: string; axis: 'category' | 'department'; key: string; cases: string };
  type ChannelRow = { scope: string; channel: string; interactions: string };
  type StaffRow = { scope: string; staff_id: string; name: string | null; interactions: string; cases: string; customers: string; rank: string; staff: string };
  // One statement after the other (PGlite has a single connection), in one snapshot with the report settings (no JIT).
  const { totals, groups, channels, staff } = await db.transaction(async (tx) => {
    const t = tx as unknown as HeadOfficeDb;
    await reportSettings(t);
    const totals = await query<TotalRow>(
      t,
      sql`SELECT ${scopeKey('branch_id')} AS scope, count(*) AS total, count(resolved_at) AS resolved,
          count(*) FILTER (WHERE sla_due_at IS NOT NULL AND coalesce(resolved_at, ${to}) > sla_due_at) AS breaches,
          (array_agg(hours ORDER BY hours) FILTER (WHERE hours IS NOT NULL))[count(hours) / 2 + 1] AS median,
          count(satisfaction) FILTER (WHERE resolved_at IS NOT NULL) AS rated, avg(satisfaction) FILTER (WHERE resolved_at IS NOT NULL) AS satisfaction
        FROM (${cases}) c GROUP BY GROUPING SETS ((branch_id), ())`,
    );
    const groups = await query<GroupRow>(
      t,
      sql`SELECT ${scopeKey('branch_id')} AS scope, CASE WHEN grouping(category) = 0 THEN 'category' ELSE 'department' END AS axis,
          coalesce(CASE WHEN grouping(category) = 0 THEN category END, department) AS key, count(*) AS cases
        FROM (${cases}) c GROUP BY GROUPING SETS ((branch_id, category), (category), (branch_id, department), (department))`,
    );
    const channels = await query<ChannelRow>(
      t,
      sql`SELECT ${scopeKey('branch_id')} AS scope, channel, count(*) AS interactions
        FROM (SELECT data->>'branch_id' AS branch_id, coalesce(data->>'channel', '-') AS channel FROM sync_objects
          WHERE table_name = 'interactions' AND ${live} AND data->>'occurred_at' >= ${from} AND data->>'occurred_at' < ${to}) i
        GROUP BY GROUPING SETS ((branch_id, channel), (channel))`,
    );
    const staff = await query<StaffRow>(
      t,
      sql`WITH acts AS (
          SELECT data->>'branch_id' AS branch_id, data->>'staff_id' AS staff_id, data->>'staff_name' AS name, 1 AS i, 0 AS c, 0 AS r
            FROM sync_objects WHERE table_name = 'interactions' AND ${live} AND data->>'occurred_at' >= ${from} AND data->>'occurred_at' < ${to}
          UNION ALL
          SELECT data->>'branch_id', data->>'opened_by', data->>'opened_by_name', 0, 1, 0
            FROM sync_objects WHERE table_name = 'cases' AND ${live} AND data->>'opened_at' >= ${from} AND data->>'opened_at' < ${to}
          UNION ALL
          SELECT created_by_branch, data->>'created_by', NULL, 0, 0, 1
            FROM sync_objects WHERE table_name = 'customers' AND ${live} AND data->>'created_at' >= ${from} AND data->>'created_at' < ${to}
        ),
        per AS (
          SELECT ${scopeKey('branch_id')} AS scope, staff_id, max(name) AS name, sum(i) AS interactions, sum(c) AS cases, sum(r) AS customers
          FROM acts WHERE staff_id IS NOT NULL GROUP BY GROUPING SETS ((branch_id, staff_id), (staff_id))
        ),
        ranked AS (
          SELECT *, row_number() OVER (PARTITION BY scope ORDER BY interactions + cases + customers DESC, name NULLS LAST, staff_id) AS rank,
            count(*) OVER (PARTITION BY scope) AS staff
          FROM per
        )
        SELECT * FROM ranked WHERE rank <= ${STAFF_LIMIT} ORDER BY scope, rank`,
    );
    return { totals, groups, channels, staff };
  });

  const keys = [...totals, ...groups, ...channels, ...staff].map((r) => r.scope);
  const scopes = scopesOf(ctx, keys, (key): Omit<ServiceScope, keyof ScopeName> => {
    const t = totals.find((r) => r.scope === key);
    const counts = (axis: GroupRow['axis']) =>
      groups
        .filter((g) => g.scope === key && g.axis === axis)
        .map((g) => ({ key: g.key, cases: num(g.cases) }))
        .sort((a, b) => b.cases - a.cases || a.key.localeCompare(b.key));
    const byChannel = channels
      .filter((c) => c.scope === key)
      .map((c) => ({ channel: c.channel, interactions: num(c.interactions) }))
      .sort((a, b) => b.interactions - a.interactions || a.channel.localeCompare(b.channel));
    const mine = staff.filter((s) => s.scope === key);
    const total = num(t?.total);
    const resolved = num(t?.resolved);
    return {
      cases: {
        total,
        resolved,
        open: total - resolved,
        slaBreaches: num(t?.breaches),
        medianHoursToResolve: t?.median === null || t?.median === undefined ? null : Number(t.median),
        satisfaction: { rated: num(t?.rated), average: t?.satisfaction === null || t?.satisfaction === undefined ? null : Number(t.satisfaction) },
        byCategory: counts('category'),
        byDepartment: counts('department'),
      },
      interactions: { total: byChannel.reduce((s, c) => s + c.interactions, 0), byChannel },
      staff: mine.map((s) => ({ staffId: s.staff_id, name: s.name, interactions: num(s.interactions), casesOpened: num(s.cases), customersRegistered: num(s.customers) })),
      staffCount: num(mine[0]?.staff),
    };
  });
  return { ...reportMeta(ctx, started), ...scopes };
}
