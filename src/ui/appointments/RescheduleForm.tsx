import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Appointment, AppointmentDetail, Technician } from '../../shared/domain/appointment.js';
import { localDateTime, zonedInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { DateInput } from '../design/DateInput.js';
import { TimeInput } from '../design/TimeInput.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';

/** Move a booked appointment to another day, time or technician (S4 "reschedule"); the new time is checked like a booking. */
export function RescheduleForm({ appointment: a, zone, onDone }: { appointment: Appointment; zone: BranchTimeZone; onDone(detail: AppointmentDetail): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [startDate, startTime] = localDateTime(a.startsAt, zone);
  const [date, setDate] = useState(startDate);
  const [time, setTime] = useState(startTime);
  const [technicianId, setTechnicianId] = useState(a.technicianId);
  const [staff, setStaff] = useState<Technician[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('appointments.technicians', {}).then((r) => r.ok && setStaff(r.value.technicians));
  }, []);

  async function save() {
    if (saving) return;
    setSaving(true);
    const r = await call('appointments.reschedule', {
      id: a.id,
      startsAt: zonedInstant(date, time, zone),
      ...(technicianId !== a.technicianId ? { technicianId } : {}),
      ...(note.trim() ? { note } : {}),
    });
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNote('');
    onDone(r.value);
  }

  const issue = error?.fields?.find((f) => f.path[0] === 'startsAt' || f.path[0] === 'technicianId');
  return (
    <form
      className="card appt-reschedule"
      aria-labelledby="appt-reschedule-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 className="form-card__title" id="appt-reschedule-title">{t('appointment.reschedule.title')}</h2>
      {error && <ErrorBanner error={error} />}
      <div className="appt-reschedule__row">
        <div className="field">
          <label className="field__label" htmlFor="appt-reschedule-date">{t('appointment.book.date')}</label>
          <DateInput id="appt-reschedule-date" value={date} onChange={setDate} invalid={Boolean(issue)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="appt-reschedule-time">{t('appointment.book.time', { zone })}</label>
          <TimeInput id="appt-reschedule-time" value={time} onChange={setTime} invalid={Boolean(issue)} />
        </div>
        <label className="field">
          <span className="field__label">{t('appointment.book.technician')}</span>
          <select className="select" value={technicianId} onChange={(e) => setTechnicianId(e.target.value)}>
            {staff.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('appointment.reschedule.why')}</span>
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('appointment.reschedule.whyHint')} />
        </label>
        <button type="submit" className="button" disabled={saving}>{saving ? t('common.saving') : t('appointment.reschedule.save')}</button>
      </div>
      {/* An unreadable day or time is explained by its own field already. */}
      {issue && issue.code !== 'invalid_date' && <span className="field__error" role="alert">{fieldText(issue, locale)}</span>}
    </form>
  );
}
