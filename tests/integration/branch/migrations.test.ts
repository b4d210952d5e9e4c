import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, openBranchDatabase, type SqliteConnection } from '../../../src/branch/db/open.js';
import { loadMigrations, MigrationError } from '../../../src/branch/db/migrate.js';
import { SYNCED_TABLES } from '../../../src/shared/sync/tables.js';

/**
 * Every migration has a test here: build the database at the version before
 * it, put data in, migrate, check the data survived and the change arrived.
 * A new migration without an entry fails the last test.
 */
const specs: Record<string, { seed(db: SqliteConnection): void; check(db: SqliteConnection): void }> = {
  '0000_initial': {
    seed() {},
    check(db) {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['customers', 'contact_points', 'users', 'transactions', 'branch_settings']));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    },
  },
  '0001_customer_search': {
    seed(db) {
      db.prepare(
        "INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES ('c1', 'A-1', 'Budi', 'budi', 'b', 't', 't', 'u', 'u')",
      ).run();
    },
    check(db) {
      expect(db.prepare('SELECT full_name FROM customers').pluck().get()).toBe('Budi');
      db.prepare("INSERT INTO customer_search (rowid, name, contact, ident) VALUES (1, 'Budi', '', 'A-1')").run();
      expect(db.prepare("SELECT rowid FROM customer_search WHERE customer_search MATCH '\"bu\"*'").pluck().all()).toEqual([1]);
    },
  },
  '0002_sync': {
    seed() {},
    check(db) {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['sync_outbox', 'sync_rows', 'sync_conflicts', 'sync_rejections']));
    },
  },
  '0003_sync_guards': {
    seed(db) {
      db.prepare(
        "INSERT INTO customers (id, customer_number, full_name, sort_name, home_branch_id, created_at, updated_at, created_by, updated_by) VALUES ('c1', 'A-1', 'Budi', 'budi', 'b', 't', 't', 'u', 'u')",
      ).run();
    },
    check(db) {
      // Existing rows stay; a write outside the writer is now refused, inside it goes through.
      expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
      expect(() => db.prepare("UPDATE customers SET full_name = 'X'").run()).toThrow(/outside the sync writer/);
      for (const t of SYNCED_TABLES) {
        const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").pluck().all(t.name);
        expect(triggers, t.name).toEqual(expect.arrayContaining([`${t.name}_guard_insert`, `${t.name}_guard_update`, `${t.name}_guard_delete`]));
      }
    },
  },
};

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
