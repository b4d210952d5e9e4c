import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { fieldText } from '../lib/errorText.js';
import { currentLocale } from '../i18n/index.js';
import { CustomerTable } from './CustomerTable.js';
import { ExportButtons } from './ExportButtons.js';
import { useReport } from './useReport.js';
import { useReports } from './reportStore.js';
import { count } from './format.js';

const PAGE = 50;

/**
 * The customers behind what was clicked: a count, pages of 50, export of
 * the whole list, and "save as segment" (M1) so a campaign can use it.
 */
export function DrillPanel() {
  const { t } = useTranslation();
  const { drill, period, closeDrill } = useReports();
  const [offset, setOffset] = useState(0);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  useEffect(() => {
    setOffset(0);
    setSaved(null);
    setSaveError(null);
    setName(drill?.title ?? '');
  }, [drill]);
  const list = useReport('reports.customers', drill ? { period, filter: drill.filter, offset, limit: PAGE } : null);
  if (!drill) return null;
  const total = list.data?.total ?? 0;
  const save = async () => {
    const result = await call('segments.save', { name: name.trim(), filter: drill.filter });
    if (result.ok) {
      setSaved(result.value.name);
      setSaveError(null);
    } else setSaveError(result.error);
  };
  const nameIssue = saveError?.fields?.find((f) => f.path[0] === 'name');
  return (
    <section className="card drill" aria-label={t('reports.drill.title')} data-testid="drill-panel">
      <header className="drill__header">
        <div>
          <p className="drill__kicker">{t('reports.drill.title')}</p>
          <h2>{drill.title}</h2>
          <p className="muted" data-testid="drill-count">
            {list.loading && !list.data ? t('reports.common.computing') : t('reports.drill.count', { count: total, formatted: count(total) })}
          </p>
        </div>
        <button type="button" className="button button--small no-print" onClick={closeDrill}>
          {t('reports.drill.close')}
        </button>
      </header>
      <div className="drill__tools no-print">
        <ExportButtons input={{ report: 'customers', period, filter: drill.filter }} print={false} />
        <form
          className="drill__save"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="segment-name">{t('reports.drill.segmentName')}</label>
          <input id="segment-name" className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} aria-invalid={nameIssue ? true : undefined} />
          <button type="submit" className="button button--small button--primary">
            {t('reports.drill.saveSegment')}
          </button>
        </form>
      </div>
      {nameIssue && <Banner tone="error" title={fieldText(nameIssue, currentLocale())} />}
      {saveError && !nameIssue && <ErrorBanner error={saveError} />}
      {saved && <Banner tone="success" title={t('reports.drill.saved', { name: saved })} />}
      {list.error && <ErrorBanner error={list.error} />}
      {list.data && <CustomerTable rows={list.data.rows} testId="drill-table" startRank={offset + 1} />}
      {total > PAGE && (
        <nav className="pager no-print" aria-label={t('reports.drill.pages')}>
          <button type="button" className="button button--small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('reports.drill.prev')}
          </button>
          <span className="muted">{t('reports.drill.range', { from: count(offset + 1), to: count(Math.min(offset + PAGE, total)), total: count(total) })}</span>
          <button type="button" className="button button--small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            {t('reports.drill.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
