import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CONSOLE_PATHS, type ComparisonMeasure, type ComparisonScope, type HeadOfficeComparison } from '../../shared/console/api.js';
import type { Cell, Column } from '../../shared/reports/render/document.js';
import { formatCalendarDate, formatInstant } from '../../shared/domain/dates.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { DateInput } from '../design/DateInput.js';
import { BarChartCard } from '../reports/BarChartCard.js';
import { count, decimal, percent, rupiah, rupiahShort, day } from '../reports/format.js';
import '../reports/reports.css';
import { adminCall, adminDownload } from './consoleApi.js';
import { CONSOLE_REPORTS, useConsoleReportRoute } from './consoleRoutes.js';

/**
 * "Laporan": the consolidated reports of every branch (A8) on the head
 * office's PostgreSQL, each as a branch comparison (a column for all
 * branches together, then one per branch), a chart of the chosen measure
 * per branch, the report's short lists, a period filter and the CSV, Excel
 * and PDF files of the same table. The numbers come from the head office
 * (GET /admin/console/reports/:name); nothing is computed here.
 */
interface Period {
  from: string;
  to: string;
}

export function ReportsPage() {
  const { t } = useTranslation();
  const report = useConsoleReportRoute();
  const [draft, setDraft] = useState<Period>({ from: '', to: '' });
  const [period, setPeriod] = useState<Period>({ from: '', to: '' });
  const [comparison, setComparison] = useState<HeadOfficeComparison | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const latest = useRef(0);

  const [refitting, setRefitting] = useState(false);

  /** refit: the prediction fits its models again instead of using the day's stored fit. */
  const load = useCallback(async (refit = false) => {
    const ticket = ++latest.current;
    setLoading(true);
    setRefitting(refit);
    const query = periodQuery(period);
    const result = await adminCall<HeadOfficeComparison>(`${CONSOLE_PATHS.report(report)}${query}${refit ? `${query ? '&' : '?'}refit=1` : ''}`);
    if (ticket !== latest.current) return; // a newer request (another report or period) answers instead
    setLoading(false);
    setRefitting(false);
    if (result.ok) {
      setComparison(result.value);
      setError(null);
      setSelected((key) => (key && result.value.measures.some((m) => m.key === key) ? key : result.value.measures[0]?.key ?? null));
    } else {
      setError(result.error);
    }
  }, [report, period]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => setSelected(null), [report]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setPeriod({ from: draft.from.trim(), to: draft.to.trim() });
  };
  const clear = () => {
    setDraft({ from: '', to: '' });
    setPeriod({ from: '', to: '' });
  };
  const download = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setExporting(format);
    const failed = await adminDownload(`${CONSOLE_PATHS.reportExport(report)}${periodQuery(period, format)}`);
    setExporting(null);
    setExportError(failed);
  };

  const shown = comparison && comparison.report === report ? comparison : null;
  const fields = fieldErrorsOf(error);
  const measure = shown?.measures.find((m) => m.key === selected) ?? shown?.measures[0] ?? null;

  return (
    <div className="console-page console-reports">
      <header className="console-page__header">
        <div>
          <h1>{t('console.reports.title')}</h1>
          <p className="muted">{t('console.reports.intro')}</p>
        </div>
      </header>
      <div className="console-tabs" role="tablist" aria-label={t('console.reports.choose')}>
        {CONSOLE_REPORTS.map((name) => (
          <a key={name} role="tab" aria-selected={name === report} className={`console-tab ${name === report ? 'console-tab--active' : ''}`} href={`#/reports/${name}`}>
            {t(`console.reports.name.${name}`)}
          </a>
        ))}
      </div>
      <form className="card console-report-filter" onSubmit={apply} aria-label={t('console.reports.periodLabel')}>
        <div className="console-report-filter__field">
          <label htmlFor="report-from">{t('console.reports.from')}</label>
          <DateInput id="report-from" value={draft.from} onChange={(from) => setDraft((d) => ({ ...d, from }))} invalid={Boolean(fields.from)} describedBy={fields.from ? 'report-from-error' : undefined} />
          {fields.from && <span id="report-from-error" className="field__error">{fieldText(fields.from, currentLocale())}</span>}
        </div>
        <div className="console-report-filter__field">
          <label htmlFor="report-to">{t('console.reports.to')}</label>
          <DateInput id="report-to" value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} invalid={Boolean(fields.to)} describedBy={fields.to ? 'report-to-error' : undefined} />
          {fields.to && <span id="report-to-error" className="field__error">{fieldText(fields.to, currentLocale())}</span>}
        </div>
        <button type="submit" className="button button--primary" disabled={loading}>
          {loading ? <span className="spinner" aria-hidden="true" /> : null}
          {t('console.reports.show')}
        </button>
        <button type="button" className="button" onClick={clear} disabled={!period.from && !period.to && !draft.from && !draft.to}>
          {t('console.reports.allTime')}
        </button>
        <div className="console-report-filter__spacer" />
        <span className="muted">{t('console.reports.export')}</span>
        {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
          <button key={format} type="button" className="button button--small" disabled={!shown || exporting !== null} onClick={() => void download(format)}>
            {exporting === format ? <span className="spinner" aria-hidden="true" /> : null}
            {t(`console.reports.format.${format}`)}
          </button>
        ))}
      </form>
      {error && <ErrorBanner error={error} />}
      {exportError && <ErrorBanner error={exportError} />}
      {!shown ? (
        !error && <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <p className="muted console-report-meta" data-testid="report-meta">
            {shown.periodApplies ? periodText(shown, t) : t('console.reports.snapshot')}
            {' · '}
            {t('console.reports.computed', { ms: shown.ms, branches: shown.scopes.length - 1 })}
          </p>
          {shown.model && (
            <p className="muted console-report-meta" data-testid="report-model">
              {t('console.reports.modelFitted', { when: formatInstant(shown.model.fittedAt, 'WIB', currentLocale()), seconds: decimal(shown.model.fitMs / 1000, 1) })}{' '}
              <button type="button" className="button button--small" disabled={loading} onClick={() => void load(true)}>
                {refitting ? <span className="spinner" aria-hidden="true" /> : null}
                {t('console.reports.refit')}
              </button>
            </p>
          )}
          {shown.scopes.length === 1 ? (
            <div className="console-empty">
              <p>{t('console.reports.noBranches')}</p>
            </div>
          ) : (
            <div className="console-report-grid">
              <ComparisonTable comparison={shown} selected={measure?.key ?? null} onSelect={setSelected} />
              {measure && <MeasureChart measure={measure} scopes={shown.scopes} />}
            </div>
          )}
          {shown.lists.map((list) => (
            <section key={list.key} className="card console-report-list">
              <h2>{list.title}</h2>
              {list.key === 'categories' && <p className="muted">{t('console.reports.categoriesNote')}</p>}
              {list.rows.length === 0 ? <p className="muted">{t('console.reports.emptyList')}</p> : <ListTable columns={list.columns} rows={list.rows} label={list.title} />}
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function ComparisonTable({ comparison, selected, onSelect }: { comparison: HeadOfficeComparison; selected: string | null; onSelect(key: string): void }) {
  const { t } = useTranslation();
  const groups = [...new Set(comparison.measures.map((m) => m.group))];
  return (
    <div className="card console-table-wrap">
      <table className="console-table console-table--report" aria-label={t('console.reports.tableLabel', { report: comparison.title })}>
        <thead>
          <tr>
            <th scope="col">{t('console.reports.measure')}</th>
            {comparison.scopes.map((scope) => (
              <th key={scope.branchId ?? '*'} scope="col" className="num" title={scope.name ?? undefined}>
                {scope.branchId === null ? (
                  t('console.reports.allBranches')
                ) : (
                  <>
                    <span className="console-code mono">{scope.code ?? scope.branchId.slice(0, 8)}</span>
                    {scope.name && <span className="console-scope-name">{scope.name}</span>}
                  </>
                )}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group}>
            <tr className="console-table__group">
              <th scope="rowgroup" colSpan={comparison.scopes.length + 1}>
                {group}
              </th>
            </tr>
            {comparison.measures
              .filter((m) => m.group === group)
              .map((m) => {
                const base = m.shareOf ? comparison.measures.find((b) => b.key === m.shareOf) : undefined;
                return (
                  <tr key={m.key} className={m.key === selected ? 'console-row--selected' : undefined} aria-selected={m.key === selected}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => onSelect(m.key)} aria-pressed={m.key === selected}>
                        {m.label}
                      </button>
                    </th>
                    {m.values.map((v, i) => (
                      <td key={i} className="num tabular">
                        {formatValue(v, m.kind)}
                        {base && v !== null && (base.values[i] ?? 0) > 0 && <span className="muted console-share"> {percent(v / base.values[i]!)}</span>}
                      </td>
                    ))}
                  </tr>
                );
              })}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function MeasureChart({ measure, scopes }: { measure: ComparisonMeasure; scopes: ComparisonScope[] }) {
  const { t } = useTranslation();
  const data = scopes.slice(1).map((scope, i) => ({
    key: scope.branchId ?? `${i}`,
    label: scope.code ?? scope.branchId?.slice(0, 8) ?? '-',
    value: measure.values[i + 1] ?? 0,
  }));
  const format = measure.kind === 'money' ? rupiahShort : measure.kind === 'percent' ? (v: number) => percent(v, 0) : measure.kind === 'decimal' ? (v: number) => decimal(v, 1) : count;
  return (
    <section className="card console-report-chart" aria-label={t('console.reports.chartLabel', { measure: measure.label })}>
      <h2>{t('console.reports.perBranch', { measure: measure.label })}</h2>
      <p className="muted">
        {t('console.reports.allValue', { value: formatValue(measure.values[0], measure.kind) })}
      </p>
      <BarChartCard data={data} format={format} valueLabel={measure.label} layout="vertical-bars" testId="report-chart" />
    </section>
  );
}

function ListTable({ columns, rows, label }: { columns: Column[]; rows: Cell[][]; label: string }) {
  return (
    <div className="console-table-wrap">
      <table className="console-table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.kind === 'text' ? undefined : 'num'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={columns[i]?.kind === 'text' ? undefined : 'num tabular'}>
                  {cellText(cell, columns[i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatValue(v: number | null, kind: ComparisonMeasure['kind']): string {
  if (v === null) return '-';
  return kind === 'money' ? rupiah(v) : kind === 'percent' ? percent(v) : kind === 'decimal' ? decimal(v) : count(v);
}

function cellText(cell: Cell, column: Column | undefined): string {
  if (cell === null || cell === undefined || cell === '') return '-';
  if (typeof cell === 'string') return column?.kind === 'datetime' ? day(cell, 'WIB') : cell;
  if (column?.kind === 'money') return rupiah(cell);
  if (column?.kind === 'percent') return percent(cell);
  if (column?.kind === 'decimal') return decimal(cell);
  return count(cell);
}

function periodQuery(period: Period, format?: string): string {
  const params = new URLSearchParams();
  if (format) params.set('format', format);
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function periodText(c: HeadOfficeComparison, t: (key: string, options?: Record<string, unknown>) => string): string {
  const date = (d: string | null) => (d ? formatCalendarDate(d, currentLocale()) : null);
  const from = date(c.from);
  const to = date(c.to);
  if (!from && !to) return t('console.reports.periodAll');
  return t('console.reports.period', { from: from ?? t('console.reports.start'), to: to ?? t('console.reports.today') });
}

