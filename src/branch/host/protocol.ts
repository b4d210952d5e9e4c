import type { CoreEvent, Result } from '../../shared/api/index.js';

/**
 * Messages between the Electron main process and the branch core running in
 * a utility process (or a worker thread in tests). Plain data only: every
 * message crosses a structured-clone boundary.
 *
 *   main -> core   { init: { dataDir, encryptionKey?, migrationsDir? } }  once, first
 *   main -> core   { id, session, method, input }          a call
 *   main -> core   { shutdown: true }                      close the database, exit
 *   core -> main   { ready: true } | { fatal: message }    answer to init
 *   core -> main   { id, result }                          answer to a call
 *   core -> main   { event }                               pushed by the core
 */

/** The surface of the branch core the host needs (same shape as src/branch/core.ts). */
export interface HostedCore {
  call(session: string | null, method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  close(): void;
}

export interface CoreOpenOptions {
  dataDir: string;
  /** SQLCipher key; sent in the init message, never in argv or the environment. */
  encryptionKey?: string;
  /** drizzle/branch inside the app: a bundle cannot find it relative to its own source file. */
  migrationsDir?: string;
}

export type OpenCore = (opts: CoreOpenOptions) => HostedCore;

export type CoreRequest = { id: number; session: string | null; method: string; input: unknown };
export type ToCore = { init: CoreOpenOptions } | CoreRequest | { shutdown: true };

export type CoreReply = { id: number; result: Result<unknown> };
export type FromCore = { ready: true } | { fatal: string } | CoreReply | { event: CoreEvent };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCoreRequest(msg: unknown): msg is CoreRequest {
  return (
    isObject(msg) &&
    Number.isSafeInteger(msg.id) &&
    (msg.session === null || typeof msg.session === 'string') &&
    typeof msg.method === 'string'
  );
}

export function isInit(msg: unknown): msg is { init: CoreOpenOptions } {
  return (
    isObject(msg) &&
    isObject(msg.init) &&
    typeof msg.init.dataDir === 'string' &&
    (msg.init.encryptionKey === undefined || typeof msg.init.encryptionKey === 'string') &&
    (msg.init.migrationsDir === undefined || typeof msg.init.migrationsDir === 'string')
  );
}

export function isShutdown(msg: unknown): msg is { shutdown: true } {
  return isObject(msg) && msg.shutdown === true;
}

export function isCoreReply(msg: unknown): msg is CoreReply {
  return isObject(msg) && Number.isSafeInteger(msg.id) && isObject(msg.result) && typeof msg.result.ok === 'boolean';
}

export function isCoreEventMessage(msg: unknown): msg is { event: CoreEvent } {
  return isObject(msg) && isObject(msg.event) && typeof msg.event.type === 'string';
}
