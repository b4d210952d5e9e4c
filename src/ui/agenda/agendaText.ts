import type { TFunction } from 'i18next';
import type { AgendaItem, ContactPlan } from '../../shared/domain/agenda.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';

/** What a reminder is about, in a clerk's words ("Ulang tahun ke-36 pada 1 Des 2026"). */
export function reminderDetail(t: TFunction, item: AgendaItem, locale: 'id' | 'en'): string | null {
  const d = item.detail;
  if (item.kind !== 'reminder' || !d) return null;
  const date = d.date ? formatCalendarDate(d.date, locale) : '';
  switch (item.source) {
    case 'birthday':
      return t('agenda.detail.birthday', { age: d.age, date });
    case 'purchase':
      return t('agenda.detail.purchase', { amount: formatRupiah(d.amount ?? 0), date });
    case 'case':
      return t('agenda.detail.case', { date, label: d.label ?? '' });
    case 'asset':
      return t('agenda.detail.asset', { date, label: d.label ?? '' });
    case 'lapsed':
      return t('agenda.detail.lapsed', { date, days: d.age ?? 0 });
    case 'never_reached':
      return t('agenda.detail.never_reached', { date });
    default:
      return null;
  }
}

export function recurrenceText(t: TFunction, recurrence: ContactPlan['recurrence']): string | null {
  if (!recurrence) return null;
  return t(`agenda.every.${recurrence.unit}`, { count: recurrence.every });
}
