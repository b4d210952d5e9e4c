import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir, openBranchCore } from '../core.js';
import { createWebHost } from './host.js';

/**
 * `npm run web`: browser mode. Serves the built UI and the branch core on
 * 127.0.0.1 with a secret made fresh at every start; prints the address to
 * open (or one JSON line with --json, for test harnesses).
 */
const program = new Command('simpul-web')
  .description('Simpul branch app in browser mode (127.0.0.1 only)')
  .option('--data-dir <dir>', 'branch data directory', defaultDataDir())
  .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 8471)
  .option('--ui-dir <dir>', 'built UI directory', resolve(fileURLToPath(import.meta.url), '../../../../dist/ui'))
  .option('--json', 'print one JSON line {url, port, secret} when ready')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('port must be a number from 0 to 65535');
  return n;
}

program.parse();
const opts = program.opts<{ dataDir: string; port: number; uiDir: string; json?: boolean }>();

const core = openBranchCore({ dataDir: resolve(opts.dataDir) });
core.startScheduler();
// Reports compute in a worker thread, so every other request is answered meanwhile.
core.runReportsInWorker();
const host = createWebHost({ core, uiDir: resolve(opts.uiDir) });
const { port, url } = await host.listen(opts.port);

if (opts.json) {
  process.stdout.write(`${JSON.stringify({ url, port, secret: host.secret })}\n`);
} else {
  console.log(`Simpul (browser mode) is running.\n  Data:  ${resolve(opts.dataDir)}\n  Open:  ${url}\n  Stop:  Ctrl+C`);
}

const stop = async () => {
  await host.close();
  core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
