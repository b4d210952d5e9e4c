import type { TFunction } from 'i18next';
import { CASE_CATEGORY_NAMES, type CaseCategory, type CaseSummary } from '../../shared/domain/case.js';
import { branchCaseCategoryText, type Locale } from '../../shared/reports/labels.js';

/**
 * A category's name as people read it: the label the branch manager gave it
 * (the settings page edits code and label; the label is the name). A built-in
 * category whose label nobody changed is shown in the reader's language; a
 * renamed one keeps the manager's words (branchCaseCategoryText, which the
 * exports use too: one rule and one dictionary, CASE_CATEGORY_NAMES). Without
 * a label or a built-in name (a category since removed from the settings, or
 * settings not loaded yet) the code in words.
 */
export function categoryLabel(locale: Locale, code: string, categories?: readonly CaseCategory[]): string {
  if (CASE_CATEGORY_NAMES[code] || categories?.some((c) => c.code === code && c.label.trim())) return branchCaseCategoryText(code, locale, categories ?? []);
  return humanCode(code);
}

/** "spare_parts" -> "Spare parts": better than the bare code where no label exists. */
function humanCode(code: string): string {
  const words = code.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A code for a new category, from the label typed: "Suku cadang habis" -> "suku_cadang_habis" (the contract's pattern). */
export function codeFromLabel(label: string): string {
  const code = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return code;
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
