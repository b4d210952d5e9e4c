import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { CustomerRow } from '../../shared/domain/customer.js';
import { call } from '../app/api.js';

/**
 * Instant search (REQUIREMENTS C7): a query is sent about 100 ms after the
 * last keystroke; every answer carries the number of the request it belongs
 * to, and only the latest one is shown, so a slow answer for "08" never
 * replaces the answer for "0812-3456".
 */
const DEBOUNCE_MS = 100;
export const SEARCH_LIMIT = 50;

export type MatchedAs = 'empty' | 'phone' | 'text';

interface CustomerSearchState {
  query: string;
  /** The query the shown rows answer. */
  answeredQuery: string;
  rows: CustomerRow[];
  matchedAs: MatchedAs;
  loading: boolean;
  error: ApiError | null;
  highlighted: number;
  /** Bumped to ask the search box to take focus (keyboard "/" or Ctrl+K). */
  focusRequest: number;
  setQuery(query: string): void;
  move(delta: number): void;
  setHighlighted(index: number): void;
  clear(): void;
  /** Customers changed: run the current query again. */
  refresh(): void;
  requestFocus(): void;
  /** True once per request: the search box takes focus when it answers true. */
  takeFocusRequest(): boolean;
}

let focusRequestsHandled = 0;

let timer: ReturnType<typeof setTimeout> | null = null;
let latestRequest = 0;

export function isSearchActive(query: string): boolean {
  return query.trim() !== '';
}

export const useCustomerSearch = create<CustomerSearchState>((set, get) => {
  async function run(query: string): Promise<void> {
    const request = ++latestRequest;
    const result = await call('customers.search', { query, limit: SEARCH_LIMIT });
    if (request !== latestRequest) return; // a newer query was typed meanwhile
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    set({
      loading: false,
      error: null,
      rows: result.value.rows,
      matchedAs: result.value.matchedAs,
      answeredQuery: query,
      highlighted: 0,
    });
  }

  function schedule(query: string, delay: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run(query);
    }, delay);
  }

  return {
    query: '',
    answeredQuery: '',
    rows: [],
    matchedAs: 'empty',
    loading: false,
    error: null,
    highlighted: 0,
    focusRequest: 0,

    setQuery(query) {
      set({ query });
      if (!isSearchActive(query)) {
        get().clear();
        return;
      }
      set({ loading: true });
      schedule(query.trim(), DEBOUNCE_MS);
    },

    move(delta) {
      const { rows, highlighted } = get();
      if (rows.length === 0) return;
      set({ highlighted: Math.min(rows.length - 1, Math.max(0, highlighted + delta)) });
    },

    setHighlighted(index) {
      set({ highlighted: index });
    },

    clear() {
      if (timer) clearTimeout(timer);
      timer = null;
      latestRequest += 1;
      set({ query: '', answeredQuery: '', rows: [], matchedAs: 'empty', loading: false, error: null, highlighted: 0 });
    },

    refresh() {
      const { query } = get();
      if (isSearchActive(query)) schedule(query.trim(), 0);
    },

    requestFocus() {
      set((s) => ({ focusRequest: s.focusRequest + 1 }));
    },

    takeFocusRequest() {
      const { focusRequest } = get();
      if (focusRequest === focusRequestsHandled) return false;
      focusRequestsHandled = focusRequest;
      return true;
    },
  };
});
