import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/headoffice/cli/output.js';
import { runCli } from '../../../src/headoffice/cli/program.js';

// Argument errors are found before any database is opened: these runs never start PGlite.
const scratch = mkdtempSync(join(tmpdir(), 'simpul-ho-cli-'));
const dataDir = join(scratch, 'never-created');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('head-office CLI arguments', () => {
  it.each([
    [['branch', 'add', '--name', 'Jakarta'], "required option '--code <code>' not specified"],
    [['branch', 'add', '--code', 'JKT01'], "required option '--name <name>' not specified"],
    [['branch', 'add', '--code', 'J', '--name', 'x'], 'Branch code is 2-8 capital letters or digits'],
    [['branch', 'add', '--code', 'JKT01', '--name', 'x', '--time-zone', 'UTC'], 'Time zone must be WIB, WITA or WIT.'],
    [['branch', 'token', 'JKT01', '--expires-in-hours', '-1'], 'argument'],
    [['branch', 'token', 'JKT01', '--expires-in-hours', '0'], 'expiresInHours'],
    [['branch', 'revoke'], "missing required argument 'code'"],
    [['branch', 'revoke', 'not a code'], 'Branch code is 2-8'],
    [['branch', 'list', '--database-url', 'mysql://localhost/x'], 'postgres:// or postgresql://'],
    [['serve', '--port', '70000'], 'Port must be a number from 0 to 65535.'],
    [['serve', '--data-dir', dataDir, '--host'], "option '--host <host>' argument missing"],
    [['sync'], "unknown command 'sync'"],
  ])('%j -> exit 2 and says why', async (args, message) => {
    const result = await run(args.includes('--data-dir') ? args : [...args, '--data-dir', dataDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses a SIMPUL_DATABASE_URL that is not a PostgreSQL URL', async () => {
    const result = await run(['branch', 'list', '--data-dir', dataDir, '--json'], { SIMPUL_DATABASE_URL: 'sqlite:x.db' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SIMPUL_DATABASE_URL must be a postgres://');
    expect(JSON.parse(result.stdout).error.code).toBe('VALIDATION_FAILED');
  });

  it('--help and --version exit 0', async () => {
    const help = await run(['branch', 'add', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--time-zone <zone>');
    expect((await run(['--version'])).code).toBe(0);
  });
});
