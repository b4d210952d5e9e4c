import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { ACTIVE_STATUSES, DEPARTMENTS, type CaseDetail, type CaseEvent, type CaseSettings, type CaseStatus, type Department } from '../../shared/domain/case.js';
import { formatInstant } from '../../shared/domain/dates.js';
import type { Method } from '../../shared/api/contract.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { useSession } from '../session/sessionStore.js';
import { categoryLabel, countdown } from './caseText.js';
import { startClock, useClock } from './casesStore.js';
import './cases.css';

/**
 * One case: where it stands against its SLA (a countdown that keeps
 * running), its escalation level, the workflow steps it may take now, and
 * its history. Resolving asks for the resolution; the customer's
 * satisfaction is asked once it is resolved.
 */
export function CaseDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const locale = currentLocale();
  const now = useClock((s) => s.now);
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [settings, setSettings] = useState<CaseSettings | null>(null);
  const [staff, setStaff] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [resolution, setResolution] = useState('');
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [department, setDepartment] = useState<Department | ''>('');
  const [comment, setComment] = useState('');
  const [satisfaction, setSatisfaction] = useState(0);
  const [satisfactionNote, setSatisfactionNote] = useState('');

  const load = useCallback(async () => {
    const r = await call('cases.get', { id });
    if (r.ok) {
      useClock.setState({ now: Date.now() });
      setCase(r.value);
      setError(null);
    } else setError(r.error);
  }, [id]);

  useEffect(() => {
    startClock();
    void load();
    void call('cases.settings.get', {}).then((r) => r.ok && setSettings(r.value));
    void call('cases.staff', {}).then((r) => r.ok && setStaff(r.value.items));
  }, [load]);

  useEffect(() => {
    if (c) document.title = `${c.caseNumber} · Simpul`;
  }, [c]);

  // Escape goes back to the list (when not typing).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return (target as HTMLInputElement).blur();
      navigate({ name: 'cases' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function run<M extends Method>(method: M, input: Parameters<typeof call<M>>[1], after?: () => void) {
    if (busy) return;
    setBusy(true);
    const r = await call(method, input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    useClock.setState({ now: Date.now() });
    setCase(r.value as CaseDetail);
    setError(null);
    after?.();
  }

  if (!c) return <div className="cases-page">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const active = ACTIVE_STATUSES.includes(c.status);
  const due = countdown(t, c, now);
  const at = (iso: string | null) => (iso ? formatInstant(iso, zone, locale) : '-');
  const fields = fieldErrorsOf(error);
  const move = (to: CaseStatus) =>
    void run('cases.transition', { id: c.id, to, ...(to === 'resolved' ? { resolution } : {}), ...(note.trim() ? { note } : {}) }, () => {
      setNote('');
      if (to !== 'resolved') setResolution('');
    });
  const moveLabel = (to: CaseStatus) => (to === 'in_progress' && (c.status === 'resolved' || c.status === 'closed') ? t('cases.move.reopen') : t(`cases.move.${to}`));

  return (
    <article className="cases-page case-detail" aria-labelledby="case-title">
      <header>
        <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'cases' })}>
          ← {t('cases.detail.back')}
        </button>
        <div className="case-detail__title">
          <h1 id="case-title">
            <span className="mono">{c.caseNumber}</span> · {c.subject}
          </h1>
          <span className={`case-status case-status--${c.status}`} data-testid="case-status">
            {t(`cases.status.${c.status}`)}
          </span>
          <span className={`case-priority case-priority--${c.priority}`}>{t(`cases.priority.${c.priority}`)}</span>
        </div>
        <p className="muted">
          {t(`cases.kind.${c.kind}`)} · {t(`channel.${c.channel}`)} · {t('cases.detail.openedBy', { at: at(c.openedAt), name: c.openedByName })}
          {c.reopenCount > 0 && ` · ${t('cases.detail.reopened', { count: c.reopenCount })}`}
        </p>
      </header>

      {error && <ErrorBanner error={error} />}

      <div className="case-detail__grid">
        <section className="card case-card" aria-label={t('cases.field.table')}>
          <dl className="case-facts">
            <div>
              <dt>{t('cases.detail.customer')}</dt>
              <dd>
                <a href={`#/customers/${c.customerId}`}>{c.customerName ?? c.customerId}</a>
                {c.customerNumber && <span className="muted mono"> {c.customerNumber}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('cases.field.category')}</dt>
              <dd>{categoryLabel(currentLocale(), c.category, settings?.categories)}</dd>
            </div>
            <div>
              <dt>{t('cases.field.department')}</dt>
              <dd data-testid="case-department">
                {t(`cases.department.${c.department}`)} <span className="muted">({t(`cases.routedBy.${c.routedBy}`)})</span>
              </dd>
            </div>
            <div>
              <dt>{t('cases.field.assignee')}</dt>
              <dd data-testid="case-assignee">{c.assigneeName ?? <span className="muted">{t('cases.filter.none')}</span>}</dd>
            </div>
            {c.description && (
              <div className="case-facts__wide">
                <dt>{t('cases.field.description')}</dt>
                <dd>{c.description}</dd>
              </div>
            )}
            {c.resolution && (
              <div className="case-facts__wide">
                <dt>{t('cases.field.resolution')}</dt>
                <dd data-testid="case-resolution">{c.resolution}</dd>
              </div>
            )}
          </dl>
        </section>

        <section className={`card case-card case-sla ${c.overdue ? 'case-sla--late' : ''}`} aria-label={t('cases.field.slaDueAt')}>
          {due ? (
            <p className="case-sla__countdown" data-testid="case-countdown">
              <span className="case-sla__label">{due.label}</span>
              <span className={due.late ? 'case-due case-due--late' : 'case-due'}>{due.text}</span>
            </p>
          ) : (
            <p className="muted">{t('cases.deadline.none')}</p>
          )}
          <dl className="case-facts case-facts--compact">
            <div>
              <dt>{t('cases.field.firstResponseDueAt')}</dt>
              <dd>
                {at(c.firstResponseDueAt)}
                {c.firstRespondedAt && <div className="muted">{t('cases.detail.firstResponded', { at: at(c.firstRespondedAt) })}</div>}
              </dd>
            </div>
            <div>
              <dt>{t('cases.field.slaDueAt')}</dt>
              <dd>
                {at(c.slaDueAt)}
                {c.resolvedAt && <div className="muted">{`${t('cases.field.resolvedAt')}: ${at(c.resolvedAt)}`}</div>}
              </dd>
            </div>
          </dl>
          <p className={`case-escalation case-escalation--${c.escalationLevel}`} data-testid="case-escalation">
            {t(`cases.escalation.${c.escalationLevel}`)}
            {c.escalatedAt && c.escalationLevel > 0 && <span className="muted"> {t('cases.detail.escalatedAt', { at: at(c.escalatedAt) })}</span>}
          </p>
        </section>
      </div>

      <section className="card case-card" aria-labelledby="case-workflow">
        <h2 id="case-workflow" className="case-card__title">
          {t('cases.detail.workflow')}
        </h2>
        {c.allowedMoves.includes('resolved') && (
          <label className="field">
            <span className="field__label">{t('cases.detail.resolution')}</span>
            <textarea
              className="textarea"
              rows={2}
              aria-label={t('cases.detail.resolution')}
              value={resolution}
              aria-invalid={fields.resolution ? true : undefined}
              placeholder={t('cases.detail.resolutionHint')}
              onChange={(e) => setResolution(e.target.value)}
            />
            {fields.resolution && <span className="field__error">{t('cases.detail.resolutionRequired')}</span>}
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('cases.detail.note')}</span>
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="case-moves">
          {c.allowedMoves.length === 0 && <span className="muted">{t('cases.detail.noMoves')}</span>}
          {c.allowedMoves.map((to) => (
            <button key={to} type="button" className={`button ${to === 'resolved' ? 'button--primary' : ''}`} disabled={busy} onClick={() => move(to)}>
              {moveLabel(to)}
            </button>
          ))}
        </div>
        {active && (
          <div className="case-side-actions">
            <label className="field">
              <span className="field__label">{t('cases.detail.assignTo')}</span>
              <span className="case-inline">
                <select className="select" aria-label={t('cases.detail.assignTo')} value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                  <option value="">-</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" disabled={busy || !assignee} onClick={() => void run('cases.assign', { id: c.id, assigneeId: assignee }, () => setAssignee(''))}>
                  {t('cases.detail.assign')}
                </button>
              </span>
            </label>
            <label className="field">
              <span className="field__label">{t('cases.detail.reroute')}</span>
              <span className="case-inline">
                <select className="select" aria-label={t('cases.detail.reroute')} value={department} onChange={(e) => setDepartment(e.target.value as Department)}>
                  <option value="">-</option>
                  {DEPARTMENTS.filter((d) => d !== c.department).map((d) => (
                    <option key={d} value={d}>
                      {t(`cases.department.${d}`)}
                    </option>
                  ))}
                </select>
                <button type="button" className="button" disabled={busy || !department} onClick={() => department && void run('cases.reroute', { id: c.id, department }, () => setDepartment(''))}>
                  {t('cases.detail.reroute')}
                </button>
              </span>
            </label>
          </div>
        )}
      </section>

      {(c.status === 'resolved' || c.status === 'closed') && (
        <section className="card case-card" aria-labelledby="case-satisfaction">
          <h2 id="case-satisfaction" className="case-card__title">
            {t('cases.detail.satisfaction')}
            {c.satisfaction && <span className="case-stars" data-testid="case-satisfaction"> {c.satisfaction}/5</span>}
          </h2>
          <p className="muted">{t('cases.detail.satisfactionHint')}</p>
          <div className="case-inline" role="radiogroup" aria-label={t('cases.detail.satisfaction')}>
            {[1, 2, 3, 4, 5].map((n) => (
              <button key={n} type="button" role="radio" aria-checked={satisfaction === n} className="choice" onClick={() => setSatisfaction(n)}>
                {n}
              </button>
            ))}
            <input className="input case-inline__grow" value={satisfactionNote} placeholder={t('cases.field.satisfactionNote')} onChange={(e) => setSatisfactionNote(e.target.value)} />
            <button
              type="button"
              className="button button--primary"
              disabled={busy || satisfaction === 0}
              onClick={() => void run('cases.rate', { id: c.id, satisfaction, ...(satisfactionNote.trim() ? { note: satisfactionNote } : {}) }, () => setSatisfactionNote(''))}
            >
              {t('cases.detail.rate')}
            </button>
          </div>
        </section>
      )}

      <section className="card case-card" aria-labelledby="case-history">
        <h2 id="case-history" className="case-card__title">
          {t('cases.detail.history')}
        </h2>
        <div className="case-inline">
          <input className="input case-inline__grow" value={comment} placeholder={t('cases.detail.commentHint')} onChange={(e) => setComment(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && comment.trim() && void run('cases.comment', { id: c.id, note: comment }, () => setComment(''))} />
          <button type="button" className="button" disabled={busy || !comment.trim()} onClick={() => void run('cases.comment', { id: c.id, note: comment }, () => setComment(''))}>
            {t('cases.detail.comment')}
          </button>
        </div>
        <ol className="case-history" data-testid="case-history">
          {[...c.events].reverse().map((e) => (
            <li key={e.id}>
              <span className="case-history__at muted">{at(e.at)}</span>
              <span>
                <strong>{t(`cases.event.${e.kind}`)}</strong> {eventText(t, e)}
                {e.note && <span className="case-history__note"> “{e.note}”</span>}
                <span className="muted"> · {e.staffName}</span>
              </span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function eventText(t: ReturnType<typeof useTranslation>['t'], e: CaseEvent): string {
  switch (e.kind) {
    case 'status':
      return `${e.fromValue ? t(`cases.status.${e.fromValue}`) : ''} → ${t(`cases.status.${e.toValue}`)}`;
    case 'routed':
      return e.fromValue && !['rule', 'default', 'manual'].includes(e.fromValue)
        ? `${t(`cases.department.${e.fromValue}`)} → ${t(`cases.department.${e.toValue}`)}`
        : `${t(`cases.department.${e.toValue}`)} (${t(`cases.routedBy.${e.fromValue ?? 'rule'}`)})`;
    case 'escalated':
      return t(`cases.escalation.${e.toValue}`);
    case 'assigned':
    case 'resolution':
      return e.toValue ?? '';
    case 'satisfaction':
      return `${e.toValue}/5`;
    default:
      return '';
  }
}
