import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import { CONSOLE_PATHS, type ConsoleOverview } from '../../shared/console/api.js';
import { adminCall } from './consoleApi.js';

/** Every this often the console asks the head office again (the health screen and the counts in the menu). */
export const REFRESH_MS = 15_000;

interface OverviewState {
  overview: ConsoleOverview | null;
  error: ApiError | null;
  /** When the last answer arrived (this computer's clock). */
  loadedAt: number | null;
  loading: boolean;
  refresh(): Promise<void>;
  clear(): void;
}

let inFlight: Promise<void> | null = null;

export const useOverview = create<OverviewState>((set) => ({
  overview: null,
  error: null,
  loadedAt: null,
  loading: false,
  refresh() {
    // One question at a time: a slow head office is not asked twice over.
    inFlight ??= (async () => {
      set({ loading: true });
      const result = await adminCall<ConsoleOverview>(CONSOLE_PATHS.overview);
      if (result.ok) set({ overview: result.value, error: null, loadedAt: Date.now(), loading: false });
      else set({ error: result.error, loading: false });
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  },
  clear: () => set({ overview: null, error: null, loadedAt: null, loading: false }),
}));
