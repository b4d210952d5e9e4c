import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../shared/domain/profile.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';
import { showTime } from '../design/dateText.js';
import { currentLocale } from '../i18n/index.js';
import './agenda.css';

type PlanEntry = Extract<TimelineEntry, { kind: 'plan' }>;

/** A contact plan or an agenda action on the Customer 360 timeline (C5, T2). */
export function PlanEntryTitle({ entry: e }: { entry: PlanEntry }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const date = formatCalendarDate(e.event === 'rescheduled' && e.newDate ? e.newDate : e.dueDate, locale) + (e.event === 'planned' && e.dueTime ? ` ${showTime(e.dueTime, locale)}` : '');
  return (
    <>
      <strong>{t(`agenda.timeline.${e.event}`, { date })}</strong>
      {e.event === 'planned' && e.channel && <> · {t(`channel.${e.channel}`)}</>}
      {e.event !== 'planned' && e.source !== 'plan' && <> · {t(`agenda.source.${e.source}`, { defaultValue: e.source })}</>}
      {e.status && <span className={`plan-status plan-status--${e.status}`}>{t(`agenda.timeline.status.${e.status}`)}</span>}
    </>
  );
}

export function PlanEntryDetail({ entry: e }: { entry: PlanEntry }) {
  return (
    <p className="timeline-entry__detail">
      {e.reason && <span className="timeline-entry__notes">{e.reason}</span>}
      <span className="muted">
        {e.reason ? ' · ' : ''}
        {e.staffName}
      </span>
    </p>
  );
}
