import { z } from 'zod';
import { procedure, type Procedure, type Role } from '../procedure.js';
import { customerFilterSchema, periodSchema } from '../../reports/filters.js';
import { reportSettingsSchema } from '../../reports/settings.js';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS } from '../../reports/rfm.js';
import { REPORT_NAMES } from '../../reports/names.js';
import { id } from '../fields.js';

/** Back-office reporting window (REQUIREMENTS A1-A8, C6): read by the back office, managers and head office. */
export const REPORT_ROLES: readonly Role[] = ['back_office', 'branch_manager', 'ho_admin'];
const access = { roles: REPORT_ROLES };
const count = z.number().int();
const money = z.number();
const period = periodSchema.default({ from: null, to: null, branchId: null });

/** When data a report needs is kept by a feature this branch does not have yet. */
const notRecorded = z.object({ recorded: z.literal(false), table: z.string() });

export const reportMetaSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  branchId: z.string().nullable(),
  /** End of the period as a UTC instant. */
  asOf: z.string(),
  generatedAt: z.string(),
  ms: z.number(),
});

export const customerLineSchema = z.object({
  id: z.string(),
  customerNumber: z.string(),
  fullName: z.string(),
  city: z.string().nullable(),
  lastSaleAt: z.string().nullable(),
  sales: count,
  saleDays: count,
  revenue: money,
  cogs: money,
  segment: z.enum(RFM_SEGMENTS).nullable(),
  recency: z.enum(RECENCY_BUCKETS).nullable(),
  frequency: z.enum(FREQUENCY_BUCKETS).nullable(),
  tier: z.enum(TIERS).nullable(),
  /** Present when the line comes from a profitability or prediction view. */
  costToServe: money.optional(),
  profit: money.optional(),
  pAlive: z.number().optional(),
  expectedPurchases: z.number().optional(),
  expectedValue: z.number().optional(),
});

const bucketCount = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.object({ bucket: z.enum(values), customers: count, revenue: money }));

export const rfmReportSchema = z.object({
  meta: reportMetaSchema,
  liveCustomers: count,
  buyers: count,
  recency: bucketCount(RECENCY_BUCKETS),
  frequency: bucketCount(FREQUENCY_BUCKETS),
  tiers: bucketCount(TIERS),
  segments: bucketCount(RFM_SEGMENTS),
  /** Every non-empty (R, F, M) cell; R 1-5, F 1-4, M 1-4. */
  cells: z.array(z.object({ r: count, f: count, m: count, customers: count, revenue: money })),
});

export const topReportSchema = z.object({
  meta: reportMetaSchema,
  buyers: count,
  bySpend: z.array(customerLineSchema),
  byFrequency: z.array(customerLineSchema),
  /** Customers per frequency bucket and their share of buyers (the "72% buy once a year" view). */
  distribution: z.array(z.object({ bucket: z.enum(FREQUENCY_BUCKETS), customers: count, share: z.number() })),
});

const costTerm = z.union([notRecorded, z.object({ recorded: z.literal(true), table: z.string(), count, unitCost: money, total: money })]);

export const profitabilityReportSchema = z.object({
  meta: reportMetaSchema,
  totals: z.object({ customers: count, revenue: money, cogs: money, costToServe: money, profit: money }),
  costToServe: z.object({ interactions: costTerm, cases: costTerm, messages: costTerm }),
  most: z.array(customerLineSchema),
  least: z.array(customerLineSchema),
  bySegment: z.array(z.object({ bucket: z.enum(RFM_SEGMENTS), customers: count, revenue: money, cogs: money, costToServe: money, profit: money })),
  byTier: z.array(z.object({ bucket: z.enum(TIERS), customers: count, revenue: money, cogs: money, costToServe: money, profit: money })),
});

export const coverageReportSchema = z.object({
  meta: reportMetaSchema,
  customers: count,
  phone: count,
  mobile: count,
  email: count,
  whatsapp: count,
  /** A phone or email not marked invalid. */
  validContact: count,
  social: notRecorded,
  /** Valid contact plus consent: needs consent records (P3). */
  reachable: z.union([notRecorded, z.object({ recorded: z.literal(true), table: z.string(), count })]),
  /** Bought within the configured number of days. */
  active: count,
  activeDays: count,
  stages: z.array(z.object({ stage: z.string(), customers: count })),
});

const salesPoint = z.object({ sales: count, revenue: money, refunds: count });
export const patternsReportSchema = z.object({
  meta: reportMetaSchema,
  byMonth: z.array(salesPoint.extend({ month: count })),
  byWeekday: z.array(salesPoint.extend({ weekday: count })),
  byHour: z.array(salesPoint.extend({ hour: count })),
  trend: z.array(salesPoint.extend({ period: z.string() })),
  bundles: z.union([
    notRecorded,
    z.object({
      recorded: z.literal(true),
      table: z.string(),
      baskets: count,
      pairs: z.array(z.object({ a: z.string(), b: z.string(), together: count, support: z.number(), confidence: z.number(), lift: z.number() })),
    }),
  ]),
});

export const ANOMALY_RULES = ['customer_amount', 'branch_amount', 'refund_burst', 'out_of_hours', 'heavy_discount'] as const;
export const anomalyFlagSchema = z.object({
  transactionId: z.string(),
  rule: z.enum(ANOMALY_RULES),
  customerId: z.string(),
  customerNumber: z.string().nullable(),
  fullName: z.string().nullable(),
  branchId: z.string(),
  occurredAt: z.string(),
  kind: z.enum(['sale', 'refund']),
  amount: money,
  /** Numbers the explanation is worded from (rule-specific). */
  detail: z.record(z.string(), z.number()),
  reviewed: z.object({ at: z.string(), by: z.string(), note: z.string().nullable() }).nullable(),
});
export const anomaliesReportSchema = z.object({
  meta: reportMetaSchema,
  counts: z.array(z.object({ rule: z.enum(ANOMALY_RULES), flags: count, open: count })),
  flags: z.array(anomalyFlagSchema),
  /** Flags beyond the list's limit are counted but not listed. */
  truncated: z.boolean(),
});

export const serviceReportSchema = z.object({
  meta: reportMetaSchema,
  cases: z.union([
    notRecorded,
    z.object({
      recorded: z.literal(true),
      table: z.string(),
      total: count,
      byCategory: z.array(z.object({ key: z.string(), cases: count })),
      byDepartment: z.array(z.object({ key: z.string(), cases: count })),
      byBranch: z.array(z.object({ key: z.string(), cases: count })),
      slaBreaches: count,
      resolved: count,
      medianHoursToResolve: z.number().nullable(),
    }),
  ]),
  interactions: z.union([notRecorded, z.object({ recorded: z.literal(true), table: z.string(), total: count })]),
  staff: z.array(z.object({ userId: z.string(), name: z.string(), customersRegistered: count, customersUpdated: count, interactions: count.nullable() })),
});

export const predictionRunSchema = z.object({
  id: z.string(),
  asOf: z.string(),
  params: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
  logLikelihood: z.number(),
  gammaGamma: z.object({ p: z.number(), q: z.number(), v: z.number() }).nullable(),
  customers: count,
  fittedOn: count,
  repeatCustomers: count,
  ms: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const predictionReportSchema = z.object({
  meta: reportMetaSchema,
  run: predictionRunSchema.nullable(),
  horizonWeeks: count,
  /** Ten bins of probability still active: [0, 0.1), ... [0.9, 1]. */
  distribution: z.array(z.object({ bin: count, customers: count, revenue: money })),
  expected: z.object({ customers: count, purchases: z.number(), value: z.number() }).nullable(),
  /** Valuable repeat customers who are probably slipping away: who to call first. */
  retain: z.array(customerLineSchema),
});

const reportInput = z.object({ period }).strict();

export const reportProcedures = {
  'reports.rfm': procedure({ summary: 'RFM buckets, tiers and named segments of the buyers in a period.', access, mutates: false, input: reportInput, output: rfmReportSchema }),
  'reports.top': procedure({ summary: 'Top customers by spend and by frequency, and purchases per year.', access, mutates: false, input: reportInput, output: topReportSchema }),
  'reports.profitability': procedure({ summary: 'Revenue minus cost of goods minus cost to serve, per customer and segment.', access, mutates: false, input: reportInput, output: profitabilityReportSchema }),
  'reports.coverage': procedure({ summary: 'How many customers have a phone, mobile, email, valid contact; how many are active.', access, mutates: false, input: reportInput, output: coverageReportSchema }),
  'reports.patterns': procedure({ summary: 'Seasonality by month, weekday and hour; products bought together.', access, mutates: false, input: reportInput, output: patternsReportSchema }),
  'reports.anomalies': procedure({
    summary: 'Unusual transactions flagged for review, with the reason.',
    access,
    mutates: false,
    input: z.object({ period, status: z.enum(['open', 'all'], { message: 'invalid_value' }).default('open'), rule: z.enum(ANOMALY_RULES, { message: 'invalid_value' }).optional() }).strict(),
    output: anomaliesReportSchema,
  }),
  'reports.reviewAnomaly': procedure({
    summary: 'Mark an anomaly flag as reviewed, with an optional note.',
    access,
    mutates: true,
    input: z.object({ transactionId: id, rule: z.enum(ANOMALY_RULES, { message: 'invalid_value' }), note: z.string({ message: 'invalid_type' }).trim().max(500, { message: 'too_long' }).optional() }).strict(),
    output: z.object({ transactionId: z.string(), rule: z.enum(ANOMALY_RULES), at: z.string(), by: z.string() }),
  }),
  'reports.service': procedure({ summary: 'Cases by category, department and branch, SLA breaches, time to resolve; staff activity.', access, mutates: false, input: reportInput, output: serviceReportSchema }),
  'reports.prediction': procedure({
    summary: 'Probability still active and expected purchases and spend per customer (BG/NBD with Gamma-Gamma).',
    access,
    mutates: false,
    input: z.object({ period, horizonWeeks: z.number({ message: 'invalid_type' }).int().min(1, { message: 'invalid' }).max(520, { message: 'invalid' }).default(52) }).strict(),
    output: predictionReportSchema,
  }),
  'reports.fitPrediction': procedure({
    summary: "Fit BG/NBD and Gamma-Gamma by maximum likelihood on this branch's customers.",
    access,
    mutates: true,
    input: z.object({}).strict(),
    output: predictionRunSchema,
  }),
  'reports.customers': procedure({
    summary: 'The customers behind a bucket, bar or cell: a page of the customers matching a filter.',
    access,
    mutates: false,
    input: z
      .object({
        period,
        filter: customerFilterSchema.default({}),
        offset: z.number({ message: 'invalid_type' }).int().min(0).max(10_000_000).default(0),
        limit: z.number({ message: 'invalid_type' }).int().min(1).max(500, { message: 'too_many' }).default(50),
      })
      .strict(),
    output: z.object({ total: count, rows: z.array(customerLineSchema) }),
  }),
  'reports.settings': procedure({ summary: 'Tier thresholds, unit costs to serve and anomaly thresholds.', access, mutates: false, input: z.object({}).strict(), output: reportSettingsSchema }),
  'reports.saveSettings': procedure({
    summary: 'Change tier thresholds, unit costs to serve or anomaly thresholds.',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ settings: reportSettingsSchema }).strict(),
    output: reportSettingsSchema,
  }),
  'reports.branches': procedure({
    summary: 'Branches whose sales this database holds, for the branch filter.',
    access,
    mutates: false,
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), label: z.string(), own: z.boolean() })),
  }),
  'reports.export': procedure({
    summary: 'A report as a CSV, Excel or PDF file (base64).',
    access,
    mutates: false,
    input: z
      .object({
        report: z.enum(REPORT_NAMES, { message: 'invalid_value' }),
        period,
        format: z.enum(['csv', 'xlsx', 'pdf'], { message: 'invalid_value' }),
        /** Drill-down lists export the customers of this filter. */
        filter: customerFilterSchema.optional(),
        horizonWeeks: z.number().int().min(1).max(520).optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), bytes: count }),
  }),
} satisfies Record<string, Procedure>;
