import { create } from 'zustand';
import type { CaseQuery } from '../../shared/domain/case.js';

/** The list's filters, kept while the clerk opens a case and comes back. */
export interface CaseFilters {
  status: CaseQuery['status'];
  department: CaseQuery['department'] | '';
  /** '' anyone, 'me', 'none' or a staff id. */
  assignee: string;
  overdue: boolean;
  query: string;
}

export const useCaseFilters = create<CaseFilters & { set(patch: Partial<CaseFilters>): void }>((set) => ({
  status: 'active',
  department: '',
  assignee: '',
  overdue: false,
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
