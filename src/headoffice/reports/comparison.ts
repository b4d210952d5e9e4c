import { formatCalendarDate } from '../../shared/domain/dates.js';
import { anomalyReason } from '../../shared/reports/explain.js';
import {
  ANOMALY_LABELS, CHANNEL_LABELS, COLUMN_LABELS, caseCategoryText, DEPARTMENT_LABELS, FREQUENCY_LABELS, MONTH_LABELS, RECENCY_LABELS, REPORT_TITLES, SEGMENT_LABELS, TIER_LABELS, WEEKDAY_LABELS, say, type Locale,
} from '../../shared/reports/labels.js';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, RFM_SEGMENTS, TIERS } from '../../shared/reports/rfm.js';
import type { Cell, Column, ReportDocument, Section } from '../../shared/reports/render/document.js';
import type { headOfficeCoverage, headOfficePatterns, headOfficeProfitability, headOfficeTop } from './consolidated.js';
import type { HeadOfficeRfm } from './rfm.js';
import type { headOfficeService } from './service.js';
import type { headOfficeAnomalies } from './anomalies.js';
import type { headOfficePrediction } from './prediction.js';
import type { ComparisonList, ComparisonMeasure, ComparisonScope, HeadOfficeComparison, MeasureKind } from '../../shared/console/api.js';

/**
 * A consolidated report as a branch comparison people can read: one column
 * for all branches together, then one per branch; one row per measure, in
 * groups. The console's report screen shows it (table and chart), and the
 * CSV, Excel and PDF exports render it (comparisonDocument), so the screen
 * and the files hold the same numbers under the same words. The measures
 * are picked from the report's value, never recomputed here.
 */

type Words = { id: string; en: string };
interface Scoped {
  branchId: string | null;
  code: string | null;
  name: string | null;
}
interface Meta {
  from: string | null;
  to: string | null;
  asOf: string;
  ms: number;
  all: Scoped;
  branches: Scoped[];
}

const GROUPS = {
  summary: { id: 'Ringkasan', en: 'Summary' },
  segments: { id: 'Segmen RFM (porsi pembeli)', en: 'RFM segments (share of buyers)' },
  tiers: { id: 'Tier nilai belanja', en: 'Monetary tiers' },
  recency: { id: 'Kebaruan pembelian terakhir', en: 'Recency of the last purchase' },
  frequency: { id: 'Frekuensi belanja per tahun', en: 'Purchases per year' },
  reach: { id: 'Dapat dihubungi', en: 'Reachable' },
  months: { id: 'Penjualan per bulan', en: 'Sales by month' },
  cases: { id: 'Keluhan dan permintaan', en: 'Cases' },
  departments: { id: 'Keluhan per departemen', en: 'Cases by department' },
  channels: { id: 'Interaksi per saluran', en: 'Interactions by channel' },
  flags: { id: 'Tanda anomali per aturan', en: 'Anomaly flags by rule' },
  open: { id: 'Belum ditinjau per aturan', en: 'Not yet reviewed, by rule' },
  alive: { id: 'Pelanggan menurut peluang masih aktif', en: 'Customers by probability still active' },
  model: { id: 'Model (BG/NBD dan Gamma-Gamma)', en: 'Model (BG/NBD and Gamma-Gamma)' },
  weekdays: { id: 'Penjualan per hari', en: 'Sales by weekday' },
} satisfies Record<string, Words>;

const WORDS = {
  buyers: { id: 'Pelanggan membeli', en: 'Buying customers' },
  topRevenue: { id: 'Pendapatan pelanggan terbesar', en: 'Revenue of the top customer' },
  topDays: { id: 'Hari belanja pelanggan tersering', en: 'Purchase days of the most frequent customer' },
  margin: { id: 'Margin laba', en: 'Profit margin' },
  phone: { id: 'Punya telepon', en: 'Has a phone' },
  mobile: { id: 'Punya ponsel', en: 'Has a mobile' },
  email: { id: 'Punya email', en: 'Has an email' },
  whatsapp: { id: 'Punya WhatsApp', en: 'Has WhatsApp' },
  validContact: { id: 'Kontak sah', en: 'Valid contact point' },
  active: { id: 'Aktif', en: 'Active' },
  bySpend: { id: '10 pelanggan teratas menurut belanja (semua cabang)', en: 'Top 10 customers by spend (all branches)' },
  byFrequency: { id: '10 pelanggan tersering (semua cabang)', en: 'Top 10 customers by frequency (all branches)' },
  most: { id: 'Pelanggan paling menguntungkan (semua cabang)', en: 'Most profitable customers (all branches)' },
  least: { id: 'Pelanggan paling tidak menguntungkan (semua cabang)', en: 'Least profitable customers (all branches)' },
  trend: { id: 'Tren bulanan (semua cabang)', en: 'Monthly trend (all branches)' },
  bundles: { id: 'Produk yang sering dibeli bersama (semua cabang)', en: 'Products bought together (all branches)' },
  productA: { id: 'Produk', en: 'Product' },
  productB: { id: 'Dibeli bersama', en: 'Bought with' },
  together: { id: 'Keranjang bersama', en: 'Baskets together' },
  support: { id: 'Dukungan', en: 'Support' },
  confidence: { id: 'Keyakinan', en: 'Confidence' },
  lift: { id: 'Lift', en: 'Lift' },
  casesTotal: { id: 'Keluhan dan permintaan', en: 'Cases' },
  resolved: { id: 'Selesai', en: 'Resolved' },
  openCases: { id: 'Masih terbuka', en: 'Still open' },
  slaBreaches: { id: 'Melewati batas waktu layanan', en: 'SLA breaches' },
  medianHours: { id: 'Median jam sampai selesai', en: 'Median hours to resolve' },
  satisfaction: { id: 'Rata-rata kepuasan (1-5)', en: 'Average satisfaction (1-5)' },
  interactions: { id: 'Interaksi', en: 'Interactions' },
  staffCount: { id: 'Staf aktif', en: 'Active staff' },
  staff: { id: 'Aktivitas staf (semua cabang)', en: 'Staff activity (all branches)' },
  staffName: { id: 'Staf', en: 'Staff' },
  casesOpened: { id: 'Keluhan dicatat', en: 'Cases opened' },
  registered: { id: 'Pelanggan didaftarkan', en: 'Customers registered' },
  categories: { id: 'Keluhan per kategori (semua cabang)', en: 'Cases by category (all branches)' },
  category: { id: 'Kategori', en: 'Category' },
  flagList: { id: 'Transaksi yang ditandai (semua cabang)', en: 'Flagged transactions (all branches)' },
  branchCode: { id: 'Cabang', en: 'Branch' },
  modelled: { id: 'Pelanggan dalam model', en: 'Customers in the model' },
  repeat: { id: 'Pernah membeli lagi', en: 'Bought again' },
  expectedPurchases: { id: 'Perkiraan pembelian', en: 'Expected purchases' },
  expectedSpend: { id: 'Perkiraan belanja', en: 'Expected spend' },
  retain: { id: 'Pelanggan bernilai yang mulai pergi (semua cabang)', en: 'Valuable customers slipping away (all branches)' },
  period: { id: 'Bulan', en: 'Month' },
  allBranches: { id: 'Semua cabang', en: 'All branches' },
  branch: { id: 'Cabang', en: 'Branch' },
  measure: { id: 'Ukuran', en: 'Measure' },
  start: { id: 'awal', en: 'start' },
  today: { id: 'hari ini', en: 'today' },
  snapshot: { id: 'keadaan hari ini', en: 'as of today' },
} satisfies Record<string, Words>;

type Rfm = HeadOfficeRfm;
type Top = Awaited<ReturnType<typeof headOfficeTop>>;
type Profit = Awaited<ReturnType<typeof headOfficeProfitability>>;
type Coverage = Awaited<ReturnType<typeof headOfficeCoverage>>;
type Patterns = Awaited<ReturnType<typeof headOfficePatterns>>;
type Service = Awaited<ReturnType<typeof headOfficeService>>;
type Anomalies = Awaited<ReturnType<typeof headOfficeAnomalies>>;
type Prediction = Awaited<ReturnType<typeof headOfficePrediction>>;

/** The comparison of one report; `report` is the value runHeadOfficeReport returned for `name`. */
export function buildComparison(name: string, report: unknown, locale: Locale): HeadOfficeComparison {
  const meta = report as Meta;
  const scopes = [meta.all, ...meta.branches].map(({ branchId, code, name: n }) => ({ branchId, code, name: n }));
  const measures: ComparisonMeasure[] = [];
  const lists: ComparisonList[] = [];
  const L = (w: Words) => say(w, locale);
  /** One row: `pick` reads a scope's value ([all, ...branches] in order). */
  const add = <S>(key: string, group: Words, label: Words, kind: MeasureKind, pick: (s: S) => number | null, shareOf?: string) => {
    measures.push({ key, group: L(group), label: L(label), kind, values: [meta.all, ...meta.branches].map((s) => round(pick(s as S), kind)), ...(shareOf ? { shareOf } : {}) });
  };
  const customerColumns = (extra: [Words, Column['kind']][]): Column[] => [
    { label: L(COLUMN_LABELS.customerNumber), kind: 'text' },
    { label: L(COLUMN_LABELS.fullName), kind: 'text' },
    ...extra.map(([w, kind]) => ({ label: L(w), kind })),
  ];

  switch (name) {
    case 'rfm': {
      type S = Rfm['all'];
      add<S>('buyers', GROUPS.summary, WORDS.buyers, 'int', (s) => s.buyers);
      add<S>('revenue', GROUPS.summary, COLUMN_LABELS.revenue, 'money', (s) => s.revenue);
      for (const seg of RFM_SEGMENTS) add<S>(`segment.${seg}`, GROUPS.segments, SEGMENT_LABELS[seg], 'percent', (s) => share(bucket(s.segments, seg), s.buyers));
      for (const tier of TIERS) add<S>(`tier.${tier}`, GROUPS.tiers, TIER_LABELS[tier], 'int', (s) => bucket(s.tiers, tier), 'buyers');
      for (const r of RECENCY_BUCKETS) add<S>(`recency.${r}`, GROUPS.recency, RECENCY_LABELS[r], 'int', (s) => bucket(s.recency, r), 'buyers');
      for (const f of FREQUENCY_BUCKETS) add<S>(`frequency.${f}`, GROUPS.frequency, FREQUENCY_LABELS[f], 'int', (s) => bucket(s.frequency, f), 'buyers');
      break;
    }
    case 'top': {
      type S = Top['all'];
      const all = (report as Top).all;
      add<S>('buyers', GROUPS.summary, WORDS.buyers, 'int', (s) => s.buyers);
      add<S>('topRevenue', GROUPS.summary, WORDS.topRevenue, 'money', (s) => s.bySpend[0]?.revenue ?? 0);
      add<S>('topDays', GROUPS.summary, WORDS.topDays, 'int', (s) => s.byFrequency[0]?.saleDays ?? 0);
      for (const f of FREQUENCY_BUCKETS) add<S>(`frequency.${f}`, GROUPS.frequency, FREQUENCY_LABELS[f], 'int', (s) => s.distribution.find((d) => d.bucket === f)?.customers ?? 0, 'buyers');
      const columns = customerColumns([[COLUMN_LABELS.revenue, 'money'], [COLUMN_LABELS.saleDays, 'int'], [COLUMN_LABELS.lastSaleAt, 'datetime']]);
      const line = (l: S['bySpend'][number]): Cell[] => [l.customerNumber, l.fullName, l.revenue, l.saleDays, l.lastSaleAt];
      lists.push({ key: 'bySpend', title: L(WORDS.bySpend), columns, rows: all.bySpend.map(line) });
      lists.push({ key: 'byFrequency', title: L(WORDS.byFrequency), columns, rows: all.byFrequency.map(line) });
      break;
    }
    case 'profitability': {
      type S = Profit['all'];
      const all = (report as Profit).all;
      add<S>('customers', GROUPS.summary, WORDS.buyers, 'int', (s) => s.totals.customers);
      add<S>('revenue', GROUPS.summary, COLUMN_LABELS.revenue, 'money', (s) => s.totals.revenue);
      add<S>('cogs', GROUPS.summary, COLUMN_LABELS.cogs, 'money', (s) => s.totals.cogs);
      add<S>('costToServe', GROUPS.summary, COLUMN_LABELS.costToServe, 'money', (s) => s.totals.costToServe);
      add<S>('profit', GROUPS.summary, COLUMN_LABELS.profit, 'money', (s) => s.totals.profit);
      add<S>('margin', GROUPS.summary, WORDS.margin, 'percent', (s) => share(s.totals.profit, s.totals.revenue));
      const columns = customerColumns([[COLUMN_LABELS.revenue, 'money'], [COLUMN_LABELS.cogs, 'money'], [COLUMN_LABELS.costToServe, 'money'], [COLUMN_LABELS.profit, 'money']]);
      const line = (l: S['most'][number]): Cell[] => [l.customerNumber, l.fullName, l.revenue, l.cogs, l.costToServe, l.profit];
      lists.push({ key: 'most', title: L(WORDS.most), columns, rows: all.most.map(line) });
      lists.push({ key: 'least', title: L(WORDS.least), columns, rows: all.least.map(line) });
      break;
    }
    case 'coverage': {
      type S = Coverage['all'];
      add<S>('customers', GROUPS.summary, COLUMN_LABELS.customers, 'int', (s) => s.customers);
      for (const key of ['phone', 'mobile', 'email', 'whatsapp', 'validContact', 'active'] as const) add<S>(key, GROUPS.reach, WORDS[key], 'int', (s) => s[key], 'customers');
      break;
    }
    case 'patterns': {
      type S = Patterns['all'];
      const all = (report as Patterns).all;
      add<S>('sales', GROUPS.summary, COLUMN_LABELS.sales, 'int', (s) => s.sales);
      add<S>('revenue', GROUPS.summary, COLUMN_LABELS.revenue, 'money', (s) => s.revenue);
      add<S>('refunds', GROUPS.summary, COLUMN_LABELS.refunds, 'int', (s) => s.byMonth.reduce((sum, m) => sum + m.refunds, 0));
      MONTH_LABELS.forEach((month, i) => add<S>(`month.${i + 1}`, GROUPS.months, month, 'int', (s) => s.byMonth[i]?.sales ?? 0, 'sales'));
      WEEKDAY_LABELS.forEach((day, i) => add<S>(`weekday.${i}`, GROUPS.weekdays, day, 'int', (s) => s.byWeekday[i]?.sales ?? 0, 'sales'));
      lists.push({
        key: 'trend',
        title: L(WORDS.trend),
        columns: [{ label: L(WORDS.period), kind: 'text' }, { label: L(COLUMN_LABELS.sales), kind: 'int' }, { label: L(COLUMN_LABELS.revenue), kind: 'money' }, { label: L(COLUMN_LABELS.refunds), kind: 'int' }],
        rows: all.trend.map((t) => [t.period, t.sales, t.revenue, t.refunds]),
      });
      lists.push({
        key: 'bundles',
        title: L(WORDS.bundles),
        columns: [
          { label: L(WORDS.productA), kind: 'text' },
          { label: L(WORDS.productB), kind: 'text' },
          { label: L(WORDS.together), kind: 'int' },
          { label: L(WORDS.support), kind: 'percent' },
          { label: L(WORDS.confidence), kind: 'percent' },
          { label: L(WORDS.lift), kind: 'decimal' },
        ],
        rows: all.bundles.pairs.map((p) => [p.a, p.b, p.together, p.support, p.confidence, p.lift]),
      });
      break;
    }
    case 'service': {
      type S = Service['all'];
      const all = (report as Service).all;
      add<S>('cases', GROUPS.cases, WORDS.casesTotal, 'int', (s) => s.cases.total);
      add<S>('resolved', GROUPS.cases, WORDS.resolved, 'int', (s) => s.cases.resolved, 'cases');
      add<S>('open', GROUPS.cases, WORDS.openCases, 'int', (s) => s.cases.open, 'cases');
      add<S>('slaBreaches', GROUPS.cases, WORDS.slaBreaches, 'int', (s) => s.cases.slaBreaches, 'cases');
      add<S>('medianHours', GROUPS.cases, WORDS.medianHours, 'decimal', (s) => s.cases.medianHoursToResolve);
      add<S>('satisfaction', GROUPS.cases, WORDS.satisfaction, 'decimal', (s) => s.cases.satisfaction.average);
      for (const [dept, words] of Object.entries(DEPARTMENT_LABELS))
        add<S>(`department.${dept}`, GROUPS.departments, words, 'int', (s) => s.cases.byDepartment.find((d) => d.key === dept)?.cases ?? 0, 'cases');
      add<S>('interactions', GROUPS.channels, WORDS.interactions, 'int', (s) => s.interactions.total);
      for (const [channel, words] of Object.entries(CHANNEL_LABELS))
        add<S>(`channel.${channel}`, GROUPS.channels, words, 'int', (s) => s.interactions.byChannel.find((c) => c.channel === channel)?.interactions ?? 0, 'interactions');
      add<S>('staffCount', GROUPS.summary, WORDS.staffCount, 'int', (s) => s.staffCount);
      lists.push({
        key: 'categories',
        title: L(WORDS.categories),
        columns: [{ label: L(WORDS.category), kind: 'text' }, { label: L(COLUMN_LABELS.count), kind: 'int' }],
        // The head office knows a category by its code only (labels stay in each branch's case settings): see caseCategoryText.
        rows: all.cases.byCategory.map((c) => [caseCategoryText(c.key, locale), c.cases]),
      });
      lists.push({
        key: 'staff',
        title: L(WORDS.staff),
        columns: [{ label: L(WORDS.staffName), kind: 'text' }, { label: L(WORDS.interactions), kind: 'int' }, { label: L(WORDS.casesOpened), kind: 'int' }, { label: L(WORDS.registered), kind: 'int' }],
        rows: all.staff.map((s) => [s.name ?? s.staffId.slice(0, 8), s.interactions, s.casesOpened, s.customersRegistered]),
      });
      break;
    }
    case 'anomalies': {
      type S = Anomalies['all'];
      const all = (report as Anomalies).all;
      const rules = Object.keys(ANOMALY_LABELS) as (keyof typeof ANOMALY_LABELS)[];
      for (const rule of rules) add<S>(`flags.${rule}`, GROUPS.flags, ANOMALY_LABELS[rule], 'int', (s) => s.counts.find((c) => c.rule === rule)?.flags ?? 0);
      for (const rule of rules) add<S>(`open.${rule}`, GROUPS.open, ANOMALY_LABELS[rule], 'int', (s) => s.counts.find((c) => c.rule === rule)?.open ?? 0, `flags.${rule}`);
      const code = new Map(meta.branches.map((b) => [b.branchId, b.code]));
      lists.push({
        key: 'flags',
        title: L(WORDS.flagList),
        columns: [
          { label: L(COLUMN_LABELS.occurredAt), kind: 'datetime' },
          { label: L(WORDS.branchCode), kind: 'text' },
          { label: L(COLUMN_LABELS.customerNumber), kind: 'text' },
          { label: L(COLUMN_LABELS.fullName), kind: 'text' },
          { label: L(COLUMN_LABELS.rule), kind: 'text' },
          { label: L(COLUMN_LABELS.amount), kind: 'money' },
          { label: L(COLUMN_LABELS.reason), kind: 'text' },
          { label: L(COLUMN_LABELS.reviewed), kind: 'text' },
        ],
        rows: all.flags.map((f) => [
          f.occurredAt, code.get(f.branchId) ?? f.branchId.slice(0, 8), f.customerNumber, f.fullName, L(ANOMALY_LABELS[f.rule]), f.amount, anomalyReason(f.rule, f.detail, locale), f.reviewed?.by ?? null,
        ]),
      });
      break;
    }
    case 'prediction': {
      type S = Prediction['all'];
      const p = report as Prediction;
      const weeks = { id: `dalam ${p.horizonWeeks} minggu`, en: `over ${p.horizonWeeks} weeks` };
      const horizon = (w: Words): Words => ({ id: `${w.id} ${weeks.id}`, en: `${w.en} ${weeks.en}` });
      add<S>('customers', GROUPS.summary, WORDS.modelled, 'int', (s) => s.run?.customers ?? 0);
      add<S>('repeat', GROUPS.summary, WORDS.repeat, 'int', (s) => s.run?.repeatCustomers ?? 0, 'customers');
      add<S>('expectedPurchases', GROUPS.summary, horizon(WORDS.expectedPurchases), 'decimal', (s) => s.expected?.purchases ?? null);
      add<S>('expectedSpend', GROUPS.summary, horizon(WORDS.expectedSpend), 'money', (s) => s.expected?.value ?? null);
      for (let bin = 0; bin < 10; bin++) {
        const label = { id: `${bin * 10}-${bin * 10 + 10}%`, en: `${bin * 10}-${bin * 10 + 10}%` };
        add<S>(`alive.${bin}`, GROUPS.alive, label, 'int', (s) => s.distribution[bin]?.customers ?? 0, 'customers');
      }
      const param = (key: string, read: (run: NonNullable<S['run']>) => number | null | undefined) =>
        add<S>(`model.${key}`, GROUPS.model, { id: key, en: key }, 'decimal', (s) => (s.run ? read(s.run) ?? null : null));
      param('BG/NBD r', (r) => r.params.r);
      param('BG/NBD alpha', (r) => r.params.alpha);
      param('BG/NBD a', (r) => r.params.a);
      param('BG/NBD b', (r) => r.params.b);
      param('Gamma-Gamma p', (r) => r.gammaGamma?.p);
      param('Gamma-Gamma q', (r) => r.gammaGamma?.q);
      param('Gamma-Gamma v', (r) => r.gammaGamma?.v);
      lists.push({
        key: 'retain',
        title: L(WORDS.retain),
        columns: customerColumns([[COLUMN_LABELS.revenue, 'money'], [COLUMN_LABELS.lastSaleAt, 'datetime'], [COLUMN_LABELS.pAlive, 'percent'], [horizon(WORDS.expectedSpend), 'money']]),
        rows: p.all.retain.map((r) => [r.customerNumber, r.fullName, r.revenue, r.lastSaleAt, r.pAlive, r.expectedSpend]),
      });
      break;
    }
    default:
      throw new Error(`no branch comparison for the report ${name}`);
  }
  return {
    report: name,
    title: say((REPORT_TITLES as Record<string, Words>)[name] ?? { id: name, en: name }, locale),
    from: meta.from,
    to: meta.to,
    asOf: meta.asOf,
    ms: meta.ms,
    periodApplies: name !== 'coverage',
    scopes,
    measures,
    lists,
    ...(name === 'prediction'
      ? { model: (report as Prediction).all.run ? { fittedAt: (report as Prediction).all.run!.fittedAt, fitMs: (report as Prediction).all.run!.fitMs } : null }
      : {}),
  };
}

/** The reports that have a comparison (every consolidated report the console shows). */
export const COMPARED_REPORTS = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'service', 'anomalies', 'prediction'] as const;

/** The comparison as a report document for CSV, Excel and PDF: the comparison table, then the lists. */
export function comparisonDocument(comparison: HeadOfficeComparison, locale: Locale): ReportDocument {
  const L = (w: Words) => say(w, locale);
  const scopeLabel = (s: ComparisonScope) => (s.branchId === null ? L(WORDS.allBranches) : `${s.code ?? s.branchId.slice(0, 8)}${s.name ? ` ${s.name}` : ''}`);
  const date = (d: string | null, fallback: Words) => (d ? formatCalendarDate(d, locale) : L(fallback));
  const period = comparison.periodApplies ? `${date(comparison.from, WORDS.start)} - ${date(comparison.to, WORDS.today)}` : L(WORDS.snapshot);
  // One section per group of measures: a row per scope (all branches, then each branch), a column per
  // measure, so every column keeps its own kind (a count, Rupiah, a share) in the spreadsheet.
  const sections: Section[] = [];
  const groups = [...new Set(comparison.measures.map((m) => m.group))];
  for (const group of groups) {
    const measures = comparison.measures.filter((m) => m.group === group);
    sections.push({
      title: group,
      columns: [{ label: L(WORDS.branch), kind: 'text' }, ...measures.map((m) => ({ label: m.label, kind: m.kind }))],
      rows: comparison.scopes.map((scope, i) => [scopeLabel(scope), ...measures.map((m) => m.values[i])]),
      chartColumn: 1,
    });
  }
  for (const list of comparison.lists) sections.push({ title: list.title, columns: list.columns, rows: list.rows });
  return {
    name: `kantor-pusat-${comparison.report}`,
    title: `${comparison.title} · ${L(WORDS.allBranches)}`,
    subtitle: `${L(WORDS.branch)}: ${comparison.scopes.length - 1} · ${period}`,
    sections,
    zone: 'WIB',
    locale,
  };
}

function bucket<T extends string>(list: { bucket: T; customers: number }[], key: T): number {
  return list.find((b) => b.bucket === key)?.customers ?? 0;
}
function share(part: number, whole: number): number {
  return whole ? part / whole : 0;
}
function round(value: number | null, kind: MeasureKind): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'percent' ? value : kind === 'decimal' ? Math.round(value * 10_000) / 10_000 : Math.round(value);
}
