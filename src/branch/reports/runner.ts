import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/api/errors.js';
import type { ReportJob, ReportReply, ReportWorkerData, WorkerReport } from './jobs.js';

/**
 * Runs the read-only reports in a worker thread (worker.ts) with its own
 * read-only connection, so a report over a million customers does not hold
 * up the core's event loop: every other request (a search at the counter,
 * a sale, sync) is answered while it computes. Started by long-running
 * hosts (browser mode, the desktop app's core process); the CLI and tests
 * run reports on the core's thread.
 *
 * One report at a time, in the order asked. A newer request for the same
 * report from the same session (the window's filter changed again)
 * supersedes the older one: a waiting one is dropped, a running one is
 * stopped by ending its worker (a fresh one takes the queue), and the older
 * caller gets SUPERSEDED, which the window ignores as a stale reply.
 */

interface Pending {
  job: ReportJob;
  key: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function startWorker(workerData: ReportWorkerData): Worker {
  const here = import.meta.url;
  // Bundled (dist/electron/core.cjs): the worker's bundle lies next to it.
  if (!here.endsWith('.ts')) return new Worker(new URL('./report-worker.cjs', here), { workerData });
  // From source (tsx, vitest): the worker registers tsx's loader for itself, then loads worker.ts.
  // tsx/esm/api's ESM entry (require.resolve would give its CommonJS one).
  const api = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(here).resolve('tsx/package.json'))).href;
  const entry = new URL('./worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).catch((error) => { throw error; });`;
  return new Worker(boot, { eval: true, workerData });
}

export class ReportRunner {
  private worker: Worker | null = null;
  private running: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly data: ReportWorkerData) {}

  /** Runs `report` in the worker; `key` (session and method) decides what a newer request supersedes. */
  run(key: string, report: WorkerReport, args: unknown[], now: Date): Promise<unknown> {
    if (this.closed) return Promise.reject(new AppError('UNAVAILABLE'));
    for (const waiting of this.queue.filter((p) => p.key === key)) {
      this.queue.splice(this.queue.indexOf(waiting), 1);
      waiting.reject(new AppError('SUPERSEDED'));
    }
    if (this.running?.key === key) {
      const stopped = this.running;
      this.running = null;
      this.stopWorker();
      stopped.reject(new AppError('SUPERSEDED'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, report, args, nowIso: now.toISOString() }, key, resolve, reject });
      this.pump();
    });
  }

  /** Reports asked and not answered yet (running or waiting). */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  close(): void {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new AppError('UNAVAILABLE'));
    this.running?.reject(new AppError('UNAVAILABLE'));
    this.running = null;
    this.stopWorker();
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = next;
    this.ensureWorker().postMessage(next.job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.data);
    worker.unref();
    worker.on('message', (message: ReportReply | { ready: true }) => {
      if (!('id' in message) || this.worker !== worker) return;
      const done = this.running;
      if (!done || done.job.id !== message.id) return;
      this.running = null;
      if (message.ok) done.resolve(message.value);
      else if ('appError' in message) done.reject(new AppError(message.appError.code, message.appError.fields));
      else done.reject(new Error(`report ${done.job.report} failed in the report worker: ${message.message}`));
      this.pump();
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const failed = this.running;
      this.running = null;
      failed?.reject(error);
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the report worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const worker = this.worker;
    this.worker = null;
    // A report inside SQLite stops at its next call into JavaScript (the report aggregates make one per row) or when the statement ends.
    if (worker) void worker.terminate();
  }
}
