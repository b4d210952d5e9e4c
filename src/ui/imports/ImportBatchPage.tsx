import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { ImportBatch, ImportIssue } from '../../shared/domain/importing.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { call, transport } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { customersChanged } from '../customers/customerEvents.js';
import { currentLocale } from '../i18n/index.js';
import { formatCount } from '../lib/numbers.js';
import { useSession } from '../session/sessionStore.js';
import { ExportButton } from './ExportButton.js';
import { IssueTable } from './IssueTable.js';
import './imports.css';

const PAGE = 200;

/** One import: what it did, its report row by row, and undo of the whole import. */
export function ImportBatchPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const locale = currentLocale();
  const [batch, setBatch] = useState<ImportBatch | null>(null);
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const [issueCount, setIssueCount] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [undoing, setUndoing] = useState<number | null>(null);

  const load = useCallback(async (offset: number) => {
    const r = await call('imports.report', { id, offset, limit: PAGE });
    if (!r.ok) return setError(r.error);
    setBatch(r.value.batch);
    setIssueCount(r.value.issueCount);
    setIssues((old) => (offset === 0 ? r.value.issues : [...old, ...r.value.issues]));
  }, [id]);

  useEffect(() => {
    void load(0);
  }, [load]);

  useEffect(() => {
    if (batch) document.title = `${batch.fileName} · ${t('imports.title')} · Simpul`;
  }, [batch, t]);

  async function undo() {
    setConfirming(false);
    setUndoing(0);
    const off = transport?.onEvent((e) => {
      if (e.type === 'import.progress' && e.batchId === id) setUndoing(e.fraction);
    });
    const r = await call('imports.undo', { id });
    off?.();
    setUndoing(null);
    if (!r.ok) return setError(r.error);
    setBatch(r.value);
    customersChanged(null);
  }

  if (!batch) return <div className="page">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;
  const undoable = batch.status === 'done' || batch.status === 'interrupted';
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'imports' })}>
            ← {t('imports.title')}
          </button>
          <h1>{batch.fileName}</h1>
          <p className="muted">
            {t(`imports.kind.${batch.kind}`)} · {formatInstant(batch.startedAt, zone, locale)} · {batch.createdByName}
          </p>
        </div>
        <div className="page__actions">
          {issueCount > 0 && <ExportButton list="importIssues" batchId={batch.id} />}
          {undoable && (
            <button type="button" className="button button--danger" disabled={undoing !== null} onClick={() => setConfirming(true)}>
              {t('imports.undo')}
            </button>
          )}
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      {batch.status === 'refused' && <Banner tone="warning" title={t('imports.refusedTitle')}>{t('imports.refusedBody')}</Banner>}
      {batch.status === 'interrupted' && <Banner tone="warning" title={t('imports.interruptedTitle')}>{t('imports.interruptedBody')}</Banner>}
      {batch.status === 'done' && <Banner tone="success" title={t('imports.doneTitle', { created: formatCount(batch.created), updated: formatCount(batch.updated) })} />}
      {batch.undo && (
        <Banner tone="info" title={t('imports.undoneTitle', { who: batch.undoneByName, when: formatInstant(batch.undoneAt!, zone, locale) })}>
          {t('imports.undoneBody', { removed: formatCount(batch.undo.removed), archived: formatCount(batch.undo.archived), restored: formatCount(batch.undo.restored), kept: formatCount(batch.undo.kept) })}
        </Banner>
      )}
      {confirming && (
        <Banner tone="warning" title={t('imports.undoConfirmTitle')} action={
          <div className="page__actions">
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
            <button type="button" className="button button--small button--danger" autoFocus onClick={() => void undo()}>{t('imports.undoConfirm')}</button>
          </div>
        }>
          {t('imports.undoConfirmBody', { count: batch.created + batch.updated })}
        </Banner>
      )}
      {undoing !== null && (
        <div className="progress progress--large" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(undoing * 100)} aria-label={t('imports.phase.undoing')}>
          <div className="progress__fill" style={{ width: `${undoing * 100}%` }} />
        </div>
      )}
      <dl className="counts">
        {(['totalRows', 'validRows', 'invalidRows', 'created', 'updated', 'unchanged'] as const).map((key) => (
          <div key={key} className={`count count--${key} ${batch[key] > 0 ? 'count--some' : ''}`}>
            <dt>{t(`imports.count.${key === 'created' ? 'create' : key === 'updated' ? 'update' : key}`)}</dt>
            <dd data-testid={`count-${key}`}>{formatCount(batch[key])}</dd>
          </div>
        ))}
      </dl>
      <section className="card form-card">
        <h2 className="form-card__title">{issueCount > 0 ? t('imports.issuesTitle', { count: issueCount }) : t('imports.noIssues')}</h2>
        {issues.length > 0 && <IssueTable issues={issues} />}
        {issues.length < issueCount && (
          <button type="button" className="button button--small" onClick={() => void load(issues.length)}>
            {t('imports.moreIssues', { count: issueCount - issues.length })}
          </button>
        )}
      </section>
    </div>
  );
}
