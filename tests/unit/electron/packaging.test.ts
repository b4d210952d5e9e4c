import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** scripts/build-node.mjs and electron-builder.yml: what ships, checked without packaging. */

const root = path.resolve(__dirname, '../../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'simpul-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const requires = (file: string) => [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();

describe('scripts/build-node.mjs', () => {
  it('bundles main, preload and core, each loading only what its process may load', () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build-node.mjs'), '--outdir', out], { stdio: 'pipe' });
    // A sandboxed preload can require 'electron' and nothing else.
    expect(requires(path.join(out, 'preload.cjs'))).toEqual(['electron']);
    // SQLite must never load on the main thread.
    const main = requires(path.join(out, 'main.cjs'));
    expect(main).toContain('electron');
    expect(main.filter((id) => id !== 'electron' && !id.startsWith('node:'))).toEqual([]);
    // The core runs under worker_threads too, so no Electron; its native driver stays in node_modules.
    const core = requires(path.join(out, 'core.cjs'));
    expect(core).not.toContain('electron');
    expect(core).toContain('better-sqlite3');
    expect(readFileSync(path.join(out, 'icon.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('electron-builder.yml', () => {
  const require = createRequire(path.join(root, 'package.json'));
  const yaml = require('js-yaml') as { load(text: string): any };
  const config = yaml.load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('names the app and packs it in an asar with the native driver unpacked', () => {
    expect(config.appId).toBe('id.simpul.crm');
    expect(config.productName).toBe('Simpul');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/better-sqlite3-multiple-ciphers/**/*', 'node_modules/better-sqlite3/**/*']));
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/ui/**/*', 'drizzle/branch/**/*', 'package.json']));
  });

  it('builds nsis, dmg, AppImage and deb', () => {
    const targets = (platform: string) => config[platform].target.map((t: { target: string }) => t.target);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
