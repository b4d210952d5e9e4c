import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, openBranchDatabase } from '../../../src/branch/db/open.js';
import { loadMigrations, MigrationError } from '../../../src/branch/db/migrate.js';
import { loadSpecs } from './migration-specs/spec.js';

/**
 * Every migration has a test here: build the database at the version before
 * it, put data in, migrate, check the data survived and the change arrived.
 * Specs live in migration-specs/, one file per migration; a migration
 * without one fails 'every migration has a test entry'.
 */
const specs = loadSpecs();
const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-mig-'));
  dirs.push(dir);
  return join(dir, 'branch.db');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const migrations = loadMigrations(defaultMigrationsDir());

describe('branch migrations', () => {
  for (const m of migrations) {
    it(`${m.tag} applies on top of the previous version and keeps the data`, () => {
      const file = tempDb();
      const before = openBranchDatabase({ file, migrateTo: m.idx - 1 });
      expect(before.schemaVersion).toBe(m.idx - 1);
      specs[m.tag]?.seed(before.sqlite);
      before.close();
      const after = openBranchDatabase({ file, migrateTo: m.idx });
      expect(after.schemaVersion).toBe(m.idx);
      specs[m.tag]?.check(after.sqlite);
      after.close();
    });
  }

  it('every migration has a test entry', () => {
    expect(migrations.map((m) => m.tag).filter((t) => !specs[t])).toEqual([]);
  });

  it('running migrations again is a no-op', () => {
    const file = tempDb();
    openBranchDatabase({ file }).close();
    const again = openBranchDatabase({ file });
    expect(again.schemaVersion).toBe(migrations.length - 1);
    expect(again.sqlite.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(migrations.length);
    again.close();
  });

  it('refuses a database newer than the app', () => {
    const file = tempDb();
    const db = openBranchDatabase({ file });
    db.sqlite.prepare("INSERT INTO schema_migrations VALUES (99, '0099_future', 'x', 't')").run();
    db.close();
    expect(() => openBranchDatabase({ file })).toThrow(/newer than this app/);
  });

  it('refuses a database whose recorded migration differs from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simpul-migdir-'));
    dirs.push(dir);
    cpSync(defaultMigrationsDir(), dir, { recursive: true });
    const file = tempDb();
    openBranchDatabase({ file, migrationsDir: dir }).close();
    const first = join(dir, `${migrations[0].tag}.sql`);
    writeFileSync(first, readFileSync(first, 'utf8') + '\n-- edited after release\n');
    expect(() => openBranchDatabase({ file, migrationsDir: dir })).toThrow(MigrationError);
  });

  it('opens an encrypted database only with its key, and stores no plaintext', () => {
    const file = tempDb();
    const db = openBranchDatabase({ file, encryptionKey: 'kunci rahasia cabang' });
    db.sqlite.prepare("INSERT INTO branch_settings VALUES ('branch_name', 'Cabang Rahasia Sekali')").run();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readFileSync(file).includes(Buffer.from('Cabang Rahasia Sekali'))).toBe(false);
    expect(() => openBranchDatabase({ file, encryptionKey: 'kunci salah' })).toThrow();
    expect(() => openBranchDatabase({ file })).toThrow();
    const reopened = openBranchDatabase({ file, encryptionKey: 'kunci rahasia cabang' });
    expect(reopened.sqlite.prepare("SELECT value FROM branch_settings WHERE key = 'branch_name'").pluck().get()).toBe('Cabang Rahasia Sekali');
    reopened.close();
  });
});
