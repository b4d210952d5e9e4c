import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode, type FieldMessageKey } from '../../shared/api/errors.js';
import { rememberPhone } from '../../shared/domain/phone.js';
import { readChunks, type ReadJob, type RowChunk } from './rows.js';

export type WorkerMessage =
  | { type: 'chunk'; chunk: RowChunk }
  | { type: 'end' }
  | { type: 'error'; appError: { code: ErrorCode; fields?: { path: (string | number)[]; code: FieldMessageKey }[]; detail: string } }
  | { type: 'error'; message: string };

/**
 * An import file's rows, read and checked, in chunks (rows.ts). With
 * `thread`, the reading runs in the import reader thread (row-worker.ts):
 * parsing and checking the next chunks overlaps with the caller writing
 * this one, on the machine's other core. The rows, their numbers and their
 * issues are the same either way; an error reading the file comes out as
 * the same AppError. Stopping early (the caller's loop ends or throws)
 * ends the thread.
 */
export async function* rowChunks(job: ReadJob, thread: boolean): AsyncGenerator<RowChunk> {
  if (!thread) {
    yield* readChunks(job, { phones: false });
    return;
  }
  const worker = startWorker(job);
  const inbox: (WorkerMessage | { type: 'lost'; error: Error })[] = [];
  let wake: (() => void) | null = null;
  const deliver = (m: (typeof inbox)[number]) => {
    inbox.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error) => deliver({ type: 'lost', error }));
  worker.on('exit', (code) => deliver({ type: 'lost', error: new Error(`the import reader thread stopped (exit code ${code})`) }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = inbox.shift()!;
      if (m.type === 'chunk') {
        worker.postMessage('more');
        for (const [raw, e164, kind] of m.chunk.phones) rememberPhone(raw, e164, kind);
        yield m.chunk;
      } else if (m.type === 'end') return;
      else if (m.type === 'lost') throw m.error;
      else if ('appError' in m) throw new AppError(m.appError.code, m.appError.fields, m.appError.detail);
      else throw new Error(`import reader thread: ${m.message}`);
    }
  } finally {
    worker.removeAllListeners();
    worker.on('error', () => {}); // whatever it says after this, the caller is gone
    void worker.terminate();
  }
}

function startWorker(job: ReadJob): Worker {
  const here = import.meta.url;
  // Bundled (dist/electron/core.cjs): the thread's bundle lies next to it.
  if (!here.endsWith('.ts')) return new Worker(new URL('./import-worker.cjs', here), { workerData: job });
  // From source (tsx, vitest): the thread registers tsx's loader for itself, then loads row-worker.ts (as reports/runner.ts does).
  const api = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(here).resolve('tsx/package.json'))).href;
  const entry = new URL('./row-worker.ts', here).href;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); }).catch((error) => { throw error; });`;
  return new Worker(boot, { eval: true, workerData: job });
}
