#!/usr/bin/env node
// Makes `npm start` and `npm test` work on a fresh machine: installs the npm
// packages (without Electron's binary, which cannot be downloaded here) and,
// with --browser, Debian's Chromium for the end-to-end tests.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`[simpul] "${cmd} ${args.join(' ')}" failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
};

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('[simpul] Installing npm packages (first run: a few minutes, better-sqlite3 compiles from source)...');
  run('npm', ['ci', '--no-audit', '--no-fund'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.SIMPUL_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || !existsSync('/usr/bin/apt-get')) {
      console.error(`[simpul] Chromium is needed for the end-to-end tests: install Debian's "chromium" package (or set SIMPUL_CHROMIUM).`);
      process.exit(1);
    }
    console.log("[simpul] Installing Debian's Chromium for the end-to-end tests...");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
  }
}
