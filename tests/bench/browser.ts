import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_MANAGER } from '../../src/branch/demo/index.js';
import { HTTP } from '../../src/shared/api/transport.js';
import { log, type Row } from './stats.js';

/**
 * Browser mode, cold: from starting the host process to the first customer
 * row painted in Chromium, signing in over RPC first (as a script or the
 * Electron shell would). Baseline in the same run and the same browser:
 * starting a plain node:http server and painting a static one-row page.
 * Browser launch is outside both timings.
 */

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const FIRST_ROW = '[data-testid="customer-grid-body"] [role="row"]:not([aria-busy])';

/** Resolves once the row is in the DOM and two frames have been painted after it. */
async function painted(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { state: 'visible', timeout: 120_000 });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

async function staticBaseline(browser: Browser): Promise<number> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><table><tr class="row"><td>Budi Santoso</td><td>0812-3456-7890</td></tr></table></body></html>';
  const page = await browser.newPage();
  const t0 = performance.now();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  await painted(page, 'tr.row');
  const ms = performance.now() - t0;
  await page.close();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  return ms;
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error('the host did not print its JSON line in time')), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with code ${code}`));
    });
  });
}

/** Peak RSS of a child process in MB, from /proc (Linux). */
function childPeakRss(pid: number | undefined): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((r) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      r();
    });
    child.kill('SIGTERM');
  });
}

async function hostToFirstRow(browser: Browser, dataDir: string): Promise<{ total: number; ready: number; signIn: number; paint: number; hostRss: number | null }> {
  const root = process.cwd();
  // The tsx binary npx would run, without npm's own start-up on top.
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const page = await browser.newPage();
  const t0 = performance.now();
  const child = spawn(tsx, ['src/branch/web/main.ts', '--data-dir', dataDir, '--port', '0', '--json'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  try {
    const { url, secret } = JSON.parse(await firstLine(child, 120_000)) as { url: string; secret: string };
    const ready = performance.now() - t0;
    const origin = new URL(url).origin;
    const response = await fetch(`${origin}${HTTP.rpcPath}auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP.secretHeader]: secret },
      body: JSON.stringify({ username: DEMO_MANAGER.username, password: DEMO_MANAGER.password }),
    });
    const signedIn = (await response.json()) as { ok: boolean; value?: { sessionToken: string } };
    if (!signedIn.ok || !signedIn.value) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
    const signIn = performance.now() - t0 - ready;
    const params = new URLSearchParams({ secret, session: signedIn.value.sessionToken });
    await page.goto(`${origin}/#/customers?${params.toString()}`);
    await painted(page, FIRST_ROW);
    const total = performance.now() - t0;
    const hostRss = childPeakRss(child.pid);
    return { total, ready, signIn, paint: total - ready - signIn, hostRss };
  } finally {
    await page.close();
    await stop(child);
  }
}

export async function browserBenchmark(dataDir: string, quick: boolean): Promise<Row[]> {
  if (!existsSync(resolve('dist/ui/index.html'))) {
    log('building the UI (vite build) for the browser benchmark');
    const build = spawn(join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
    const code = await new Promise((r) => build.once('exit', r));
    if (code !== 0) throw new Error('vite build failed');
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    // One warm-up of each (disk cache, tsx's compile cache), then the median of a few runs.
    await staticBaseline(browser);
    await hostToFirstRow(browser, dataDir);
    const runs = 3;
    const baselines: number[] = [];
    const hosts: Awaited<ReturnType<typeof hostToFirstRow>>[] = [];
    for (let i = 0; i < runs; i++) {
      baselines.push(await staticBaseline(browser));
      hosts.push(await hostToFirstRow(browser, dataDir));
    }
    const median = <T>(list: T[], key: (v: T) => number) => list.map(key).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const base = median(baselines, (v) => v);
    const total = median(hosts, (h) => h.total);
    const hostRss = Math.max(...hosts.map((h) => h.hostRss ?? 0));
    return [
      { benchmark: `browser: host start -> first row painted (median of ${runs})`, measured: total, unit: 'ms', baseline: { name: 'static page, node:http', value: base }, ratio: total / base, note: `host peak RSS ${Math.round(hostRss)} MB` },
      { benchmark: '  host start -> JSON line (ready)', measured: median(hosts, (h) => h.ready), unit: 'ms' },
      { benchmark: '  sign-in over RPC', measured: median(hosts, (h) => h.signIn), unit: 'ms' },
      { benchmark: '  page load -> first row painted', measured: median(hosts, (h) => h.paint), unit: 'ms' },
      { benchmark: '  host peak RSS', measured: hostRss, unit: 'MB' },
    ];
  } finally {
    await browser.close();
  }
}
