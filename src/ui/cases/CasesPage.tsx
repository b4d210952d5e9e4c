import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CASE_LIST_STATUSES, DEPARTMENTS, type CaseList, type CaseSettings } from '../../shared/domain/case.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { useSession } from '../session/sessionStore.js';
import { categoryLabel, countdown } from './caseText.js';
import { startClock, useCaseFilters, useClock } from './casesStore.js';
import './cases.css';

/**
 * The branch's cases (S1): active ones nearest their deadline first, with
 * filters by status, department, assignee and overdue. A row opens the
 * case; the SLA countdown and the escalation level are on every row.
 */
export function CasesPage() {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const filters = useCaseFilters();
  const now = useClock((s) => s.now);
  const [list, setList] = useState<CaseList | null>(null);
  const [settings, setSettings] = useState<CaseSettings | null>(null);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    startClock();
    document.title = `${t('cases.nav')} · Simpul`;
    void call('cases.settings.get', {}).then((r) => r.ok && setSettings(r.value));
    void call('cases.staff', {}).then((r) => r.ok && setStaff(r.value.items));
  }, [t]);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(async () => {
      const result = await call('cases.list', {
        status: filters.status,
        ...(filters.department ? { department: filters.department } : {}),
        ...(filters.assignee ? { assignee: filters.assignee } : {}),
        ...(filters.overdue ? { overdue: true } : {}),
        ...(filters.escalation ? { escalation: filters.escalation } : {}),
        query: filters.query,
        limit: 200,
      });
      if (stale) return;
      if (result.ok) {
        useClock.setState({ now: Date.now() });
        setList(result.value);
        setError(null);
      } else setError(result.error);
    }, filters.query ? 150 : 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [filters.status, filters.department, filters.assignee, filters.overdue, filters.escalation, filters.query]);

  const statusLabel = (s: (typeof CASE_LIST_STATUSES)[number]) => (s === 'active' ? t('cases.filter.active') : s === 'all' ? t('cases.filter.all') : t(`cases.status.${s}`));

  return (
    <div className="cases-page">
      <header className="cases-page__header">
        <div>
          <h1>{t('cases.title')}</h1>
          {list && (
            <p className="muted" data-testid="case-count">
              {t('cases.list.count', { shown: list.items.length, total: list.total })}
              {list.overdueTotal > 0 && <span className="case-late-count"> · {t('cases.list.overdueTotal', { count: list.overdueTotal })}</span>}
            </p>
          )}
        </div>
        <a className="button" href="#/cases/settings">
          {t('cases.settings.link')}
        </a>
      </header>

      <div className="cases-filters" role="search">
        <label className="field">
          <span className="field__label">{t('cases.filter.search')}</span>
          <input className="input" type="search" value={filters.query} onChange={(e) => filters.set({ query: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('cases.filter.status')}</span>
          <select className="select" aria-label={t('cases.filter.status')} value={filters.status} onChange={(e) => filters.set({ status: e.target.value as typeof filters.status })}>
            {CASE_LIST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('cases.filter.department')}</span>
          <select className="select" aria-label={t('cases.filter.department')} value={filters.department} onChange={(e) => filters.set({ department: e.target.value as typeof filters.department })}>
            <option value="">{t('cases.filter.anyDepartment')}</option>
            {DEPARTMENTS.map((d) => (
              <option key={d} value={d}>
                {t(`cases.department.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('cases.filter.assignee')}</span>
          <select className="select" aria-label={t('cases.filter.assignee')} value={filters.assignee} onChange={(e) => filters.set({ assignee: e.target.value })}>
            <option value="">{t('cases.filter.anyone')}</option>
            <option value="me">{t('cases.filter.me')}</option>
            <option value="none">{t('cases.filter.none')}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('cases.filter.escalation')}</span>
          <select className="select" aria-label={t('cases.filter.escalation')} value={filters.escalation} onChange={(e) => filters.set({ escalation: Number(e.target.value) as 0 | 1 | 2 })}>
            <option value={0}>{t('cases.filter.anyEscalation')}</option>
            <option value={1}>{t('cases.escalation.1')}</option>
            <option value={2}>{t('cases.escalation.2')}</option>
          </select>
        </label>
        <label className="checkbox cases-filters__overdue">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => filters.set({ overdue: e.target.checked })} />
          {t('cases.filter.overdue')}
        </label>
      </div>

      {error && <ErrorBanner error={error} />}
      {list && list.items.length === 0 && <p className="muted cases-empty">{t('cases.list.empty')}</p>}
      {list && list.items.length > 0 && (
        <table className="cases-table" data-testid="cases-table">
          <thead>
            <tr>
              <th>{t('cases.list.number')}</th>
              <th>{t('cases.list.customer')}</th>
              <th>{t('cases.list.subject')}</th>
              <th>{t('cases.list.department')}</th>
              <th>{t('cases.list.assignee')}</th>
              <th>{t('cases.list.status')}</th>
              <th>{t('cases.list.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => {
              const due = countdown(t, c, now);
              return (
                <tr key={c.id} className={c.overdue ? 'cases-table__row--late' : undefined} onClick={() => navigate({ name: 'case', id: c.id })}>
                  <td className="nowrap">
                    <a className="mono" href={`#/cases/${c.id}`} onClick={(e) => e.stopPropagation()}>
                      {c.caseNumber}
                    </a>
                    <div className={`case-priority case-priority--${c.priority}`}>{t(`cases.priority.${c.priority}`)}</div>
                  </td>
                  <td>{c.customerName ?? '-'}</td>
                  <td>
                    <div className="cases-table__subject">{c.subject}</div>
                    <div className="muted cases-table__meta">
                      {categoryLabel(currentLocale(), c.category, settings?.categories)} · {formatInstant(c.openedAt, zone, currentLocale())}
                    </div>
                  </td>
                  <td>{t(`cases.department.${c.department}`)}</td>
                  <td>{c.assigneeName ?? <span className="muted">{t('cases.filter.none')}</span>}</td>
                  <td>
                    <span className={`case-status case-status--${c.status}`}>{t(`cases.status.${c.status}`)}</span>
                  </td>
                  <td className="nowrap">
                    {due ? (
                      <>
                        <div className={due.late ? 'case-due case-due--late' : 'case-due'}>{due.text}</div>
                        <div className="muted cases-table__meta">{due.label}</div>
                      </>
                    ) : (
                      <span className="muted">-</span>
                    )}
                    {c.escalationLevel > 0 && <div className={`case-escalation case-escalation--${c.escalationLevel}`}>{t(`cases.escalation.${c.escalationLevel}`)}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

