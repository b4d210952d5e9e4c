import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { ImportBatch } from '../../shared/domain/importing.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { isPlainKey } from '../lib/keyboard.js';
import { formatCount } from '../lib/numbers.js';
import { useSession } from '../session/sessionStore.js';
import './imports.css';

/** Imports of this branch, newest first; N starts a new one. */
export function ImportsPage() {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    document.title = `${t('imports.title')} · Simpul`;
    void call('imports.list', {}).then((r) => (r.ok ? setBatches(r.value) : setError(r.error)));
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'n')) {
        event.preventDefault();
        navigate({ name: 'importNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [t]);

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('imports.title')}</h1>
          <p className="muted">{t('imports.intro')}</p>
        </div>
        <button type="button" className="button button--primary" onClick={() => navigate({ name: 'importNew' })}>
          {t('imports.new')} <kbd>N</kbd>
        </button>
      </header>
      {error && <ErrorBanner error={error} />}
      {batches && batches.length === 0 && <p className="muted">{t('imports.none')}</p>}
      {batches && batches.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('imports.when')}</th>
              <th>{t('imports.file')}</th>
              <th>{t('imports.kindLabel')}</th>
              <th>{t('imports.status')}</th>
              <th>{t('imports.count.totalRows')}</th>
              <th>{t('imports.count.create')}</th>
              <th>{t('imports.count.update')}</th>
              <th>{t('imports.count.invalidRows')}</th>
              <th>{t('imports.by')}</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id}>
                <td className="nowrap">{formatInstant(b.startedAt, zone, currentLocale())}</td>
                <td>
                  <a href={`#/imports/${b.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'importBatch', id: b.id }); }}>{b.fileName}</a>
                </td>
                <td>{t(`imports.kind.${b.kind}`)}</td>
                <td><span className={`status status--${b.status}`}>{t(`imports.statusName.${b.status}`)}</span></td>
                <td className="tabular">{formatCount(b.totalRows)}</td>
                <td className="tabular">{formatCount(b.created)}</td>
                <td className="tabular">{formatCount(b.updated)}</td>
                <td className="tabular">{formatCount(b.invalidRows)}</td>
                <td>{b.createdByName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
