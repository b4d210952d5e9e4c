import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DEMO_MANAGER } from '../../src/branch/demo/index.js';
import { log, type Row } from './stats.js';

/**
 * "The UI stays responsive while a report runs": the reporting window in
 * Chromium over the benchmark branch (browser mode, NODE_ENV=production).
 * For each report: time from the click to the drawn result, and the longest
 * gap between animation frames in the window meanwhile (a frozen window
 * would show the whole report time there). Baseline: the same gap measured
 * while the window sits idle.
 */
export async function browserBenchmark(dataDir: string): Promise<Row[]> {
  const host = spawn('npx', ['tsx', 'src/branch/web/main.ts', '--data-dir', dataDir, '--port', '0', '--json'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const rows: Row[] = [];
  try {
    const line: string = await new Promise((resolve, reject) => {
      createInterface({ input: host.stdout! }).once('line', resolve);
      host.once('exit', (code) => reject(new Error(`host exited ${code}`)));
    });
    const { url } = JSON.parse(line) as { url: string };
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
      await page.goto(url);
      await page.getByLabel(/^(Nama pengguna|Username)$/).fill(DEMO_MANAGER.username);
      await page.getByLabel(/^(Kata sandi|Password)$/).fill(DEMO_MANAGER.password);
      await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
      await page.getByRole('navigation').first().waitFor();
      await page.evaluate("location.hash = '#/reports'");
      await page.getByTestId('rfm-buyers').waitFor({ timeout: 120_000 });
      // Frame gaps, recorded by the page itself.
      // As strings: functions compiled by tsx carry helpers the page does not have.
      const startGaps = () =>
        page.evaluate(`(() => {
          window.__gap = 0;
          window.__run = true;
          let last = performance.now();
          const tick = (t) => {
            window.__gap = Math.max(window.__gap, t - last);
            last = t;
            if (window.__run) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        })()`);
      const stopGaps = async () => Number(await page.evaluate('(() => { window.__run = false; return window.__gap; })()'));
      await startGaps();
      await page.waitForTimeout(1000);
      const idle = await stopGaps();
      const views: [string, RegExp, string][] = [
        ['RFM', /^RFM & segmen$/, 'rfm-buyers'],
        ['top customers', /^Pelanggan teratas$/, 'top-spend'],
        ['profitability', /^Profitabilitas$/, 'profit-most'],
        ['coverage', /^Kelengkapan kontak$/, 'coverage-active'],
        ['anomalies', /^Anomali$/, 'anomaly-list'],
      ];
      for (const [name, button, ready] of views) {
        if (name === 'RFM') await page.getByRole('button', { name: /^Pelanggan teratas$/ }).click();
        await page.waitForTimeout(300);
        await startGaps();
        const t = performance.now();
        await page.getByRole('button', { name: button }).click();
        await page.getByTestId(ready).first().waitFor({ timeout: 60_000 });
        await page.waitForFunction('!document.querySelector(\'[aria-busy="true"]\')', undefined, { timeout: 60_000 });
        const ms = performance.now() - t;
        const gap = await stopGaps();
        log(`browser ${name}: ${ms.toFixed(0)} ms, longest frame gap ${gap.toFixed(0)} ms`);
        rows.push({ benchmark: `window: ${name}, click to drawn`, measured: ms, unit: 'ms', goal: { max: 2000, text: '< 2 s' } });
        rows.push({ benchmark: `window: ${name}, longest frame gap`, measured: gap, unit: 'ms', goal: { max: 200 }, baseline: { name: 'idle window', value: idle }, ratio: gap / idle });
      }
    } finally {
      await browser.close();
    }
  } finally {
    try {
      process.kill(-host.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  return rows;
}
