import type { TFunction } from 'i18next';
import type { CaseCategory, CaseSummary } from '../../shared/domain/case.js';

/** A category's name: the built-in ones translated, a branch's own ones as the manager typed them. */
export function categoryLabel(t: TFunction, code: string, categories?: readonly CaseCategory[]): string {
  const own = categories?.find((c) => c.code === code)?.label;
  return t(`cases.category.${code}`, { defaultValue: own ?? code });
}

/** "2 j 15 mnt", "3 hr 4 j", "12 mnt": how far a deadline is, in words a clerk reads at a glance. */
export function durationText(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  if (minutes < 60) return t('cases.duration.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('cases.duration.hours', { h: hours, m: minutes % 60 });
  return t('cases.duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** The SLA countdown of a case at `now`: which deadline, and how long left (or how late). */
export function countdown(t: TFunction, c: Pick<CaseSummary, 'nextDeadline' | 'overdue'>, now: number): { label: string; text: string; late: boolean } | null {
  if (!c.nextDeadline) return null;
  const left = Date.parse(c.nextDeadline.at) - now;
  // The core said overdue: trust it over a clock that has not ticked yet.
  const late = left <= 0 || c.overdue;
  return {
    label: t(`cases.deadline.${c.nextDeadline.kind}`),
    text: t(late ? 'cases.deadline.late' : 'cases.deadline.left', { time: durationText(t, left) }),
    late,
  };
}
