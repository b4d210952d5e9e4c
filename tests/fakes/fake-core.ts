import { makeError, type Result } from '../../src/shared/api/errors.js';
import type { CoreEvent } from '../../src/shared/api/transport.js';
import type { CoreOpenOptions, HostedCore } from '../../src/branch/host/protocol.js';

/**
 * A small branch core for shell tests: one user (budi / rahasia123), real
 * session tokens, an event on customers.create, and debug.* methods that
 * misbehave on purpose (slow, throw, crash the process, return a value that
 * cannot be cloned). Exported as openBranchCore too, so a test can bundle
 * src/branch/host/process-entry.ts with this file in place of core.ts.
 */

export interface FakeCore extends HostedCore {
  calls: { session: string | null; method: string; input: unknown }[];
  sessions: Set<string>;
  closed: boolean;
  schedulerStarted: boolean;
  reportWorkerStarted: boolean;
  startScheduler(): void;
  runReportsInWorker(): void;
  emit(event: CoreEvent): void;
}

export function openFakeCore(opts: CoreOpenOptions = { dataDir: ':memory:' }): FakeCore {
  const listeners = new Set<(event: CoreEvent) => void>();
  let nextToken = 1;
  const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
  const err = (code: Parameters<typeof makeError>[0]): Result<unknown> => ({ ok: false, error: makeError(code) });
  const actor = { userId: 'u1', username: 'budi', displayName: 'Budi Santoso', role: 'front_office', locale: 'id' };

  const core: FakeCore = {
    calls: [],
    sessions: new Set(),
    closed: false,
    schedulerStarted: false,
    reportWorkerStarted: false,
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    async call(session, method, input) {
      core.calls.push({ session, method, input });
      const signedIn = session !== null && core.sessions.has(session);
      const args = (input ?? {}) as Record<string, unknown>;
      switch (method) {
        case 'setup.status':
          return ok({ initialised: true, branchCode: 'BDG01' });
        case 'auth.signIn': {
          if (args.username !== 'budi' || args.password !== 'rahasia123') return err('INVALID_CREDENTIALS');
          const token = `secret-token-${nextToken++}`;
          core.sessions.add(token);
          return ok({ sessionToken: token, actor });
        }
        case 'auth.signOut':
          if (!signedIn) return err('NOT_SIGNED_IN');
          core.sessions.delete(session);
          return ok({ signedOut: true });
        case 'auth.me':
          return signedIn ? ok(actor) : err('NOT_SIGNED_IN');
        case 'customers.create': {
          if (!signedIn) return err('NOT_SIGNED_IN');
          const id = `c-${core.calls.length}`;
          core.emit({ type: 'customers.changed', ids: [id] });
          return ok({ id, ...args });
        }
        case 'debug.opts':
          return ok({ dataDir: opts.dataDir, encryptionKey: opts.encryptionKey ?? null, migrationsDir: opts.migrationsDir ?? null });
        case 'debug.slow':
          await new Promise((resolve) => setTimeout(resolve, Number(args.ms ?? 50)));
          return ok({ waited: args.ms });
        case 'debug.throw':
          throw new Error('handler bug');
        case 'debug.uncloneable':
          return ok({ callback: () => 1 });
        case 'debug.crash':
          process.exit(7);
        // eslint-disable-next-line no-fallthrough
        default:
          return err('UNKNOWN_METHOD');
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    startScheduler() {
      core.schedulerStarted = true;
    },
    runReportsInWorker() {
      core.reportWorkerStarted = true;
    },
    close() {
      core.closed = true;
    },
  };
  if (opts.dataDir === 'refuse') throw new Error('file is not a database');
  return core;
}

export const openBranchCore = openFakeCore;
