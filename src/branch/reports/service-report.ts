import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import { meta } from './meta.js';

type ServiceReport = OutputOf<'reports.service'>;

/**
 * Service and activity (A6). Cases and interactions are kept by the
 * front-office features: each part reads their table when this branch has
 * it (cases: category, department, branch_id, opened_at, resolved_at,
 * sla_due_at; interactions: staff_id, occurred_at) and says "not recorded"
 * otherwise. Staff activity already counts the customers each person
 * registered and last changed in the period.
 */
export function serviceReport(ctx: ReportContext, period: Period): ServiceReport {
  const started = performance.now();
  const p = ctx.period(period);
  const params: Record<string, string> = { fromIso: p.fromIso ?? '', toIso: p.toIso };
  if (p.branchId) params.branchId = p.branchId;

  let cases: ServiceReport['cases'] = { recorded: false, table: 'cases' };
  const caseColumns = ctx.optionalTable('cases', ['category', 'department', 'branch_id', 'opened_at', 'resolved_at', 'sla_due_at']);
  if (caseColumns) {
    const where = `WHERE opened_at >= @fromIso AND opened_at < @toIso${p.branchId ? ' AND branch_id = @branchId' : ''}${caseColumns.has('deleted') ? ' AND deleted = 0' : ''}`;
    const group = (col: string) =>
      ctx.sqlite.prepare(`SELECT coalesce(${col}, '-') AS key, count(*) AS cases FROM cases ${where} GROUP BY 1 ORDER BY cases DESC`).all(params) as { key: string; cases: number }[];
    const totals = ctx.sqlite
      .prepare(
        `SELECT count(*) AS total, count(resolved_at) AS resolved,
           sum(CASE WHEN sla_due_at IS NOT NULL AND coalesce(resolved_at, @toIso) > sla_due_at THEN 1 ELSE 0 END) AS breaches
         FROM cases ${where}`,
      )
      .get(params) as { total: number; resolved: number; breaches: number | null };
    const hours = ctx.sqlite
      .prepare(`SELECT (unixepoch(resolved_at) - unixepoch(opened_at)) / 3600.0 AS h FROM cases ${where} AND resolved_at IS NOT NULL ORDER BY h LIMIT 1 OFFSET (SELECT count(resolved_at) / 2 FROM cases ${where})`)
      .pluck()
      .get(params) as number | undefined;
    cases = {
      recorded: true,
      table: 'cases',
      total: totals.total,
      byCategory: group('category'),
      byDepartment: group('department'),
      byBranch: group('branch_id'),
      slaBreaches: totals.breaches ?? 0,
      resolved: totals.resolved,
      medianHoursToResolve: hours ?? null,
    };
  }

  const interactionColumns = ctx.optionalTable('interactions', ['staff_id', 'occurred_at']);
  const interactionWhere = `occurred_at >= @fromIso AND occurred_at < @toIso${interactionColumns?.has('branch_id') && p.branchId ? ' AND branch_id = @branchId' : ''}`;
  const interactions: ServiceReport['interactions'] = interactionColumns
    ? { recorded: true, table: 'interactions', total: ctx.sqlite.prepare(`SELECT count(*) FROM interactions WHERE ${interactionWhere}`).pluck().get(params) as number }
    : { recorded: false, table: 'interactions' };
  const perStaff = interactionColumns
    ? `(SELECT count(*) FROM interactions i WHERE i.staff_id = u.id AND ${interactionWhere.replace(/occurred_at/g, 'i.occurred_at')})`
    : 'NULL';
  const branchOfCustomer = p.branchId ? ' AND home_branch_id = @branchId' : '';
  const staff = ctx.sqlite
    .prepare(
      `SELECT u.id AS userId, u.display_name AS name,
         (SELECT count(*) FROM customers WHERE created_by = u.id AND created_at >= @fromIso AND created_at < @toIso${branchOfCustomer}) AS customersRegistered,
         (SELECT count(*) FROM customers WHERE updated_by = u.id AND updated_at >= @fromIso AND updated_at < @toIso AND updated_at <> created_at${branchOfCustomer}) AS customersUpdated,
         ${perStaff} AS interactions
       FROM users u WHERE u.active = 1 ORDER BY customersRegistered DESC, name`,
    )
    .all(params) as ServiceReport['staff'];
  return { meta: meta(ctx, period, started), cases, interactions, staff };
}
