import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { OutputOf } from '../../shared/api/contract.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { useSession } from '../session/sessionStore.js';
import './imports.css';

/** The audit log (P2, P5): who exported, imported, undid an import or saw sensitive data. It cannot be edited. */
export function AuditPage() {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [entries, setEntries] = useState<OutputOf<'audit.list'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    document.title = `${t('audit.title')} · Simpul`;
    void call('audit.list', { limit: 500 }).then((r) => (r.ok ? setEntries(r.value) : setError(r.error)));
  }, [t]);
  // Codes in the log (kind, status, field names) read in the clerk's language.
  const value = (key: string, v: unknown): string => {
    if (Array.isArray(v)) return v.map((x) => t(`profileField.${x}`, { defaultValue: String(x) })).join(', ');
    if (v === true) return t('audit.yes');
    if (key === 'kind') return t(`imports.kind.${v}`, { defaultValue: String(v) });
    if (key === 'status') return t(`imports.statusName.${v}`, { defaultValue: String(v) });
    return String(v);
  };
  const subject = (e: { subjectType: string; subjectId: string | null }) =>
    e.subjectId && e.subjectType === 'import' ? `#/imports/${encodeURIComponent(e.subjectId)}` : e.subjectId && e.subjectType === 'customer' ? `#/customers/${encodeURIComponent(e.subjectId)}` : null;
  const detail = (d: Record<string, unknown>) =>
    Object.entries(d)
      .filter(([, v]) => v !== false && v !== null && v !== undefined)
      .map(([k, v]) => `${t(`audit.detail.${k}`, { defaultValue: k })}: ${value(k, v)}`)
      .join(' · ');
  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('audit.title')}</h1>
          <p className="muted">{t('audit.intro')}</p>
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      {entries && entries.length === 0 && <p className="muted">{t('audit.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('audit.when')}</th>
              <th>{t('audit.who')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.detailLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{formatInstant(e.at, zone, currentLocale())}</td>
                <td>
                  {e.username} <span className="muted">· {t(`role.${e.role}`, { defaultValue: e.role })}</span>
                </td>
                <td>
                  {subject(e) ? <a href={subject(e)!}>{t(`audit.actionName.${e.action}`)}</a> : t(`audit.actionName.${e.action}`)}
                  {e.subjectType !== 'customer' && e.subjectType !== 'import' ? ` · ${t(`audit.list.${e.subjectType}`, { defaultValue: e.subjectType })}` : ''}
                </td>
                <td className="audit__detail">{detail(e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
