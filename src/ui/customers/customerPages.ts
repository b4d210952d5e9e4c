import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { CustomerRow, CustomerSort } from '../../shared/domain/customer.js';
import { call } from '../app/api.js';

/**
 * The customer list as a sparse cache of pages (REQUIREMENTS X2): the grid
 * asks for the rows its viewport needs, only those pages are fetched (100
 * rows each, two requests at a time), and pages that scrolled away before
 * their turn are never requested. A sort change or a data change starts a new
 * generation; answers from an older generation are dropped.
 */
export const PAGE_SIZE = 100;
const MAX_IN_FLIGHT = 2;
const MAX_CACHED_PAGES = 200;

export type SortDirection = 'asc' | 'desc';

interface CustomerPagesState {
  sort: CustomerSort;
  direction: SortDirection;
  /** Rows in the list; null until the first page answered. */
  total: number | null;
  pages: ReadonlyMap<number, CustomerRow[]>;
  error: ApiError | null;
  /** Scroll position of the list, kept while the clerk opens a customer and comes back. */
  scrollTop: number;
  /** Index of the row chosen with the keyboard. */
  activeIndex: number;
  setSort(sort: CustomerSort, direction: SortDirection): void;
  /** The grid shows rows firstIndex..lastIndex: fetch what is missing. */
  want(firstIndex: number, lastIndex: number): void;
  /** Customers changed: refetch what is on screen, keep showing it meanwhile. */
  invalidate(): void;
  retry(): void;
  setScrollTop(scrollTop: number): void;
  setActiveIndex(index: number): void;
}

let generation = 0;
let wantedPages: number[] = [0];
const inFlight = new Set<number>();
const fresh = new Set<number>();
const failed = new Set<number>();

export const useCustomerPages = create<CustomerPagesState>((set, get) => {
  function pump(): void {
    while (inFlight.size < MAX_IN_FLIGHT) {
      const page = wantedPages.find((p) => !fresh.has(p) && !inFlight.has(p) && !failed.has(p));
      if (page === undefined) return;
      void fetchPage(page);
    }
  }

  async function fetchPage(page: number): Promise<void> {
    const requestGeneration = generation;
    const { sort, direction } = get();
    inFlight.add(page);
    const result = await call('customers.list', { offset: page * PAGE_SIZE, limit: PAGE_SIZE, sort, direction });
    if (requestGeneration !== generation) return; // sort or data changed meanwhile: a newer answer is coming
    inFlight.delete(page);
    if (!result.ok) {
      failed.add(page);
      set({ error: result.error });
      return;
    }
    fresh.add(page);
    const pages = new Map(get().pages);
    pages.set(page, result.value.rows);
    evictFarPages(pages);
    set({ pages, total: result.value.total, error: null });
    pump();
  }

  function newGeneration(): void {
    generation += 1;
    inFlight.clear();
    fresh.clear();
    failed.clear();
  }

  return {
    sort: 'name',
    direction: 'asc',
    total: null,
    pages: new Map(),
    error: null,
    scrollTop: 0,
    activeIndex: 0,

    setSort(sort, direction) {
      newGeneration();
      wantedPages = [0];
      set({ sort, direction, pages: new Map(), scrollTop: 0, activeIndex: 0, error: null });
      pump();
    },

    want(firstIndex, lastIndex) {
      const first = Math.max(0, Math.floor(firstIndex / PAGE_SIZE));
      const last = Math.max(first, Math.floor(lastIndex / PAGE_SIZE));
      const pages: number[] = [];
      for (let p = first; p <= last; p += 1) pages.push(p);
      wantedPages = pages;
      pump();
    },

    invalidate() {
      newGeneration();
      // Pages on screen stay visible until their fresh copy arrives; the rest are dropped.
      const kept = new Map([...get().pages].filter(([page]) => wantedPages.includes(page)));
      set({ pages: kept });
      pump();
    },

    retry() {
      failed.clear();
      set({ error: null });
      pump();
    },

    setScrollTop(scrollTop) {
      set({ scrollTop });
    },

    setActiveIndex(index) {
      set({ activeIndex: index });
    },
  };
});

/** Keeps memory bounded when someone scrolls through a million rows: drop the pages farthest from view. */
function evictFarPages(pages: Map<number, CustomerRow[]>): void {
  if (pages.size <= MAX_CACHED_PAGES) return;
  const centre = wantedPages[Math.floor(wantedPages.length / 2)] ?? 0;
  const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) {
    pages.delete(page);
    fresh.delete(page);
  }
}

export function rowAt(pages: ReadonlyMap<number, CustomerRow[]>, index: number): CustomerRow | null {
  return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE] ?? null;
}
