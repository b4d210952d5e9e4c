import { create } from 'zustand';
import type { CaseQuery } from '../../shared/domain/case.js';

/** The list's filters, kept while the clerk opens a case and comes back. */
export interface CaseFilters {
  status: CaseQuery['status'];
  department: CaseQuery['department'] | '';
  /** '' anyone, 'me', 'none' or a staff id. */
  assignee: string;
  overdue: boolean;
  /** 0: any; 1: escalated to the branch manager or further; 2: to the head office. */
  escalation: 0 | 1 | 2;
  query: string;
}

export const useCaseFilters = create<CaseFilters & { set(patch: Partial<CaseFilters>): void }>((set) => ({
  status: 'active',
  department: '',
  assignee: '',
  overdue: false,
  escalation: 0,
  query: '',
  set: (patch) => set(patch),
}));

/** Re-renders every 30 seconds, so countdowns stay true while a screen is open. */
export const useClock = create<{ now: number }>(() => ({ now: Date.now() }));
let ticking = false;
export function startClock(): void {
  if (ticking) return;
  ticking = true;
  setInterval(() => useClock.setState({ now: Date.now() }), 30_000);
}
