import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import { CONSOLE_PATHS, type ConsoleOverview } from '../../shared/console/api.js';
import { adminCall, setAdminKey, setKeyRefusedHandler } from './consoleApi.js';

/**
 * Who is using the console. The head office has admin keys, not user
 * accounts: a person signs in with the key and says who they are, and that
 * name is recorded on every decision (conflicts, merges). Both are kept in
 * this tab's sessionStorage only: closing the tab signs out.
 */
const STORAGE_KEY = 'simpul.console.session';

interface Stored {
  key: string;
  name: string;
}

function readStored(): Stored | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    return typeof parsed.key === 'string' && typeof parsed.name === 'string' ? { key: parsed.key, name: parsed.name } : null;
  } catch {
    return null;
  }
}

function writeStored(value: Stored | null): void {
  try {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage off: the sign-in lasts until this page is reloaded
  }
}

export type SignInFailure = 'keyRequired' | 'nameRequired' | 'keyRefused' | { error: ApiError };

interface ConsoleSessionState {
  adminName: string | null;
  /** Why the console went back to sign-in without the person asking (key revoked meanwhile). */
  endedReason: 'keyRefused' | null;
  signIn(key: string, name: string): Promise<SignInFailure | null>;
  signOut(): void;
}

const stored = readStored();
setAdminKey(stored?.key ?? null);

export const useConsoleSession = create<ConsoleSessionState>((set) => ({
  adminName: stored?.name ?? null,
  endedReason: null,

  async signIn(key, name) {
    const trimmedKey = key.trim();
    const trimmedName = name.trim();
    if (!trimmedKey) return 'keyRequired';
    if (!trimmedName) return 'nameRequired';
    // The key is checked by asking for the overview with it: the head office alone decides.
    const result = await adminCall<ConsoleOverview>(CONSOLE_PATHS.overview, { key: trimmedKey });
    if (!result.ok) return result.error.code === 'NOT_SIGNED_IN' || result.error.code === 'FORBIDDEN' ? 'keyRefused' : { error: result.error };
    setAdminKey(trimmedKey);
    writeStored({ key: trimmedKey, name: trimmedName.slice(0, 100) });
    set({ adminName: trimmedName.slice(0, 100), endedReason: null });
    return null;
  },

  signOut() {
    setAdminKey(null);
    writeStored(null);
    set({ adminName: null, endedReason: null });
  },
}));

setKeyRefusedHandler(() => {
  setAdminKey(null);
  writeStored(null);
  useConsoleSession.setState({ adminName: null, endedReason: 'keyRefused' });
});
