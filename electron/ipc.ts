import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { makeError, type Locale, type Result } from '../src/shared/api/errors.js';
import type { HostedCore } from '../src/branch/host/protocol.js';
import { APP_ORIGIN, IPC_EVENT, IPC_INVOKE, MAX_METHOD_LENGTH, isAppUrl } from './constants.js';

/**
 * The relay between renderer windows and the branch core. Main decides who
 * is calling: only the top frame of a page served from app://simpul, and the
 * session is the one main holds for that webContents. The renderer never
 * sees or sends a session token, so script injected into a page cannot steal
 * a session for use elsewhere.
 */

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  core: HostedCore;
  /** Windows that may receive core events (webContents.getAllWebContents in the app). */
  listWebContents(): WebContents[];
  locale?(): Locale;
}

export interface IpcRelay {
  /** The invoke handler, exposed for tests that call it with a crafted event. */
  handleInvoke(event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>>;
  hasSession(webContentsId: number): boolean;
  dispose(): void;
}

const METHOD_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/** True when the call comes from our own UI in the top frame of its window. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed while the message was in flight
  if (!frame.url.startsWith(`${APP_ORIGIN}/`) || !isAppUrl(frame.url)) return false;
  // An iframe (even one of ours) must not reach the core; only the page itself.
  return frame === event.sender.mainFrame && frame.parent === null;
}

export function registerIpc(deps: IpcDeps): IpcRelay {
  const sessions = new Map<number, string>();
  const watched = new Set<number>();
  const locale = (): Locale => deps.locale?.() ?? 'id';
  const fail = (code: 'FORBIDDEN' | 'UNKNOWN_METHOD' | 'INTERNAL'): Result<unknown> => ({
    ok: false,
    error: makeError(code, locale()),
  });

  /** Best effort: the core forgets the session too, so a closed window leaves none behind. */
  const endSession = (token: string): void => {
    Promise.resolve()
      .then(() => deps.core.call(token, 'auth.signOut', {}))
      .catch(() => undefined);
  };

  const watch = (sender: WebContents): void => {
    if (watched.has(sender.id)) return;
    watched.add(sender.id);
    const id = sender.id;
    sender.once('destroyed', () => {
      watched.delete(id);
      const token = sessions.get(id);
      sessions.delete(id);
      if (token) endSession(token);
    });
  };

  const relay = async (sender: WebContents, method: string, input: unknown): Promise<Result<unknown>> => {
    watch(sender);
    const id = sender.id;
    const session = sessions.get(id) ?? null;
    const result = await deps.core.call(session, method, input);

    if (method === 'auth.signOut') {
      if (sessions.get(id) === session) sessions.delete(id);
      return result;
    }
    if (!result.ok) {
      // The core no longer knows this session (expired, or the core restarted): forget it here too.
      if (result.error.code === 'NOT_SIGNED_IN' && session && sessions.get(id) === session) sessions.delete(id);
      return result;
    }
    if (method !== 'auth.signIn') return result;

    const value = result.value as { sessionToken?: unknown } | null;
    if (!value || typeof value.sessionToken !== 'string' || value.sessionToken === '') return fail('INTERNAL');
    const { sessionToken, ...withoutToken } = value;
    if (sender.isDestroyed()) {
      endSession(sessionToken); // the window closed while signing in
      return fail('INTERNAL');
    }
    const previous = sessions.get(id);
    sessions.set(id, sessionToken);
    if (previous && previous !== sessionToken) endSession(previous);
    return { ok: true, value: withoutToken };
  };

  const handleInvoke = async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
    try {
      if (!isTrustedSender(event)) return fail('FORBIDDEN');
      if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH || !METHOD_NAME.test(method)) {
        return fail('UNKNOWN_METHOD');
      }
      return await relay(event.sender, method, input);
    } catch (err) {
      console.error('[ipc] invoke failed', err);
      return fail('INTERNAL');
    }
  };

  deps.ipcMain.handle(IPC_INVOKE, handleInvoke);

  const unsubscribe = deps.core.onEvent((coreEvent) => {
    for (const contents of deps.listWebContents()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue; // devtools and foreign pages get nothing
      contents.send(IPC_EVENT, coreEvent);
    }
  });

  return {
    handleInvoke,
    hasSession: (webContentsId) => sessions.has(webContentsId),
    dispose() {
      deps.ipcMain.removeHandler(IPC_INVOKE);
      unsubscribe();
    },
  };
}
