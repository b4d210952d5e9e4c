import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { GENDERS, LIFECYCLE_STAGES } from '../domain/customer.js';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS } from './rfm.js';

/**
 * The filters every report takes (A8) and the customer filter a segment
 * saves (M1). A drill-down from a chart is a customer filter too, so it can
 * be saved as a segment as it stands.
 */

const date = z.string({ message: 'invalid_type' }).refine(isIsoDate, { message: 'invalid_date' });

/** Calendar dates in the branch's zone, both ends included; null: from the first purchase / up to today. */
export const periodSchema = z
  .object({
    from: date.nullable().default(null),
    to: date.nullable().default(null),
    /** Sales of one branch only (the selling branch); null: every branch this database knows. */
    branchId: z.string({ message: 'invalid_type' }).min(1).max(64).nullable().default(null),
  })
  .strict()
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'period_order', path: ['to'] });

export type Period = z.output<typeof periodSchema>;
export type PeriodInput = z.input<typeof periodSchema>;

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values, { message: 'invalid_value' }), { message: 'invalid_type' }).max(values.length, { message: 'too_many' }).optional();
const probability = z.number({ message: 'invalid_type' }).min(0, { message: 'invalid' }).max(1, { message: 'invalid' });

export const customerFilterSchema = z
  .object({
    /** 'buyers': bought at least once in the period; 'nonBuyers': never did. */
    buyers: z.enum(['all', 'buyers', 'nonBuyers'], { message: 'invalid_value' }).optional(),
    segments: list(RFM_SEGMENTS),
    recency: list(RECENCY_BUCKETS),
    frequency: list(FREQUENCY_BUCKETS),
    tiers: list(TIERS),
    stages: list(LIFECYCLE_STAGES),
    gender: z.enum(GENDERS, { message: 'invalid_value' }).optional(),
    cities: z.array(z.string({ message: 'invalid_type' }).trim().min(1).max(100, { message: 'too_long' })).max(50, { message: 'too_many' }).optional(),
    /** Any of these tags. */
    tags: z.array(z.string({ message: 'invalid_type' }).trim().min(1).max(40, { message: 'too_long' })).max(20, { message: 'too_many' }).optional(),
    homeBranchId: z.string({ message: 'invalid_type' }).min(1).max(64).optional(),
    hasMobile: z.boolean({ message: 'invalid_type' }).optional(),
    hasEmail: z.boolean({ message: 'invalid_type' }).optional(),
    hasWhatsapp: z.boolean({ message: 'invalid_type' }).optional(),
    /** Probability still active from the latest model run (A7). */
    pAliveMin: probability.optional(),
    pAliveMax: probability.optional(),
    /** Needs the consent records (P3); refused while they are not kept yet. */
    consent: z.object({ channel: z.string().min(1).max(40), purpose: z.string().min(1).max(40) }).strict().optional(),
    /** Needs the asset records (C4); refused while they are not kept yet. */
    assetKind: z.string({ message: 'invalid_type' }).min(1).max(40).optional(),
  })
  .strict()
  .refine((f) => f.pAliveMin === undefined || f.pAliveMax === undefined || f.pAliveMin <= f.pAliveMax, { message: 'invalid', path: ['pAliveMax'] });

export type CustomerFilter = z.output<typeof customerFilterSchema>;

/** True when the filter needs per-customer purchase figures (RFM classes, buyers). */
export function needsPurchases(f: CustomerFilter): boolean {
  return Boolean(f.segments?.length || f.recency?.length || f.frequency?.length || f.tiers?.length || (f.buyers && f.buyers !== 'all'));
}
