import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDatabaseKey, type KeyStoreDeps } from '../../../electron/db-key.js';
import { createFakeElectron } from '../../fakes/electron.js';

function setup(platform: NodeJS.Platform = 'win32') {
  const fake = createFakeElectron();
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'simpul-key-')), 'branch', 'db-key.json');
  const load = () => loadOrCreateDatabaseKey({ safeStorage: fake.safeStorage as unknown as KeyStoreDeps['safeStorage'], platform, file });
  return { safeStorage: fake.safeStorage, file, load };
}

describe('database key', () => {
  it('is created once, wrapped by the OS key store, and the same on every start', () => {
    const { file, load } = setup();
    const first = load();
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.protection).toBe('os-keystore');
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(first.key);
    expect(load()).toEqual(first);
  });

  it('is readable by the user only', () => {
    const { file, load } = setup('linux');
    load();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('without a key store (Linux basic_text) is kept unwrapped, then wrapped once a key store appears', () => {
    const { file, load, safeStorage } = setup('linux');
    safeStorage.backend = 'basic_text';
    const first = load();
    expect(first.protection).toBe('file-permissions');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ protection: 'file-permissions', key: first.key });

    safeStorage.backend = 'gnome_libsecret';
    expect(load()).toEqual({ key: first.key, protection: 'os-keystore' });
    expect(readFileSync(file, 'utf8')).not.toContain(first.key);
  });

  it('refuses to start when a wrapped key cannot be unwrapped, rather than making a new one', () => {
    const { file, load, safeStorage } = setup();
    load();
    const before = readFileSync(file, 'utf8');
    safeStorage.available = false;
    expect(() => load()).toThrow(/key store/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a damaged key file', () => {
    const { file, load } = setup();
    load();
    writeFileSync(file, '{"version":2}');
    expect(() => load()).toThrow(/unknown format/);
    writeFileSync(file, 'not json');
    expect(() => load()).toThrow(/cannot be read/);
  });
});
