import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../shared/domain/profile.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { currentLocale } from '../i18n/index.js';
import { useSession } from '../session/sessionStore.js';
import { navigate } from '../app/router.js';
import './appointments.css';
import { ProductName } from '../design/ProductName.js';

/** Opens the appointment in this window (a plain link would also work; this keeps the route typed). */
function open(event: { preventDefault(): void }, id: string): void {
  event.preventDefault();
  navigate({ name: 'appointment', id });
}

type AppointmentEntry = Extract<TimelineEntry, { kind: 'appointment' }>;
type QcEntry = Extract<TimelineEntry, { kind: 'qc' }>;

/** A step of a service appointment on the Customer 360 timeline (C5): what happened, to which service, with a link to it. */
export function AppointmentEntryTitle({ entry: e }: { entry: AppointmentEntry }) {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone ?? 'WIB');
  const when = e.startsAt ? formatInstant(e.startsAt, zone, currentLocale()) : '';
  const what =
    e.event === 'booked'
      ? t('appointment.timeline.booked', { when })
      : e.event === 'rescheduled'
        ? t('appointment.timeline.rescheduled', { when })
        : e.event === 'qc_returned'
          ? t('appointment.timeline.qcReturned')
          : t(`appointment.status.${e.toStatus}`);
  return (
    <>
      <a href={`#/appointments/${e.appointmentId}`} onClick={(ev) => open(ev, e.appointmentId)}>
        <strong><ProductName name={e.serviceName} /></strong>
      </a>{' '}
      · <span className={`appt-status appt-status--${e.toStatus}`}>{what}</span>
    </>
  );
}

export function QcEntryTitle({ entry: e }: { entry: QcEntry }) {
  const { t } = useTranslation();
  return (
    <>
      <strong>{t('appointment.timeline.qc')}</strong>{' '}
      <span className={`qc-result qc-result--${e.result}`}>{t(`appointment.qc.result.${e.result}`)}</span> ·{' '}
      <a href={`#/appointments/${e.appointmentId}`} onClick={(ev) => open(ev, e.appointmentId)}>
        <ProductName name={e.serviceName} />
      </a>
    </>
  );
}

export function AppointmentEntryDetail({ entry: e }: { entry: AppointmentEntry | QcEntry }) {
  const { t } = useTranslation();
  const parts: string[] = [];
  if (e.kind === 'appointment' && e.assetLabel) parts.push(e.assetLabel);
  if (e.kind === 'qc') {
    parts.push(
      e.failedItems.length > 0
        ? t('appointment.timeline.failedItems', { items: e.failedItems.join(', ') })
        : t('appointment.timeline.allPassed', { count: e.itemCount }),
    );
  }
  const note = e.kind === 'qc' ? e.notes : e.note;
  return (
    <p className="timeline-entry__detail">
      {parts.length > 0 && <span>{parts.join(' · ')}</span>}
      {note && <span className="timeline-entry__notes"> {parts.length > 0 ? '· ' : ''}{note}</span>}
      {e.staffName && <span className="muted"> · {e.staffName}</span>}
    </p>
  );
}
