import type { OutputOf } from '../../../shared/api/contract.js';
import type { BranchTimeZone } from '../../../shared/domain/dates.js';
import {
  ANOMALY_LABELS, COLUMN_LABELS, branchCaseCategoryText, DEPARTMENT_LABELS, FREQUENCY_LABELS, MONTH_LABELS, RECENCY_LABELS, REPORT_TITLES, SEGMENT_LABELS, TIER_LABELS, WEEKDAY_LABELS, say, type Locale,
} from '../../../shared/reports/labels.js';
import { anomalyReason } from '../../../shared/reports/explain.js';
import type { ReportName } from '../../../shared/reports/names.js';
import type { CustomerLine } from '../lines.js';

export type { Cell, Column, ColumnKind, ReportDocument, Section } from '../../../shared/reports/render/document.js';
export { localTime } from '../../../shared/reports/render/document.js';
import type { Cell, Column, ColumnKind, ReportDocument, Section } from '../../../shared/reports/render/document.js';

/** A branch report's value as a document (src/shared/reports/render/document.ts) for CSV, Excel and PDF. */
type Outputs = {
  rfm: OutputOf<'reports.rfm'>;
  top: OutputOf<'reports.top'>;
  profitability: OutputOf<'reports.profitability'>;
  coverage: OutputOf<'reports.coverage'>;
  patterns: OutputOf<'reports.patterns'>;
  anomalies: OutputOf<'reports.anomalies'>;
  service: OutputOf<'reports.service'>;
  prediction: OutputOf<'reports.prediction'>;
  customers: OutputOf<'reports.customers'>;
};

export function buildDocument<N extends ReportName>(name: N, value: Outputs[N], context: { locale: Locale; zone: BranchTimeZone; branchLabel: string; period: string; caseCategories?: readonly { code: string; label: string }[] }): ReportDocument {
  const { locale } = context;
  const L = (w: { id: string; en: string }) => say(w, locale);
  const col = (key: keyof typeof COLUMN_LABELS, kind: ColumnKind): Column => ({ label: L(COLUMN_LABELS[key]), kind });
  const customersTable = (title: string, rows: CustomerLine[], extra: ('costToServe' | 'profit' | 'pAlive' | 'expectedPurchases' | 'expectedValue')[] = []): Section => ({
    title,
    columns: [
      col('customerNumber', 'text'), col('fullName', 'text'), col('city', 'text'), col('lastSaleAt', 'datetime'), col('saleDays', 'int'),
      col('revenue', 'money'), col('cogs', 'money'), col('segment', 'text'), col('tier', 'text'),
      ...extra.map((k) => col(k, k === 'pAlive' ? 'percent' : k === 'expectedPurchases' ? 'decimal' : 'money')),
    ],
    rows: rows.map((r) => [
      r.customerNumber, r.fullName, r.city, r.lastSaleAt, r.saleDays, r.revenue, r.cogs,
      r.segment ? L(SEGMENT_LABELS[r.segment]) : null, r.tier ? L(TIER_LABELS[r.tier]) : null,
      ...extra.map((k) => (r[k] ?? null) as Cell),
    ]),
  });
  const buckets = (title: string, key: string, rows: { label: string; customers: number; revenue: number }[]): Section => ({
    title,
    columns: [{ label: key, kind: 'text' }, col('customers', 'int'), col('revenue', 'money')],
    rows: rows.map((r) => [r.label, r.customers, r.revenue]),
    chartColumn: 1,
  });
  const t = (id: string, en: string) => (locale === 'id' ? id : en);
  const sections: Section[] = [];

  switch (name) {
    case 'rfm': {
      const v = value as Outputs['rfm'];
      sections.push(buckets(L(COLUMN_LABELS.recency), L(COLUMN_LABELS.recency), v.recency.map((b) => ({ label: L(RECENCY_LABELS[b.bucket]), ...b }))));
      sections.push(buckets(L(COLUMN_LABELS.frequency), L(COLUMN_LABELS.frequency), v.frequency.map((b) => ({ label: L(FREQUENCY_LABELS[b.bucket]), ...b }))));
      sections.push(buckets(L(COLUMN_LABELS.tier), L(COLUMN_LABELS.tier), v.tiers.map((b) => ({ label: L(TIER_LABELS[b.bucket]), ...b }))));
      sections.push(buckets(L(COLUMN_LABELS.segment), L(COLUMN_LABELS.segment), v.segments.map((b) => ({ label: L(SEGMENT_LABELS[b.bucket]), ...b }))));
      sections.push({ title: t('Sel R-F-M', 'R-F-M cells'), columns: [{ label: 'R', kind: 'int' }, { label: 'F', kind: 'int' }, { label: 'M', kind: 'int' }, col('customers', 'int'), col('revenue', 'money')], rows: v.cells.map((c) => [c.r, c.f, c.m, c.customers, c.revenue]) });
      break;
    }
    case 'top': {
      const v = value as Outputs['top'];
      sections.push({ title: t('Sebaran frekuensi belanja', 'Purchase frequency distribution'), columns: [col('frequency', 'text'), col('customers', 'int'), col('share', 'percent')], rows: v.distribution.map((d) => [L(FREQUENCY_LABELS[d.bucket]), d.customers, d.share]), chartColumn: 1 });
      sections.push(customersTable(t('10 teratas menurut belanja', 'Top 10 by spend'), v.bySpend));
      sections.push(customersTable(t('10 teratas menurut frekuensi', 'Top 10 by frequency'), v.byFrequency));
      break;
    }
    case 'profitability': {
      const v = value as Outputs['profitability'];
      const money = [col('customers', 'int'), col('revenue', 'money'), col('cogs', 'money'), col('costToServe', 'money'), col('profit', 'money')];
      sections.push({ title: t('Total', 'Totals'), columns: money, rows: [[v.totals.customers, v.totals.revenue, v.totals.cogs, v.totals.costToServe, v.totals.profit]] });
      sections.push({ title: L(COLUMN_LABELS.segment), columns: [col('segment', 'text'), ...money], rows: v.bySegment.map((s) => [L(SEGMENT_LABELS[s.bucket]), s.customers, s.revenue, s.cogs, s.costToServe, s.profit]), chartColumn: 5 });
      sections.push({ title: L(COLUMN_LABELS.tier), columns: [col('tier', 'text'), ...money], rows: v.byTier.map((s) => [L(TIER_LABELS[s.bucket]), s.customers, s.revenue, s.cogs, s.costToServe, s.profit]) });
      sections.push(customersTable(t('Paling menguntungkan', 'Most profitable'), v.most, ['costToServe', 'profit']));
      sections.push(customersTable(t('Paling tidak menguntungkan', 'Least profitable'), v.least, ['costToServe', 'profit']));
      break;
    }
    case 'coverage': {
      const v = value as Outputs['coverage'];
      const share = (n: number) => (v.customers ? n / v.customers : 0);
      const rows: Cell[][] = [
        [t('Punya telepon', 'Has a phone'), v.phone, share(v.phone)],
        [t('Punya HP', 'Has a mobile'), v.mobile, share(v.mobile)],
        [t('Punya email', 'Has an email'), v.email, share(v.email)],
        [t('Punya WhatsApp', 'Has WhatsApp'), v.whatsapp, share(v.whatsapp)],
        [t('Kontak valid', 'Valid contact point'), v.validContact, share(v.validContact)],
        [t(`Aktif (membeli dalam ${v.activeDays} hari)`, `Active (bought within ${v.activeDays} days)`), v.active, share(v.active)],
        [t('Media sosial', 'Social media'), t('belum dicatat', 'not recorded yet'), null],
        [t('Bisa dihubungi (kontak valid + persetujuan)', 'Reachable (valid contact + consent)'), v.reachable.recorded ? v.reachable.count : t('belum dicatat', 'not recorded yet'), v.reachable.recorded ? share(v.reachable.count) : null],
      ];
      sections.push({ title: t(`Dari ${v.customers} pelanggan`, `Of ${v.customers} customers`), columns: [{ label: t('Ukuran', 'Measure'), kind: 'text' }, col('customers', 'int'), col('share', 'percent')], rows, chartColumn: 1 });
      sections.push({ title: t('Tahap pelanggan', 'Lifecycle stage'), columns: [{ label: t('Tahap', 'Stage'), kind: 'text' }, col('customers', 'int')], rows: v.stages.map((s) => [s.stage, s.customers]) });
      break;
    }
    case 'patterns': {
      const v = value as Outputs['patterns'];
      const cols = (label: string): Column[] => [{ label, kind: 'text' }, col('sales', 'int'), col('revenue', 'money'), col('refunds', 'int')];
      sections.push({ title: t('Per bulan', 'By month'), columns: cols(t('Bulan', 'Month')), rows: v.byMonth.map((m) => [L(MONTH_LABELS[m.month - 1]), m.sales, m.revenue, m.refunds]), chartColumn: 1 });
      sections.push({ title: t('Per hari', 'By weekday'), columns: cols(t('Hari', 'Weekday')), rows: v.byWeekday.map((m) => [L(WEEKDAY_LABELS[m.weekday]), m.sales, m.revenue, m.refunds]), chartColumn: 1 });
      sections.push({ title: t('Per jam', 'By hour'), columns: cols(t('Jam', 'Hour')), rows: v.byHour.map((m) => [`${String(m.hour).padStart(2, '0')}.00`, m.sales, m.revenue, m.refunds]) });
      sections.push({ title: t('Tren bulanan', 'Monthly trend'), columns: cols(t('Periode', 'Period')), rows: v.trend.map((m) => [m.period, m.sales, m.revenue, m.refunds]) });
      sections.push(
        v.bundles.recorded
          ? { title: t('Produk yang sering dibeli bersama', 'Products bought together'), columns: [{ label: 'A', kind: 'text' }, { label: 'B', kind: 'text' }, col('count', 'int'), { label: 'Support', kind: 'percent' }, { label: t('Keyakinan', 'Confidence'), kind: 'percent' }, { label: 'Lift', kind: 'decimal' }], rows: v.bundles.pairs.map((p) => [p.a, p.b, p.together, p.support, p.confidence, p.lift]) }
          : { title: t('Produk yang sering dibeli bersama: rincian barang belum dicatat', 'Products bought together: line items not recorded yet'), columns: [], rows: [] },
      );
      break;
    }
    case 'anomalies': {
      const v = value as Outputs['anomalies'];
      sections.push({ title: t('Ringkasan', 'Summary'), columns: [col('rule', 'text'), col('count', 'int'), { label: t('Belum ditinjau', 'Open'), kind: 'int' }], rows: v.counts.map((c) => [L(ANOMALY_LABELS[c.rule]), c.flags, c.open]), chartColumn: 1 });
      sections.push({
        title: t('Transaksi yang ditandai', 'Flagged transactions'),
        columns: [col('occurredAt', 'datetime'), col('customerNumber', 'text'), col('fullName', 'text'), col('rule', 'text'), col('amount', 'money'), col('reason', 'text'), col('reviewed', 'text')],
        rows: v.flags.map((f) => [f.occurredAt, f.customerNumber, f.fullName, L(ANOMALY_LABELS[f.rule]), f.amount, anomalyReason(f.rule, f.detail, locale), f.reviewed ? `${f.reviewed.by}` : null]),
      });
      break;
    }
    case 'service': {
      const v = value as Outputs['service'];
      if (v.cases.recorded) {
        const c = v.cases;
        sections.push({ title: t('Keluhan per kategori', 'Cases by category'), columns: [{ label: t('Kategori', 'Category'), kind: 'text' }, col('count', 'int')], rows: c.byCategory.map((r) => [branchCaseCategoryText(r.key, locale, context.caseCategories ?? []), r.cases]), chartColumn: 1 });
        sections.push({ title: t('Keluhan per departemen', 'Cases by department'), columns: [{ label: t('Departemen', 'Department'), kind: 'text' }, col('count', 'int')], rows: c.byDepartment.map((r) => [r.key in DEPARTMENT_LABELS ? L(DEPARTMENT_LABELS[r.key as keyof typeof DEPARTMENT_LABELS]) : r.key, r.cases]) });
        sections.push({ title: t('Ringkasan keluhan', 'Case summary'), columns: [{ label: t('Ukuran', 'Measure'), kind: 'text' }, col('count', 'decimal')], rows: [[t('Total', 'Total'), c.total], [t('Melewati batas waktu layanan', 'SLA breaches'), c.slaBreaches], [t('Selesai', 'Resolved'), c.resolved], [t('Median jam sampai selesai', 'Median hours to resolve'), c.medianHoursToResolve]] });
      } else {
        sections.push({ title: t('Keluhan: belum dicatat di cabang ini', 'Cases: not recorded at this branch yet'), columns: [], rows: [] });
      }
      sections.push({
        title: t('Aktivitas staf', 'Staff activity'),
        columns: [{ label: t('Staf', 'Staff'), kind: 'text' }, { label: t('Pelanggan didaftarkan', 'Customers registered'), kind: 'int' }, { label: t('Pelanggan diubah', 'Customers updated'), kind: 'int' }, { label: t('Interaksi', 'Interactions'), kind: 'int' }],
        rows: v.staff.map((s) => [s.name, s.customersRegistered, s.customersUpdated, s.interactions]),
        chartColumn: 1,
      });
      break;
    }
    case 'prediction': {
      const v = value as Outputs['prediction'];
      if (v.run) {
        const p = v.run.params;
        const g = v.run.gammaGamma;
        sections.push({ title: t('Model', 'Model'), columns: [{ label: t('Parameter', 'Parameter'), kind: 'text' }, { label: t('Nilai', 'Value'), kind: 'decimal' }], rows: [['BG/NBD r', p.r], ['BG/NBD alpha', p.alpha], ['BG/NBD a', p.a], ['BG/NBD b', p.b], ['Gamma-Gamma p', g?.p ?? null], ['Gamma-Gamma q', g?.q ?? null], ['Gamma-Gamma v', g?.v ?? null]] });
        sections.push({ title: L(COLUMN_LABELS.pAlive), columns: [{ label: L(COLUMN_LABELS.pAlive), kind: 'text' }, col('customers', 'int'), col('revenue', 'money')], rows: v.distribution.map((d) => [`${d.bin * 10}-${d.bin * 10 + 10}%`, d.customers, d.revenue]), chartColumn: 1 });
        if (v.expected) sections.push({ title: t(`Perkiraan ${v.horizonWeeks} minggu ke depan`, `Expected over the next ${v.horizonWeeks} weeks`), columns: [col('customers', 'int'), col('expectedPurchases', 'decimal'), { label: t('Perkiraan belanja', 'Expected spend'), kind: 'money' }], rows: [[v.expected.customers, v.expected.purchases, v.expected.value]] });
        sections.push(customersTable(t('Pertahankan dulu: pelanggan berharga yang mulai pergi', 'Retain first: valuable customers slipping away'), v.retain, ['pAlive', 'expectedPurchases', 'expectedValue']));
      } else {
        sections.push({ title: t('Model prediksi belum dihitung', 'The prediction model has not been fitted yet'), columns: [], rows: [] });
      }
      break;
    }
    case 'customers': {
      const v = value as Outputs['customers'];
      sections.push(customersTable(t(`${v.total} pelanggan`, `${v.total} customers`), v.rows, ['pAlive']));
      break;
    }
  }
  return { name, title: L(REPORT_TITLES[name]), subtitle: `${context.branchLabel} · ${context.period}`, sections, zone: context.zone, locale };
}
