import { create } from 'zustand';
import type { OutputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { call, transport } from '../app/api.js';
import { storedSession } from '../transport/index.js';
import { changeLocale, currentLocale } from '../i18n/index.js';

export type BranchInfo = OutputOf<'setup.status'>;
export type SignedInActor = OutputOf<'auth.me'>;

/**
 * Where this window is in the start-up flow:
 * setup.status -> first-time setup (if needed) -> sign in -> the app.
 */
export type SessionPhase = 'starting' | 'noSecret' | 'unreachable' | 'setup' | 'signIn' | 'ready';

interface SessionState {
  phase: SessionPhase;
  branch: BranchInfo | null;
  actor: SignedInActor | null;
  startError: ApiError | null;
  /** Username to prefill on the sign-in screen after setup. */
  lastUsername: string;
  start(): Promise<void>;
  setupDone(branch: BranchInfo, managerUsername: string): void;
  signedIn(token: string, actor: SignedInActor): void;
  signOut(): Promise<void>;
  /** The core ended the session (expired, signed out elsewhere). */
  sessionEnded(): void;
  switchLocale(locale: 'id' | 'en'): Promise<void>;
}

export const useSession = create<SessionState>((set, get) => ({
  phase: 'starting',
  branch: null,
  actor: null,
  startError: null,
  lastUsername: '',

  async start() {
    if (!transport) {
      set({ phase: 'noSecret' });
      return;
    }
    set({ phase: 'starting', startError: null });
    const status = await call('setup.status', {});
    if (!status.ok) {
      set({ phase: status.error.code === 'BAD_SECRET' ? 'noSecret' : 'unreachable', startError: status.error });
      return;
    }
    const branch = status.value;
    if (!branch.initialised) {
      set({ phase: 'setup', branch });
      return;
    }
    // Electron keeps the session in the main process; in browser mode the token is in sessionStorage.
    if (transport.mode === 'electron' || storedSession()) {
      const me = await call('auth.me', {});
      if (me.ok) {
        set({ phase: 'ready', branch, actor: me.value });
        if (me.value.locale !== currentLocale()) void call('auth.setLocale', { locale: currentLocale() });
        return;
      }
      transport.setSession(null);
    }
    set({ phase: 'signIn', branch });
  },

  setupDone(branch, managerUsername) {
    set({ phase: 'signIn', branch, lastUsername: managerUsername });
  },

  signedIn(token, actor) {
    transport?.setSession(token);
    set({ phase: 'ready', actor, lastUsername: actor.username });
  },

  async signOut() {
    await call('auth.signOut', {});
    transport?.setSession(null);
    set({ phase: 'signIn', actor: null });
  },

  sessionEnded() {
    if (get().phase !== 'ready') return;
    transport?.setSession(null);
    set({ phase: 'signIn', actor: null });
  },

  async switchLocale(locale) {
    await changeLocale(locale);
    // Server-made messages follow the session's language too.
    if (get().phase === 'ready') {
      const updated = await call('auth.setLocale', { locale });
      if (updated.ok) set({ actor: updated.value });
    }
  },
}));
