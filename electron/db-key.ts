import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';

/**
 * The SQLCipher key of the branch database (REQUIREMENTS P6). Random, made
 * once per install, kept in db-key.json next to the database and wrapped by
 * the OS key store (DPAPI, Keychain, libsecret/kwallet) through safeStorage.
 * Where there is no key store (Linux without a keyring: safeStorage's
 * 'basic_text' backend), the key is stored unwrapped, readable only by the
 * user, and upgraded as soon as a key store appears. Losing this file makes
 * the database unreadable: backups must include it.
 */

export type KeyProtection = 'os-keystore' | 'file-permissions';

interface KeyFile {
  version: 1;
  protection: KeyProtection;
  /** base64 of safeStorage's ciphertext, or the key itself for 'file-permissions'. */
  key: string;
}

export interface KeyStoreDeps {
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
  platform: NodeJS.Platform;
  /** Absolute path of db-key.json. */
  file: string;
}

function keyStoreUsable(deps: KeyStoreDeps): boolean {
  if (!deps.safeStorage.isEncryptionAvailable()) return false;
  // basic_text is a fixed, public password: no better than the file's permissions, and misleading.
  return deps.platform !== 'linux' || deps.safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

function write(file: string, content: KeyFile): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(content), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file); // atomic: a crash never leaves half a key behind
}

function wrap(deps: KeyStoreDeps, key: string): KeyFile {
  return keyStoreUsable(deps)
    ? { version: 1, protection: 'os-keystore', key: deps.safeStorage.encryptString(key).toString('base64') }
    : { version: 1, protection: 'file-permissions', key };
}

/** Call after app 'ready' (safeStorage needs it). Throws when an existing key cannot be unwrapped. */
export function loadOrCreateDatabaseKey(deps: KeyStoreDeps): { key: string; protection: KeyProtection } {
  let stored: KeyFile | null = null;
  try {
    stored = JSON.parse(readFileSync(deps.file, 'utf8')) as KeyFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`db-key.json cannot be read: ${String(err)}`);
  }

  if (!stored) {
    const key = randomBytes(32).toString('hex');
    const file = wrap(deps, key);
    write(deps.file, file);
    return { key, protection: file.protection };
  }

  if (stored.version !== 1 || typeof stored.key !== 'string') throw new Error('db-key.json has an unknown format');
  if (stored.protection === 'os-keystore') {
    if (!deps.safeStorage.isEncryptionAvailable()) {
      throw new Error('The OS key store is locked or missing, so the database key cannot be unwrapped');
    }
    return { key: deps.safeStorage.decryptString(Buffer.from(stored.key, 'base64')), protection: 'os-keystore' };
  }
  if (stored.protection !== 'file-permissions') throw new Error('db-key.json has an unknown protection');
  if (keyStoreUsable(deps)) {
    write(deps.file, wrap(deps, stored.key)); // a key store appeared since: wrap the key now
    return { key: stored.key, protection: 'os-keystore' };
  }
  return { key: stored.key, protection: 'file-permissions' };
}
