import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { contract, isMethod } from '../shared/api/contract.js';
import type { CoreEvent } from '../shared/api/transport.js';
import type { Actor } from '../shared/api/procedure.js';
import type { Locale, Result } from '../shared/api/errors.js';
import { branchDatabaseFile, openBranchDatabase } from './db/open.js';
import { createServices, type BranchServices } from './services.js';
import { dispatch } from './rpc/dispatch.js';
import { SyncScheduler } from './sync/scheduler.js';
import { syncIntervalMinutes } from './sync/handlers.js';
import { ReportRunner } from './reports/runner.js';

export interface BranchCoreOptions {
  dataDir: string;
  encryptionKey?: string;
  migrationsDir?: string;
  now?: () => Date;
  /** Validate every handler's output against the contract (tests, development). */
  checkOutput?: boolean;
  log?: (message: string, error: unknown) => void;
  /** How sync reaches the head office (tests inject faults here); HTTP by default. */
  makeSyncTarget?: (url: string, credential?: string) => import('./sync/target.js').SyncTarget;
}

export interface CallOptions {
  /** Language for messages of anonymous calls; signed-in calls use the session's. */
  locale?: Locale;
}

/**
 * A branch node: one database, its services, the dispatcher and an event
 * stream. Every transport (Electron IPC via the core process, HTTP in browser
 * mode, the CLI, tests) goes through `call` or `dispatch`.
 */
export interface BranchCore {
  readonly services: BranchServices;
  readonly dataDir: string;
  /** Actor for jobs started by the system itself (demo seeding, scheduled work). */
  readonly systemActor: Extract<Actor, { kind: 'user' }>;
  /** Resolve the session token to an actor, then dispatch. */
  call(session: string | null, method: string, input: unknown, options?: CallOptions): Promise<Result<unknown>>;
  /** Dispatch as a known actor (CLI, tests). */
  dispatch(actor: Actor, method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
  /** Scheduled sync, for long-running hosts (the desktop app, browser mode). */
  startScheduler(): void;
  /**
   * Read-only reports in a worker thread with its own read-only connection,
   * for long-running hosts: the core keeps answering every other request
   * while a report computes (reports/runner.ts). Not for ':memory:'.
   */
  runReportsInWorker(): void;
  close(): void;
}

export function openBranchCore(options: BranchCoreOptions): BranchCore {
  const db = openBranchDatabase({
    file: options.dataDir === ':memory:' ? ':memory:' : branchDatabaseFile(options.dataDir),
    encryptionKey: options.encryptionKey,
    migrationsDir: options.migrationsDir,
  });
  const events = new EventEmitter();
  const services = createServices(db, options.now, options.makeSyncTarget, (event) => events.emit('event', event), options.dataDir);
  const checkOutput = options.checkOutput ?? process.env.NODE_ENV !== 'production';

  const run = async (actor: Actor, session: string | null, method: string, input: unknown) => {
    const result = await dispatch({ actor, session, services, checkOutput, log: options.log }, method, input);
    const changesCustomers = method.startsWith('customers.') || method === 'sync.now' || method === 'sync.resolveConflict' || method.startsWith('imports.');
    if (result.ok && isMethod(method) && contract[method].mutates && changesCustomers) {
      const value = result.value as { id?: string };
      // An import touches any number of customers: lists refresh, with no ids to single out.
      const event: CoreEvent = { type: 'customers.changed', ids: value.id && !method.startsWith('imports.') ? [value.id] : [] };
      events.emit('event', event);
    }
    return result;
  };

  return {
    services,
    dataDir: options.dataDir,
    systemActor: { kind: 'user', userId: 'system', username: 'system', displayName: 'Simpul', role: 'branch_manager', locale: 'id' },
    call(session, method, input, callOptions) {
      const user = session ? services.auth.resolve(session) : null;
      const actor: Actor = user ?? { kind: 'anonymous', locale: callOptions?.locale ?? 'id' };
      return run(actor, user ? session : null, method, input);
    },
    dispatch(actor, method, input) {
      return run(actor, null, method, input);
    },
    onEvent(listener) {
      events.on('event', listener);
      return () => events.off('event', listener);
    },
    startScheduler() {
      if (services.scheduler) return;
      services.scheduler = new SyncScheduler(services.sync, () => syncIntervalMinutes(services), () => services.sync.reachable());
      services.scheduler.start();
    },
    runReportsInWorker() {
      if (services.reportRunner || db.file === ':memory:') return;
      services.reportRunner = new ReportRunner({ file: db.file, encryptionKey: options.encryptionKey });
    },
    close() {
      services.reportRunner?.close();
      services.scheduler?.stop();
      events.removeAllListeners();
      db.close();
    },
  };
}

export function defaultDataDir(): string {
  return process.env.SIMPUL_DATA_DIR ?? join(process.cwd(), '.data', 'branch');
}
