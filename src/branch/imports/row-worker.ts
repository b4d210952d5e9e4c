/**
 * The import reader thread: reads and checks an import file's rows
 * (rows.ts: CSV or Excel parsing, mapping, the form's validation,
 * libphonenumber) and hands them to the core's thread in chunks, so that
 * work runs on another core while the core writes the previous chunks.
 * No database here. Started by row-source.ts; bundled to
 * dist/electron/import-worker.cjs next to core.cjs.
 *
 * Messages out: {type:'chunk', chunk}, then {type:'end'} or
 * {type:'error', ...}. In: 'more' (the reader took a chunk): at most
 * AHEAD chunks wait unread, so a 200 MB file is never all in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/api/errors.js';
import { readChunks, type ReadJob } from './rows.js';
import type { WorkerMessage } from './row-source.js';

const AHEAD = 2;
const port = parentPort!;
let credit = AHEAD;
let wake: (() => void) | null = null;
port.on('message', (message: unknown) => {
  if (message !== 'more') return;
  credit += 1;
  wake?.();
  wake = null;
});
const send = (message: WorkerMessage) => port.postMessage(message);

async function main(): Promise<void> {
  try {
    for await (const chunk of readChunks(workerData as ReadJob, { phones: true })) {
      while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
      credit -= 1;
      send({ type: 'chunk', chunk });
    }
    send({ type: 'end' });
  } catch (error) {
    if (error instanceof AppError) send({ type: 'error', appError: { code: error.code, fields: error.fields, detail: error.message } });
    else send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

// No top-level await: the bundle is CommonJS.
void main();
