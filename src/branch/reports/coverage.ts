import type { OutputOf } from '../../shared/api/contract.js';
import type { Period } from '../../shared/reports/filters.js';
import type { ReportContext } from './context.js';
import { meta } from './meta.js';
import { liveCustomers } from './rfm-report.js';

type CoverageReport = OutputOf<'reports.coverage'>;

/**
 * Coverage over all live customers (C6): who has a phone, a mobile, an
 * email, WhatsApp, any valid contact point; who bought recently; lifecycle
 * stages. Contact points marked invalid do not count. Social media handles
 * and consent are kept by features this branch does not have yet, and are
 * reported as not recorded. With a branch filter: customers whose home
 * branch it is.
 */
export function coverageReport(ctx: ReportContext, period: Period): CoverageReport {
  const started = performance.now();
  const p = ctx.period(period);
  const settings = ctx.settings();
  const params: Record<string, string | number> = {};
  let scope = 'customer_id NOT IN (SELECT id FROM customers WHERE archived_at IS NOT NULL OR deleted = 1)';
  let customers = liveCustomers(ctx);
  if (p.branchId) {
    params.branchId = p.branchId;
    scope = 'customer_id IN (SELECT id FROM customers WHERE home_branch_id = @branchId AND archived_at IS NULL AND deleted = 0)';
    customers = ctx.sqlite.prepare('SELECT count(*) FROM customers WHERE home_branch_id = @branchId AND archived_at IS NULL AND deleted = 0').pluck().get(params) as number;
  }
  // One row per customer with a valid contact point, kept by triggers (0021_reports_contact_flags):
  // bits 1 phone, 2 mobile, 4 WhatsApp, 8 email.
  const contacts = ctx.sqlite
    .prepare(
      `SELECT total(flags & 1 > 0) AS phone, total(flags & 2 > 0) AS mobile, total(flags & 8 > 0) AS email,
         total(flags & 4 > 0) AS whatsapp, total(flags & 9 > 0) AS valid
       FROM report_contact_flags WHERE ${scope}`,
    )
    .get(params) as { phone: number; mobile: number; email: number; whatsapp: number; valid: number };
  // Active now: a coverage report is a snapshot of today, whatever period the window shows.
  const activeParams = { ...params, activeFrom: new Date(ctx.now().getTime() - settings.activeDays * 86_400_000).toISOString() };
  // Every branch's customers: one row each in report_customers (0018); a home branch's: through the facts.
  const active = ctx.sqlite
    .prepare(
      p.branchId
        ? `SELECT count(*) FROM (SELECT customer_id FROM report_customer_facts
         WHERE last_sale_at >= @activeFrom AND ${scope} GROUP BY customer_id)`
        : 'SELECT count(*) FROM report_customers WHERE live = 1 AND last_sale_at >= @activeFrom',
    )
    .pluck()
    .get(activeParams) as number;
  const stages = ctx.sqlite
    .prepare(
      `SELECT lifecycle_stage AS stage, count(*) AS customers FROM customers
       WHERE archived_at IS NULL AND deleted = 0 ${p.branchId ? 'AND home_branch_id = @branchId' : ''}
       GROUP BY lifecycle_stage ORDER BY customers DESC`,
    )
    .all(params) as { stage: string; customers: number }[];
  const consent = ctx.optionalTable('consents', ['customer_id']);
  let reachable: CoverageReport['reachable'] = { recorded: false, table: 'consents' };
  if (consent) {
    const granted = consent.has('withdrawn_at') ? 'AND g.withdrawn_at IS NULL' : '';
    const count = ctx.sqlite
      .prepare(
        `SELECT count(*) FROM (SELECT customer_id FROM contact_points p WHERE deleted = 0 AND invalid = 0 AND ${scope}
           AND EXISTS (SELECT 1 FROM consents g WHERE g.customer_id = p.customer_id ${granted}) GROUP BY customer_id)`,
      )
      .pluck()
      .get(params) as number;
    reachable = { recorded: true, table: 'consents', count };
  }
  return {
    meta: meta(ctx, period, started),
    customers,
    phone: contacts.phone,
    mobile: contacts.mobile,
    email: contacts.email,
    whatsapp: contacts.whatsapp,
    validContact: contacts.valid,
    social: { recorded: false, table: 'contact_points (social)' },
    reachable,
    active,
    activeDays: settings.activeDays,
    stages,
  };
}
