#!/usr/bin/env node
// `npm test`: every test, then one closing line "N passed, N failed" that CI reads.
// 1. vitest: unit and integration tests (SQLite files, PostgreSQL at 127.0.0.1:5432, PGlite).
// 2. Playwright: end-to-end tests in Debian's Chromium against browser mode.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];

function step(label, cmd, args, reportFile, count) {
  rmSync(reportFile, { force: true });
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let c = { passed: 0, failed: 0, skipped: 0 };
  if (existsSync(reportFile)) c = count(JSON.parse(readFileSync(reportFile, 'utf8')));
  // A runner that failed without reporting a failed test (crash, config error) counts as one failure.
  if (r.status !== 0 && c.failed === 0) {
    c.failed = 1;
    notes.push(`${label}: runner exited with ${r.status ?? r.signal} without a report of failed tests`);
  }
  for (const k of Object.keys(totals)) totals[k] += c[k];
  console.log(`--- ${label}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${seconds} s`);
}

step(
  'unit and integration (vitest)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'],
  'test-results/vitest.json',
  (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + (j.numTodoTests ?? 0) }),
);

// The branch UI (vite.config.ts) and the head-office console (vite.console.config.ts).
const build = [['build', '--logLevel', 'warn'], ['build', '-c', 'vite.console.config.ts', '--logLevel', 'warn']].reduce(
  (previous, args) => (previous.status !== 0 ? previous : spawnSync(bin('vite'), args, { stdio: 'inherit' })),
  { status: 0 },
);
if (build.status !== 0) {
  totals.failed += 1;
  notes.push('UI build failed; end-to-end tests not run');
} else {
  step('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], 'test-results/e2e.json', (j) => ({
    passed: j.stats.expected + j.stats.flaky,
    failed: j.stats.unexpected,
    skipped: j.stats.skipped,
  }));
}

for (const n of notes) console.log(`note: ${n}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
