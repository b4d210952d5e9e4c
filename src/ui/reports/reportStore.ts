import { create } from 'zustand';
import type { CustomerFilter, PeriodInput } from '../../shared/reports/filters.js';

/** What the reporting window shows: which report, over which period and branch, and the open drill-down. */
export type ReportView = 'rfm' | 'top' | 'profitability' | 'coverage' | 'patterns' | 'anomalies' | 'service' | 'prediction' | 'segments' | 'settings';
export type PeriodPreset = 'all' | 'last30' | 'last12' | 'thisYear' | 'lastYear' | 'custom';

export interface Drill {
  /** What the clerk clicked, in words ("Kebaruan: < 3 bulan"). */
  title: string;
  filter: CustomerFilter;
}

interface ReportState {
  view: ReportView;
  preset: PeriodPreset;
  period: Required<PeriodInput>;
  drill: Drill | null;
  /** Bumped to reload the current report (after a review, a fit, new settings). */
  version: number;
  show(view: ReportView): void;
  setPeriod(preset: PeriodPreset, from?: string | null, to?: string | null): void;
  setBranch(branchId: string | null): void;
  openDrill(drill: Drill): void;
  closeDrill(): void;
  reload(): void;
}

/** Calendar dates of a preset, counted in the clerk's own calendar (the branch's zone in practice). */
export function presetDates(preset: PeriodPreset, today = new Date()): { from: string | null; to: string | null } {
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const y = today.getFullYear();
  switch (preset) {
    case 'last30':
      return { from: iso(new Date(y, today.getMonth(), today.getDate() - 29)), to: iso(today) };
    case 'last12':
      return { from: iso(new Date(y - 1, today.getMonth(), today.getDate() + 1)), to: iso(today) };
    case 'thisYear':
      return { from: `${y}-01-01`, to: iso(today) };
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
    default:
      return { from: null, to: null };
  }
}

export const useReports = create<ReportState>((set) => ({
  view: 'rfm',
  preset: 'all',
  period: { from: null, to: null, branchId: null },
  drill: null,
  version: 0,
  show: (view) => set({ view, drill: null }),
  setPeriod: (preset, from, to) =>
    set((s) => {
      const dates = preset === 'custom' ? { from: from ?? null, to: to ?? null } : presetDates(preset);
      return { preset, period: { ...s.period, ...dates }, drill: null };
    }),
  setBranch: (branchId) => set((s) => ({ period: { ...s.period, branchId }, drill: null })),
  openDrill: (drill) => set({ drill }),
  closeDrill: () => set({ drill: null }),
  reload: () => set((s) => ({ version: s.version + 1 })),
}));
