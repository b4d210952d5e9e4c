import { makeError, type Result } from '../../shared/api/errors.js';
import {
  isCoreRequest,
  isInit,
  isShutdown,
  type CoreOpenOptions,
  type CoreRequest,
  type FromCore,
  type HostedCore,
  type OpenCore,
} from './protocol.js';

/**
 * The core side of the main <-> core message protocol (see protocol.ts).
 * Plain Node: it knows nothing of Electron, only a port that can post and
 * receive messages, so the same code serves an Electron utility process and
 * a worker thread.
 */

export interface HostPort {
  post(message: FromCore): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface ServeOptions {
  /** Called after a requested shutdown has closed the core. */
  exit(code: number): void;
}

export interface ServedCore {
  /** Close the core (idempotent); used on SIGTERM. */
  close(): void;
}

export function serveCore(port: HostPort, openCore: OpenCore, options: ServeOptions): ServedCore {
  let core: HostedCore | null = null;
  let unsubscribe: (() => void) | null = null;
  let closed = false;

  const close = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    try {
      core?.close();
    } finally {
      core = null;
    }
  };

  const init = (opts: CoreOpenOptions): void => {
    if (core || closed) return; // one core per process; a second init is a bug upstream, not a reason to reopen
    try {
      core = openCore(opts);
    } catch (err) {
      port.post({ fatal: err instanceof Error ? err.message : String(err) });
      return;
    }
    unsubscribe = core.onEvent((event) => port.post({ event }));
    port.post({ ready: true });
  };

  const answer = async (request: CoreRequest): Promise<void> => {
    let result: Result<unknown>;
    if (!core) {
      result = { ok: false, error: makeError('UNAVAILABLE') };
    } else {
      try {
        result = await core.call(request.session, request.method, request.input);
        if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
          result = { ok: false, error: makeError('INTERNAL') };
        }
      } catch (err) {
        // The dispatcher should never throw; if it does, say so in the log, not to the clerk.
        console.error('[core] call failed', request.method, err);
        result = { ok: false, error: makeError('INTERNAL') };
      }
    }
    try {
      port.post({ id: request.id, result });
    } catch (err) {
      // A value that cannot be cloned (a function, a class instance with a handle) must still get an answer.
      console.error('[core] reply not cloneable', request.method, err);
      port.post({ id: request.id, result: { ok: false, error: makeError('INTERNAL') } });
    }
  };

  port.onMessage((message) => {
    if (isInit(message)) init(message.init);
    else if (isCoreRequest(message)) void answer(message);
    else if (isShutdown(message)) {
      close();
      options.exit(0);
    }
    // Anything else is ignored: the only sender is our own main process.
  });

  return { close };
}
