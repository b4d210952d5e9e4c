import { useTranslation } from 'react-i18next';
import {
  ANOMALY_LABELS, COLUMN_LABELS, FREQUENCY_LABELS, MONTH_LABELS, RECENCY_LABELS, REPORT_TITLES, SEGMENT_LABELS, TIER_LABELS, WEEKDAY_LABELS,
} from '../../shared/reports/labels.js';
import type { FrequencyBucket, RecencyBucket, RfmSegment, Tier } from '../../shared/reports/rfm.js';
import type { ReportName } from '../../shared/reports/names.js';
import { currentLocale } from '../i18n/index.js';

/**
 * Report words come from the shared vocabulary (src/shared/reports/labels.ts)
 * that the exports use too, so the window, CSV, Excel and PDF say the same.
 */
export function useWords() {
  useTranslation(); // re-render when the language changes
  const l = currentLocale();
  return {
    locale: l,
    title: (r: ReportName) => REPORT_TITLES[r][l],
    recency: (b: RecencyBucket) => RECENCY_LABELS[b][l],
    frequency: (b: FrequencyBucket) => FREQUENCY_LABELS[b][l],
    tier: (b: Tier) => TIER_LABELS[b][l],
    segment: (s: RfmSegment) => SEGMENT_LABELS[s][l],
    segmentHint: (s: RfmSegment) => SEGMENT_LABELS[s].hint[l],
    anomaly: (r: keyof typeof ANOMALY_LABELS) => ANOMALY_LABELS[r][l],
    month: (m: number) => MONTH_LABELS[m - 1][l],
    weekday: (d: number) => WEEKDAY_LABELS[d][l],
    column: (c: keyof typeof COLUMN_LABELS) => COLUMN_LABELS[c][l],
  };
}
export type Words = ReturnType<typeof useWords>;
