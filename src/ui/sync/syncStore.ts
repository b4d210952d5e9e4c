import { create } from 'zustand';
import type { OutputOf } from '../../shared/api/contract.js';
import { ERRORS, makeError, type ApiError, type ErrorCode } from '../../shared/api/errors.js';
import type { CoreEvent } from '../../shared/api/transport.js';
import { call } from '../app/api.js';
import { currentLocale } from '../i18n/index.js';

export type SyncStatus = OutputOf<'sync.status'>;
export type SyncProgress = Omit<Extract<CoreEvent, { type: 'sync.progress' }>, 'type'>;

/** How the last sync seen by this window ended. `refused` is unknown for a run this window did not start. */
export type SyncOutcome =
  | { ok: true; pushed: number; pulled: number; conflicts: number; refused: number | null }
  | { ok: false; error: ApiError };

interface SyncState {
  status: SyncStatus | null;
  /** The core itself did not answer sync.status. */
  statusError: ApiError | null;
  /** Progress of the current run, from the core's sync.progress events. */
  progress: SyncProgress | null;
  running: boolean;
  outcome: SyncOutcome | null;
  /** Bumped after every finished run, so screens that list conflicts reload. */
  finishedRuns: number;
  refresh(): Promise<void>;
  syncNow(): Promise<void>;
  onCoreEvent(event: CoreEvent): void;
  reset(): void;
}

const initial = { status: null, statusError: null, progress: null, running: false, outcome: null, finishedRuns: 0 };

function errorOf(code: string): ApiError {
  const known = Object.prototype.hasOwnProperty.call(ERRORS, code) ? (code as ErrorCode) : 'INTERNAL';
  return makeError(known, currentLocale());
}

/**
 * Sync as this window sees it (REQUIREMENTS B1): the core's status, asked
 * again after every run, every 30 s and whenever customers change (pending
 * count), and the progress of a run, whoever started it (this button, the
 * schedule, another window), from the core's events.
 */
export const useSync = create<SyncState>((set, get) => {
  /** The core's event stream says a run is under way (between its first progress event and sync.finished). */
  let streamRunning = false;
  /** This window waits for its own sync.now answer. */
  let inFlight = false;
  /** Own run answered before its events arrived: its sync.finished is still to come and is not news. */
  let ownFinishDue = false;
  const running = () => inFlight || streamRunning;

  return {
    ...initial,

    async refresh() {
      const result = await call('sync.status', {});
      if (!result.ok) return set({ statusError: result.error });
      // A run started elsewhere (schedule, another window) shows as running here too; a lost
      // sync.finished (events reconnecting) must not leave the button disabled.
      streamRunning = result.value.running;
      set({ status: result.value, statusError: null, running: running() });
    },

    async syncNow() {
      if (running()) return;
      inFlight = true;
      ownFinishDue = false;
      set({ running: true, outcome: null, progress: { phase: 'hello', pushed: 0, toPush: get().status?.pending ?? 0, pulled: 0 } });
      const result = await call('sync.now', {});
      inFlight = false;
      ownFinishDue = streamRunning || get().progress?.phase === 'hello';
      set((s) => ({
        running: running(),
        finishedRuns: s.finishedRuns + 1,
        outcome: result.ok
          ? { ok: true, pushed: result.value.pushed, pulled: result.value.pulled, conflicts: result.value.conflicts, refused: result.value.quarantined }
          : { ok: false, error: result.error },
      }));
      await get().refresh();
    },

    onCoreEvent(event) {
      if (event.type === 'sync.progress') {
        const { type: _type, ...progress } = event;
        streamRunning = event.phase !== 'done';
        set({ progress, running: running() });
      } else if (event.type === 'sync.finished') {
        streamRunning = false;
        // The answer to this window's own sync.now says more (refused changes, the localised error).
        const own = inFlight || ownFinishDue;
        ownFinishDue = false;
        if (own) set({ running: running() });
        else {
          set((s) => ({
            running: running(),
            finishedRuns: s.finishedRuns + 1,
            outcome: event.ok
              ? { ok: true, pushed: event.pushed, pulled: event.pulled, conflicts: event.conflicts, refused: null }
              : { ok: false, error: errorOf(event.errorCode ?? 'INTERNAL') },
          }));
        }
        void get().refresh();
      } else if (event.type === 'customers.changed') {
        void get().refresh();
      }
    },

    reset() {
      streamRunning = false;
      ownFinishDue = false;
      set(initial);
    },
  };
});

/** The bar's fill from 0 to 1, or null while it cannot be known (greeting, receiving pages of unknown count). */
export function progressFraction(progress: SyncProgress | null): number | null {
  if (!progress) return null;
  if (progress.phase === 'done') return 1;
  if (progress.phase === 'push') return progress.toPush > 0 ? Math.min(1, progress.pushed / progress.toPush) : null;
  if (progress.phase === 'conflicts') return 1;
  return null;
}
