/**
 * Entry of the branch core process. Bundled to dist/electron/core.cjs and
 * started by Electron's utilityProcess.fork, so SQLite work never runs on the
 * main thread that relays IPC and paints menus. Plain Node: no 'electron'
 * import. In a utility process it talks through `process.parentPort`; under
 * Node's worker_threads (tests, or a non-Electron host) through `parentPort`.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { openBranchCore } from '../core.js';
import { serveCore, type HostPort } from './serve-core.js';

/** What Electron adds to `process` inside a utility process. */
interface UtilityParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (messageEvent: { data: unknown }) => void): unknown;
}

function currentPort(): HostPort | null {
  const utilityPort = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (utilityPort) {
    return {
      post: (message) => utilityPort.postMessage(message),
      onMessage: (listener) => utilityPort.on('message', (messageEvent) => listener(messageEvent.data)),
    };
  }
  if (!isMainThread && parentPort) {
    const workerPort = parentPort;
    return {
      post: (message) => workerPort.postMessage(message),
      onMessage: (listener) => workerPort.on('message', listener),
    };
  }
  return null;
}

const port = currentPort();
if (!port) {
  console.error('core.cjs must be started by Simpul (Electron utility process or a worker thread).');
  process.exit(1);
} else {
  // The desktop app is long-running: it syncs on the schedule and when the network returns.
  const openWithSchedule = (opts: Parameters<typeof openBranchCore>[0]) => {
    const core = openBranchCore(opts);
    core.startScheduler();
    core.runReportsInWorker();
    return core;
  };
  const served = serveCore(port, openWithSchedule, { exit: (code) => process.exit(code) });
  if (isMainThread) {
    // utilityProcess.kill() sends SIGTERM: close the database so the WAL is checkpointed.
    process.once('SIGTERM', () => {
      served.close();
      process.exit(0);
    });
  }
}
