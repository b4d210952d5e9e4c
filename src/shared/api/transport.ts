import type { InputOf, Method, OutputOf } from './contract.js';
import type { Result } from './errors.js';

/**
 * What every transport offers the UI: call a procedure by name, get a Result;
 * listen to events the core pushes (data changed, sync progress).
 * Electron IPC, HTTP (browser mode) and the in-memory test transport all
 * implement exactly this.
 */
export interface Transport {
  invoke<M extends Method>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

export type CoreEvent =
  | { type: 'customers.changed'; ids: string[] }
  | { type: 'session.ended' }
  | { type: 'sync.progress'; phase: 'hello' | 'push' | 'pull' | 'conflicts' | 'done'; pushed: number; toPush: number; pulled: number }
  | { type: 'sync.finished'; ok: boolean; pushed: number; pulled: number; conflicts: number; errorCode?: string }
  /** An import or its undo at work: rows done so far, and the share of the file (or of the undo) done, 0..1. */
  | { type: 'import.progress'; batchId: string; phase: 'checking' | 'writing' | 'undoing'; rows: number; fraction: number };

/** Browser-mode HTTP conventions, shared by the host and the UI transport. */
export const HTTP = {
  rpcPath: '/api/rpc/',
  eventsPath: '/api/events',
  secretHeader: 'x-simpul-secret',
  sessionHeader: 'x-simpul-session',
  /** Requests above this are refused with PAYLOAD_TOO_LARGE. */
  maxBodyBytes: 1_048_576,
} as const;
