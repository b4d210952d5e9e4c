import { AppError } from '../../shared/api/errors.js';
import { needsPurchases, type CustomerFilter } from '../../shared/reports/filters.js';
import { FREQUENCY_SCORE, RECENCY_SCORE, TIER_SCORE } from '../../shared/reports/rfm.js';
import type { ReportContext } from './context.js';
import { pAliveSql, latestRun } from './prediction-model.js';
import type { SqlParams } from './metrics.js';

/**
 * A customer filter (a drill-down or a saved segment, M1) as SQL: conditions
 * on the customers row (attributes, contacts) and conditions on the RFM row
 * of rfmSql (classes, probability still active). Values always travel as
 * parameters.
 */

export interface FilterSql {
  /** Conditions on customers aliased c. */
  customer: string[];
  /** Conditions on the rfm row (aliased x); empty when the filter needs no purchase figures. */
  purchases: string[];
  /** 'nonBuyers': customers with no purchase in the period. */
  nonBuyers: boolean;
}

export function filterSql(ctx: ReportContext, f: CustomerFilter, params: SqlParams): FilterSql {
  const customer: string[] = ['c.archived_at IS NULL', 'c.deleted = 0'];
  const purchases: string[] = [];
  let n = 0;
  const bind = (value: string | number) => {
    const name = `f${n++}`;
    params[name] = value;
    return `@${name}`;
  };
  const inList = (column: string, values: (string | number)[]) => `${column} IN (${values.map(bind).join(', ')})`;

  if (f.stages?.length) customer.push(inList('c.lifecycle_stage', f.stages));
  if (f.gender) customer.push(`c.gender = ${bind(f.gender)}`);
  if (f.cities?.length) customer.push(inList('c.city', f.cities));
  if (f.homeBranchId) customer.push(`c.home_branch_id = ${bind(f.homeBranchId)}`);
  if (f.tags?.length) customer.push(`EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value IN (${f.tags.map(bind).join(', ')}))`);
  const contact = (flag: boolean | undefined, cond: string) => {
    if (flag === undefined) return;
    const exists = `EXISTS (SELECT 1 FROM contact_points p WHERE p.customer_id = c.id AND p.deleted = 0 AND p.invalid = 0 AND ${cond})`;
    customer.push(flag ? exists : `NOT ${exists}`);
  };
  contact(f.hasMobile, "p.kind = 'phone' AND p.phone_kind = 'mobile'");
  contact(f.hasEmail, "p.kind = 'email'");
  contact(f.hasWhatsapp, "p.kind = 'phone' AND p.whatsapp = 1");
  if (f.consent) throw new AppError('VALIDATION_FAILED', [{ path: ['filter', 'consent'], code: 'not_recorded' }]);
  if (f.assetKind) {
    const assets = ctx.optionalTable('customer_assets', ['customer_id', 'kind']);
    if (!assets) throw new AppError('VALIDATION_FAILED', [{ path: ['filter', 'assetKind'], code: 'not_recorded' }]);
    const live = assets.has('deleted') ? ' AND a.deleted = 0' : '';
    customer.push(`EXISTS (SELECT 1 FROM customer_assets a WHERE a.customer_id = c.id AND a.kind = ${bind(f.assetKind)}${live})`);
  }

  if (f.segments?.length) purchases.push(inList('x.segment', f.segments));
  if (f.recency?.length) purchases.push(inList('x.r', f.recency.map((b) => RECENCY_SCORE[b])));
  if (f.frequency?.length) purchases.push(inList('x.f', f.frequency.map((b) => FREQUENCY_SCORE[b])));
  if (f.tiers?.length) purchases.push(inList('x.m', f.tiers.map((t) => TIER_SCORE[t])));
  if (f.pAliveMin !== undefined || f.pAliveMax !== undefined) {
    const run = latestRun(ctx);
    if (!run) throw new AppError('VALIDATION_FAILED', [{ path: ['filter', 'pAliveMin'], code: 'no_model' }]);
    const p = pAliveSql('x', run.params, params);
    if (f.pAliveMin !== undefined) purchases.push(`${p} >= ${bind(f.pAliveMin)}`);
    if (f.pAliveMax !== undefined) purchases.push(`${p} <= ${bind(f.pAliveMax)}`);
  }
  const nonBuyers = f.buyers === 'nonBuyers';
  if (!nonBuyers && needsPurchases(f) && purchases.length === 0) purchases.push('1');
  return { customer, purchases, nonBuyers };
}
