import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { AppointmentDay } from '../../shared/domain/appointment.js';
import { formatCalendarDate, isIsoDate, localDateTime, todayIn } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { DateInput } from '../design/DateInput.js';
import { currentLocale } from '../i18n/index.js';
import { isPlainKey } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { StatusBadge } from './StatusBadge.js';
import { addDays, span } from './time.js';
import './appointments.css';

const HOUR_PX = 60;

/** Minutes since local midnight. */
const minutesOf = (iso: string, zone: 'WIB' | 'WITA' | 'WIT') => {
  const [, hm] = localDateTime(iso, zone);
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The branch's day (S4): one column per technician, the work placed at its
 * time, so the gaps show who is free. ← and → go a day back and forth, T to
 * today; a card opens the appointment.
 */
export function AppointmentsDay({ date: routeDate }: { date?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const today = todayIn(zone);
  const date = routeDate ?? today;
  const [day, setDay] = useState<AppointmentDay | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stale = false;
    void call('appointments.day', { date }).then((r) => {
      if (stale) return;
      if (r.ok) {
        setDay(r.value);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [date]);

  useEffect(() => {
    document.title = `${t('appointment.day.title')} · Simpul`;
    const go = (d: string) => navigate({ name: 'appointments', date: d === today ? undefined : d });
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'arrowleft')) go(addDays(date, -1));
      else if (isPlainKey(event, 'arrowright')) go(addDays(date, 1));
      else if (isPlainKey(event, 't')) go(today);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [date, today, t]);

  const list = day?.appointments ?? [];
  // Working hours 07-19, stretched to hold anything booked outside them.
  const first = Math.min(7 * 60, ...list.map((a) => minutesOf(a.startsAt, zone)));
  const last = Math.max(19 * 60, ...list.map((a) => Math.min(24 * 60, minutesOf(a.startsAt, zone) + a.durationMinutes)));
  const startHour = Math.floor(first / 60);
  const endHour = Math.ceil(last / 60);
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const columns = (day?.technicians ?? []).filter((x) => x.username !== '' || list.some((a) => a.technicianId === x.id));

  return (
    <section className="appt-day" aria-labelledby="appt-day-title">
      <header className="appt-day__header">
        <div>
          <h1 id="appt-day-title">{t('appointment.day.title')}</h1>
          <p className="muted">
            {formatCalendarDate(date, locale)}
            {date === today && ` · ${t('appointment.day.today')}`} · {t('appointment.day.count', { count: list.length })} · {zone}
          </p>
        </div>
        <div className="appt-day__nav">
          <button type="button" className="button button--small" onClick={() => navigate({ name: 'appointments', date: addDays(date, -1) })} aria-label={t('appointment.day.previous')}>
            ← <kbd>←</kbd>
          </button>
          <button type="button" className="button button--small" onClick={() => navigate({ name: 'appointments' })} disabled={date === today}>
            {t('appointment.day.today')} <kbd>T</kbd>
          </button>
          <button type="button" className="button button--small" onClick={() => navigate({ name: 'appointments', date: addDays(date, 1) })} aria-label={t('appointment.day.next')}>
            <kbd>→</kbd> →
          </button>
          <div className="appt-day__date">
            <DateInput id="appt-day-date" value={date} label={t('appointment.day.pick')} onChange={(d) => isIsoDate(d) && d !== date && navigate({ name: 'appointments', date: d === today ? undefined : d })} />
          </div>
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      {day && (
        <div className="appt-grid card" style={{ gridTemplateColumns: `56px repeat(${Math.max(columns.length, 1)}, minmax(170px, 1fr))` }}>
          <div className="appt-grid__corner" />
          {columns.map((x) => (
            <div key={x.id} className="appt-grid__head" role="columnheader">
              {x.name}
              <span className="muted"> · {t('appointment.day.jobs', { count: list.filter((a) => a.technicianId === x.id).length })}</span>
            </div>
          ))}
          <div className="appt-grid__hours" style={{ height: hours.length * HOUR_PX }}>
            {hours.map((h) => (
              <span key={h} className="appt-grid__hour tabular" style={{ top: (h - startHour) * HOUR_PX }}>
                {String(h).padStart(2, '0')}{locale === 'id' ? '.00' : ':00'}
              </span>
            ))}
          </div>
          {columns.map((x) => (
            <div key={x.id} className="appt-grid__column" style={{ height: hours.length * HOUR_PX }} aria-label={x.name} role="list">
              {hours.map((h) => (
                <span key={h} className="appt-grid__line" style={{ top: (h - startHour) * HOUR_PX }} />
              ))}
              {list
                .filter((a) => a.technicianId === x.id)
                .map((a) => {
                  const top = ((minutesOf(a.startsAt, zone) - startHour * 60) / 60) * HOUR_PX;
                  const height = Math.max(30, (a.durationMinutes / 60) * HOUR_PX - 3);
                  return (
                    <a
                      key={a.id}
                      role="listitem"
                      className={`appt-card appt-card--${a.status}`}
                      style={{ top, height }}
                      href={`#/appointments/${a.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ name: 'appointment', id: a.id });
                      }}
                    >
                      <span className="appt-card__time tabular">{span(a.startsAt, a.endsAt, zone, locale)}</span>
                      <span className="appt-card__customer">{a.customerName ?? a.customerNumber}</span>
                      <span className="appt-card__service" title={a.serviceName}>
                        {a.serviceName}
                        {a.assetIdentifier && <span className="mono"> · {a.assetIdentifier}</span>}
                      </span>
                      <StatusBadge status={a.status} qc={a.qcResult} />
                    </a>
                  );
                })}
            </div>
          ))}
          {columns.length === 0 && <p className="muted appt-grid__empty">{t('appointment.day.noStaff')}</p>}
        </div>
      )}
      {day && list.length === 0 && <p className="muted appt-day__hint">{t('appointment.day.empty')}</p>}
    </section>
  );
}
