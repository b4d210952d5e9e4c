import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Appointment } from '../../shared/domain/appointment.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { StatusBadge } from './StatusBadge.js';
import './appointments.css';
import { ProductName } from '../design/ProductName.js';

const OPEN = ['booked', 'checked_in', 'in_progress', 'waiting_parts', 'ready'];

/** The customer's service appointments on the profile: open work first, then the latest finished ones. */
export function CustomerAppointments({ customerId, zone, version, onBook }: {
  customerId: string;
  zone: BranchTimeZone;
  /** Changes when the profile reloaded. */
  version: number;
  /** Opens the booking dialog; absent when the customer cannot be changed (archived). */
  onBook?: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [list, setList] = useState<Appointment[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let stale = false;
    void call('appointments.list', { customerId, limit: 30 }).then((r) => {
      if (stale) return;
      if (r.ok) setList(r.value.appointments);
      else setError(r.error);
    });
    return () => {
      stale = true;
    };
  }, [customerId, version]);

  const open = (list ?? []).filter((a) => OPEN.includes(a.status)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = (list ?? []).filter((a) => !OPEN.includes(a.status)).slice(0, 3);
  return (
    <section className="card profile-card customer-appointments" aria-labelledby="customer-appointments-title">
      <div className="card-title-row">
        <h2 className="form-card__title" id="customer-appointments-title">{t('appointment.customer.title')}</h2>
        {onBook && (
          <button type="button" className="button button--small" onClick={onBook}>
            {t('appointment.customer.book')} <kbd>J</kbd>
          </button>
        )}
      </div>
      {error && <ErrorBanner error={error} />}
      {list && list.length === 0 && <p className="muted">{t('appointment.customer.none')}</p>}
      {[...open, ...past].length > 0 && (
        <ul className="appt-rows">
          {[...open, ...past].map((a) => (
            <li key={a.id}>
              <a className="appt-row" href={`#/appointments/${a.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'appointment', id: a.id }); }}>
                <span className="appt-row__when tabular">{formatInstant(a.startsAt, zone, locale)}</span>
                <span className="appt-row__what">
                  <strong><ProductName name={a.serviceName} /></strong>
                  {a.assetLabel && <span className="muted"> · {[a.assetLabel, a.assetIdentifier].filter(Boolean).join(' ')}</span>}
                  <span className="muted"> · {a.technicianName}</span>
                </span>
                <StatusBadge status={a.status} qc={a.qcResult} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
