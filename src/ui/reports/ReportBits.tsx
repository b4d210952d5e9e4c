import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { ErrorBanner } from '../design/Banner.js';

/** A titled card of the report page. */
export function ReportCard({ title, note, children, wide, testId }: { title: string; note?: ReactNode; children: ReactNode; wide?: boolean; testId?: string }) {
  return (
    <section className={`card report-card ${wide ? 'report-card--wide' : ''}`} data-testid={testId}>
      <header className="report-card__header">
        <h2>{title}</h2>
        {note && <p className="report-card__note">{note}</p>}
      </header>
      {children}
    </section>
  );
}

/** Data another feature records, not kept at this branch yet: said plainly, with no numbers (the table's name is for support, not on screen). */
export function NotRecorded({ what, table }: { what: string; table: string }) {
  const { t } = useTranslation();
  return (
    <div className="not-recorded" role="note" data-testid="not-recorded" data-table={table}>
      <strong>{t('reports.common.notRecorded', { what })}</strong>
      <span className="muted">{t('reports.common.notRecordedBody')}</span>
    </div>
  );
}

/** Loading and error states shared by every report. */
export function ReportState({ loading, error, empty, children }: { loading: boolean; error: ApiError | null; empty?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (error) return <ErrorBanner error={error} />;
  if (loading && empty !== false) {
    return (
      <p className="muted report-loading" aria-busy="true">
        <span className="spinner" /> {t('reports.common.computing')}
      </p>
    );
  }
  return <div className={loading ? 'report-body report-body--stale' : 'report-body'} aria-busy={loading}>{children}</div>;
}

/** A figure with its label, optionally a share of a whole. */
export function Figure({ label, value, sub, testId, onClick }: { label: string; value: string; sub?: string; testId?: string; onClick?: () => void }) {
  const body = (
    <>
      <span className="figure__label">{label}</span>
      <span className="figure__value">{value}</span>
      {sub && <span className="figure__sub">{sub}</span>}
    </>
  );
  return onClick ? (
    <button type="button" className="figure figure--button" data-testid={testId} onClick={onClick}>
      {body}
    </button>
  ) : (
    <div className="figure" data-testid={testId}>
      {body}
    </div>
  );
}
