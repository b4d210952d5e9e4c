import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { AppointmentDetail, AppointmentStatus } from '../../shared/domain/appointment.js';
import { formatCalendarDate, formatInstant, localDateTime, todayIn } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { DateInput } from '../design/DateInput.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { isPlainKey, isTypingTarget } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { QcForm } from './QcForm.js';
import { RescheduleForm } from './RescheduleForm.js';
import { StatusBadge } from './StatusBadge.js';
import { addMonths, span } from './time.js';
import './appointments.css';
import { ProductName } from '../design/ProductName.js';

/** How the next due date is suggested when a job on an asset is done: six months on, the usual service interval. */
const SUGGESTED_INTERVAL_MONTHS = 6;

/**
 * One appointment (S4): what to tell the customer, the buttons for the moves
 * allowed now (number keys), the history, and the quality-control form.
 * Escape goes back.
 */
export function AppointmentPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [detail, setDetail] = useState<AppointmentDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState('');
  const [moveDue, setMoveDue] = useState(true);
  const [nextDue, setNextDue] = useState(addMonths(todayIn(zone), SUGGESTED_INTERVAL_MONTHS));
  const [busy, setBusy] = useState(false);
  /** A passed inspection folds the form away; a re-inspection is one click. */
  const [qcOpen, setQcOpen] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const movesRef = useRef<HTMLDivElement>(null);
  /** After a report, the clerk's next step is a status move: focus goes to the first one allowed. */
  const focusMoves = () => requestAnimationFrame(() => movesRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus());

  const load = useCallback(async () => {
    const r = await call('appointments.get', { id });
    if (r.ok) {
      setDetail(r.value);
      setError(null);
    } else setError(r.error);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const a = detail?.appointment;
  useEffect(() => {
    if (a) document.title = `${a.serviceName} · ${a.customerName ?? ''} · Simpul`;
  }, [a]);

  const qcBlocked = a?.qcResult === 'fail';
  const moves = (detail?.nextStatuses ?? []).map((to) => ({ to, blocked: qcBlocked && (to === 'ready' || to === 'done') }));

  async function move(to: AppointmentStatus) {
    if (!a || busy) return;
    setBusy(true);
    const r = await call('appointments.setStatus', {
      id,
      status: to,
      ...(note.trim() ? { note } : {}),
      ...(to === 'done' && a.assetId && moveDue ? { assetNextDueDate: nextDue } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.fields?.some((f) => f.path[0] === 'note')) noteRef.current?.focus();
      return;
    }
    setDetail(r.value);
    setError(null);
    setNote('');
    setNotice({ text: t('appointment.detail.moved', { status: t(`appointment.status.${to}`) }), tone: 'success' });
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !isTypingTarget(event.target)) {
        event.preventDefault();
        if (window.history.length > 1) window.history.back();
        else navigate({ name: 'appointments' });
        return;
      }
      const n = /^[1-9]$/.test(event.key) && isPlainKey(event, event.key) ? Number(event.key) - 1 : -1;
      const m = moves[n];
      if (m && !m.blocked) {
        event.preventDefault();
        void move(m.to);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!detail || !a) return <div className="appt-page">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const fieldError = (path: string) => {
    const issue = error?.fields?.find((f) => f.path.join('.') === path);
    return issue ? fieldText(issue, locale) : null;
  };
  const lastNote = [...detail.events].reverse().find((e) => e.note)?.note ?? null;
  // History: status steps and inspections in the order they happened.
  const history = [
    ...detail.events.map((e) => ({ at: e.at, key: `e-${e.id}`, event: e, qc: null })),
    ...detail.qcReports.map((r) => ({ at: r.inspectedAt, key: `q-${r.id}`, event: null, qc: r })),
  ].sort((x, y) => x.at.localeCompare(y.at) || x.key.localeCompare(y.key));

  return (
    <article className="appt-page" aria-labelledby="appt-title">
      <header className="appt-page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'appointments', date: undefined })}>
            ← {t('appointment.detail.backToDay')}
          </button>
          <h1 id="appt-title"><ProductName name={a.serviceName} /></h1>
          <p className="appt-page__sub">
            <a href={`#/customers/${a.customerId}`}>{a.customerName ?? a.customerNumber ?? a.customerId}</a>
            {a.assetLabel && (
              <>
                {' · '}
                {a.assetLabel} {a.assetIdentifier && <span className="mono plate">{a.assetIdentifier}</span>}
              </>
            )}
          </p>
        </div>
        <StatusBadge status={a.status} qc={a.qcResult} />
      </header>

      {error && <ErrorBanner error={error} />}
      {notice && <Banner tone={notice.tone} title={notice.text} />}
      {!a.ownBranch && <Banner tone="info" title={t('appointment.detail.otherBranch')} />}

      <section className="card appt-tell" aria-label={t('appointment.detail.tellTitle')}>
        <p className="appt-tell__label">{t('appointment.detail.tellTitle')}</p>
        <p className="appt-tell__text">
          {t(`appointment.tell.${a.status}`, { technician: a.technicianName, when: formatInstant(a.startsAt, zone, locale) })}
          {lastNote && (a.status === 'waiting_parts' || a.status === 'cancelled' || a.status === 'in_progress') && <span className="appt-tell__note"> “{lastNote}”</span>}
        </p>
        <dl className="appt-facts">
          <div><dt>{t('appointment.detail.when')}</dt><dd>{formatCalendarDate(localDateTime(a.startsAt, zone)[0], locale)}, {span(a.startsAt, a.endsAt, zone, locale)} {zone} · {t('appointment.minutes', { count: a.durationMinutes })}</dd></div>
          <div><dt>{t('appointment.detail.technician')}</dt><dd>{a.technicianName}</dd></div>
          <div><dt>{t('appointment.detail.price')}</dt><dd>{formatRupiah(a.servicePrice)} · <span className="mono">{a.serviceSku}</span></dd></div>
          {a.assetDueDate && <div><dt>{t('appointment.detail.assetDue')}</dt><dd>{formatCalendarDate(a.assetDueDate, locale)}</dd></div>}
          {a.notes && <div><dt>{t('appointment.detail.notes')}</dt><dd>{a.notes}</dd></div>}
        </dl>
      </section>

      {moves.length > 0 && (
        <section className="card appt-moves" aria-labelledby="appt-moves-title">
          <h2 className="form-card__title" id="appt-moves-title">{t('appointment.detail.movesTitle')}</h2>
          <div className="appt-moves__buttons" ref={movesRef}>
            {moves.map((m, i) => (
              <button
                key={m.to}
                type="button"
                className={`button ${m.to === 'cancelled' || m.to === 'no_show' ? 'button--danger' : i === 0 ? 'button--primary' : ''}`}
                disabled={busy || m.blocked}
                title={m.blocked ? t('appointment.detail.qcBlocked') : undefined}
                onClick={() => void move(m.to)}
              >
                {t(a.status === 'ready' && m.to === 'in_progress' ? 'appointment.move.back_to_work' : `appointment.move.${m.to}`)} <kbd>{i + 1}</kbd>
              </button>
            ))}
          </div>
          {qcBlocked && <p className="appt-moves__blocked" role="note">{t('appointment.detail.qcBlocked')}</p>}
          <div className="appt-moves__extra">
            <label className="field">
              <span className="field__label">{t('appointment.detail.note')}</span>
              <textarea ref={noteRef} className="textarea" rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('appointment.detail.noteHint')} aria-invalid={Boolean(fieldError('note'))} />
              {fieldError('note') && <span className="field__error" role="alert">{fieldError('note')}</span>}
            </label>
            {a.assetId && detail.nextStatuses.includes('done') && (
              <div className="field appt-moves__due">
                <label className="checkbox">
                  <input type="checkbox" checked={moveDue} onChange={(e) => setMoveDue(e.target.checked)} />
                  {t('appointment.detail.moveDue')}
                </label>
                <DateInput id="appt-next-due" value={nextDue} disabled={!moveDue} onChange={setNextDue} label={t('appointment.detail.nextDue')} invalid={Boolean(fieldError('assetNextDueDate'))} />
                {fieldError('assetNextDueDate') && <span className="field__error" role="alert">{fieldError('assetNextDueDate')}</span>}
              </div>
            )}
          </div>
        </section>
      )}

      {a.status === 'booked' && a.ownBranch && (
        <RescheduleForm
          appointment={a}
          zone={zone}
          onDone={(d) => {
            setDetail(d);
            setError(null);
            setNotice({ text: t('appointment.reschedule.done', { when: formatInstant(d.appointment.startsAt, zone, locale) }), tone: 'success' });
          }}
        />
      )}

      {detail.canFileQc && a.qcResult === 'pass' && !qcOpen && (
        <section className="card appt-qc-closed">
          <span>{t('appointment.qc.passedAlready')}</span>
          <button type="button" className="button button--small" onClick={() => setQcOpen(true)}>{t('appointment.qc.again')}</button>
        </section>
      )}
      {detail.canFileQc && (a.qcResult !== 'pass' || qcOpen) && (
        <QcForm
          appointment={a}
          onFiled={(d, result) => {
            setDetail(d);
            setError(null);
            setNotice(result === 'pass' ? { text: t('appointment.qc.filedPass'), tone: 'success' } : { text: t('appointment.qc.filedFail'), tone: 'warning' });
            setQcOpen(false);
            focusMoves();
          }}
        />
      )}

      <section className="card appt-history" aria-labelledby="appt-history-title">
        <h2 className="form-card__title" id="appt-history-title">{t('appointment.detail.historyTitle')}</h2>
        <ol className="appt-history__list">
          {history.map((h) => (
            <li key={h.key} className="appt-history__item">
              <time className="appt-history__time muted tabular" dateTime={h.at}>{formatInstant(h.at, zone, locale)}</time>
              {h.event && (
                <div>
                  <strong>
                    {h.event.kind === 'booked'
                      ? t('appointment.timeline.booked', { when: formatInstant(h.event.startsAt ?? a.startsAt, zone, locale) })
                      : h.event.kind === 'rescheduled'
                        ? t('appointment.timeline.rescheduled', { when: formatInstant(h.event.startsAt ?? a.startsAt, zone, locale) })
                        : h.event.kind === 'qc_returned'
                          ? t('appointment.timeline.qcReturned')
                          : t(`appointment.status.${h.event.toStatus}`)}
                  </strong>
                  {h.event.technicianName && h.event.kind !== 'status' && <span className="muted"> · {h.event.technicianName}</span>}
                  {h.event.assetDueDate && <span> · {t('appointment.detail.dueMoved', { date: formatCalendarDate(h.event.assetDueDate, locale) })}</span>}
                  {h.event.note && <p className="appt-history__note">{h.event.note}</p>}
                  <p className="muted appt-history__by">{h.event.staffName}</p>
                </div>
              )}
              {h.qc && (
                <div>
                  <strong>{t('appointment.timeline.qc')}</strong> <span className={`qc-result qc-result--${h.qc.result}`}>{t(`appointment.qc.result.${h.qc.result}`)}</span>
                  <ul className="qc-items">
                    {h.qc.items.map((item, i) => (
                      <li key={i} className={item.passed ? 'qc-item qc-item--pass' : 'qc-item qc-item--fail'}>
                        <span aria-hidden="true">{item.passed ? '✓' : '✗'}</span> {item.label}
                        {item.note && <span className="muted"> — {item.note}</span>}
                        <span className="sr-only">{t(`appointment.qc.result.${item.passed ? 'pass' : 'fail'}`)}</span>
                      </li>
                    ))}
                  </ul>
                  {h.qc.notes && <p className="appt-history__note">{h.qc.notes}</p>}
                  <p className="muted appt-history__by">{t('appointment.qc.inspectedBy', { name: h.qc.inspectorName })}</p>
                </div>
              )}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
