import { create } from 'zustand';
import { useCustomerPages } from './customerPages.js';
import { useCustomerSearch } from './customerSearch.js';

/**
 * One place that reacts to "customers changed", whether this window saved
 * something or the core pushed a customers.changed event (another window,
 * an import, a sync): the list refetches what is on screen, the search runs
 * again, and an open profile reloads if it is among the changed ids.
 */
interface CustomerChangesState {
  version: number;
  /** Ids from the last event; null means "any customer". */
  ids: readonly string[] | null;
}

export const useCustomerChanges = create<CustomerChangesState>(() => ({ version: 0, ids: null }));

export function customersChanged(ids: readonly string[] | null = null): void {
  useCustomerPages.getState().invalidate();
  useCustomerSearch.getState().refresh();
  useCustomerChanges.setState((s) => ({ version: s.version + 1, ids }));
}
