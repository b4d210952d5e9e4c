import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import { formatCalendarDate, isIsoDate } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { DateInput } from '../design/DateInput.js';
import { currentLocale } from '../i18n/index.js';
import { useReports, type PeriodPreset } from './reportStore.js';

const PRESETS: PeriodPreset[] = ['all', 'last30', 'last12', 'thisYear', 'lastYear', 'custom'];

/** Period and branch (A8). A custom period is applied with its button, so half-typed dates never run a report. */
export function FilterBar() {
  const { t } = useTranslation();
  const { preset, period, setPeriod, setBranch } = useReports();
  const [branches, setBranches] = useState<OutputOf<'reports.branches'>>([]);
  const [from, setFrom] = useState(period.from ?? '');
  const [to, setTo] = useState(period.to ?? '');
  useEffect(() => {
    void call('reports.branches', {}).then((r) => r.ok && setBranches(r.value));
  }, []);
  useEffect(() => {
    setFrom(period.from ?? '');
    setTo(period.to ?? '');
  }, [period.from, period.to]);
  // A half-typed or impossible date never runs a report: the field says why, the button waits.
  const unreadable = [from, to].some((d) => d !== '' && !isIsoDate(d));
  const invalid = Boolean(!unreadable && from && to && from > to);
  const range = period.from || period.to
    ? `${period.from ? formatCalendarDate(period.from, currentLocale()) : '…'} – ${period.to ? formatCalendarDate(period.to, currentLocale()) : t('reports.filter.today')}`
    : t('reports.filter.allTime');
  const branchLabel = period.branchId ? branches.find((b) => b.id === period.branchId)?.label ?? period.branchId : t('reports.filter.allBranches');
  return (
    <>
    <p className="print-only print-filters">
      {t('reports.filter.period')}: {range} · {t('reports.filter.branch')}: {branchLabel}
    </p>
    <div className="filter-bar no-print" role="group" aria-label={t('reports.filter.label')}>
      <div className="filter-bar__field">
        <label htmlFor="report-preset">{t('reports.filter.period')}</label>
        <select id="report-preset" className="input" value={preset} onChange={(e) => setPeriod(e.target.value as PeriodPreset, from || null, to || null)}>
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`reports.filter.presets.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {preset === 'custom' ? (
        <form
          className="filter-bar__custom"
          onSubmit={(e) => {
            e.preventDefault();
            if (!invalid && !unreadable) setPeriod('custom', from || null, to || null);
          }}
        >
          <div className="filter-bar__field">
            <label htmlFor="report-from">{t('reports.filter.from')}</label>
            <DateInput id="report-from" value={from} onChange={setFrom} />
          </div>
          <div className="filter-bar__field">
            <label htmlFor="report-to">{t('reports.filter.to')}</label>
            <DateInput id="report-to" value={to} onChange={setTo} invalid={invalid || undefined} describedBy={invalid ? 'report-order-error' : undefined} />
          </div>
          <button type="submit" className="button button--primary" disabled={invalid || unreadable}>
            {t('reports.filter.apply')}
          </button>
          {invalid && <span className="field__error" id="report-order-error" role="alert">{t('reports.filter.orderError')}</span>}
        </form>
      ) : (
        <p className="filter-bar__range muted" data-testid="period-range">
          {range}
        </p>
      )}
      <div className="filter-bar__field">
        <label htmlFor="report-branch">{t('reports.filter.branch')}</label>
        <select id="report-branch" className="input" value={period.branchId ?? ''} onChange={(e) => setBranch(e.target.value || null)}>
          <option value="">{t('reports.filter.allBranches')}</option>
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
    </div>
    </>
  );
}
