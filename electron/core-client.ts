import type { CoreEvent, Result } from '../src/shared/api/index.js';
import { makeError, type Locale } from '../src/shared/api/errors.js';
import {
  isCoreEventMessage,
  isCoreReply,
  type CoreOpenOptions,
  type HostedCore,
  type ToCore,
} from '../src/branch/host/protocol.js';

/**
 * Main-side client of the branch core process (protocol in
 * src/branch/host/protocol.ts). The main process only relays: every call is a
 * message with an id; replies resolve the matching pending call. If the
 * process dies, pending calls get UNAVAILABLE at once (never hang) and the
 * process is started again, unless it keeps dying.
 */

/** The parts of Electron's UtilityProcess this client uses (a worker or a fake fits too). */
export interface CoreProcess {
  postMessage(message: ToCore): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface CoreClientOptions {
  spawn(): CoreProcess;
  open: CoreOpenOptions;
  /** A call with no reply after this long resolves UNAVAILABLE (the late reply is dropped). */
  timeoutMs?: number;
  /** At most this many unexpected restarts within restartWindowMs; then the core stays down. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** How long close() waits for a clean exit before killing. */
  shutdownGraceMs?: number;
  locale?(): Locale;
  /** The core could not open its database (wrong key, corrupt file): restarting will not help. */
  onFatal?(message: string): void;
  log?(message: string, detail?: unknown): void;
}

export interface CoreClient extends HostedCore {
  /** Ask the process to close its database and exit; resolves when it has (or was killed). */
  shutdown(): Promise<void>;
}

interface Pending {
  resolve(result: Result<unknown>): void;
  timer: ReturnType<typeof setTimeout>;
}

export function createCoreClient(options: CoreClientOptions): CoreClient {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRestarts = options.maxRestarts ?? 5;
  const restartWindowMs = options.restartWindowMs ?? 60_000;
  const graceMs = options.shutdownGraceMs ?? 5_000;
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(`[core-client] ${message}`, detail ?? ''));
  const unavailable = (): Result<unknown> => ({ ok: false, error: makeError('UNAVAILABLE', options.locale?.()) });

  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: CoreEvent) => void>();
  const restarts: number[] = [];
  let nextId = 1;
  let proc: CoreProcess | null = null;
  let stopping: Promise<void> | null = null;
  let fatal = false;

  const failAllPending = (): void => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.resolve(unavailable());
    }
  };

  const start = (): void => {
    const child = options.spawn();
    proc = child;
    child.on('message', (message) => {
      if (proc !== child) return; // a reply from a process we already gave up on
      if (isCoreReply(message)) {
        const call = pending.get(message.id);
        if (!call) return; // timed out earlier
        pending.delete(message.id);
        clearTimeout(call.timer);
        call.resolve(message.result);
      } else if (isCoreEventMessage(message)) {
        for (const listener of listeners) {
          try {
            listener(message.event);
          } catch (err) {
            log('event listener failed', err);
          }
        }
      } else if (typeof message === 'object' && message !== null && 'fatal' in message) {
        fatal = true;
        log('core could not start', (message as { fatal: unknown }).fatal);
        options.onFatal?.(String((message as { fatal: unknown }).fatal));
        proc = null;
        child.kill();
        failAllPending();
      }
    });
    child.on('exit', (code) => {
      if (proc !== child) return;
      proc = null;
      failAllPending();
      if (stopping || fatal) return;
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > restartWindowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        log(`core exited with code ${code}; ${maxRestarts} restarts in ${restartWindowMs} ms, giving up`);
        return;
      }
      restarts.push(now);
      log(`core exited with code ${code}; restarting`);
      start();
    });
    child.postMessage({ init: options.open });
  };

  const shutdown = (): Promise<void> => {
    if (stopping) return stopping;
    const child = proc;
    failAllPending();
    if (!child) return (stopping = Promise.resolve());
    stopping = new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => child.kill(), graceMs);
      child.on('exit', () => {
        clearTimeout(killTimer);
        proc = null;
        resolve();
      });
      try {
        child.postMessage({ shutdown: true });
      } catch {
        child.kill();
      }
    });
    return stopping;
  };

  start();

  return {
    call(session, method, input) {
      const child = proc;
      if (!child || stopping) return Promise.resolve(unavailable());
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          log(`call ${method} timed out after ${timeoutMs} ms`);
          resolve(unavailable());
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        try {
          child.postMessage({ id, session, method, input });
        } catch (err) {
          // Input came through IPC so it is cloneable; a throw here means the channel is gone.
          clearTimeout(timer);
          pending.delete(id);
          log(`could not send ${method}`, err);
          resolve(unavailable());
        }
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    shutdown,

    close() {
      void shutdown();
    },
  };
}
