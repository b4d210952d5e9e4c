import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { OutputOf } from '../../shared/api/contract.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { useSession } from '../session/sessionStore.js';
import { auditDetailLines, auditInstant, type AuditDetailLine } from './auditDetail.js';
import './imports.css';

/** Labelled lines: "Berkas pelanggan.csv · Dibuat 2"; nothing for an entry without detail. */
function AuditDetail({ lines }: { lines: AuditDetailLine[] }) {
  if (lines.length === 0) return null;
  return (
    <dl className="audit-detail">
      {lines.map((l) => (
        <div key={l.key} className="audit-detail__item" data-key={l.key}>
          <dt>{l.label}</dt>
          <dd>{l.value}</dd>
        </div>
      ))}
    </dl>
  );
}

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
  const locale = currentLocale();
  const subject = (e: { subjectType: string; subjectId: string | null }) =>
    e.subjectId && e.subjectType === 'import' ? `#/imports/${encodeURIComponent(e.subjectId)}` : e.subjectId && e.subjectType === 'customer' ? `#/customers/${encodeURIComponent(e.subjectId)}` : null;
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
                <td className="nowrap tabular">{auditInstant(e.at, zone)}</td>
                <td title={t('audit.username', { username: e.username })} data-testid="audit-who">
                  <span className="audit__name">{e.displayName ?? e.username}</span>
                  <span className="audit__account muted">
                    {e.username} · {t(`role.${e.role}`, { defaultValue: e.role })}
                  </span>
                </td>
                <td className="audit__action">
                  {subject(e) ? <a href={subject(e)!}>{t(`audit.actionName.${e.action}`)}</a> : t(`audit.actionName.${e.action}`)}
                  {e.subjectType !== 'customer' && e.subjectType !== 'import' ? ` · ${t(`audit.list.${e.subjectType}`, { defaultValue: e.subjectType })}` : ''}
                  {e.subjectType === 'customer' && e.subjectId && (
                    <span className="audit__subject muted">
                      {e.customers[e.subjectId] ? `${e.customers[e.subjectId].fullName} · ${e.customers[e.subjectId].customerNumber}` : t('audit.unknownCustomer')}
                    </span>
                  )}
                </td>
                <td className="audit__detail">
                  <AuditDetail lines={auditDetailLines(e.detail, { t, locale, zone, customers: e.customers })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
