import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore, type BranchCore } from '../../src/branch/core.js';
import type { Actor } from '../../src/shared/api/procedure.js';

export interface TestBranch {
  core: BranchCore;
  dir: string;
  /** Session token of the branch manager created at setup. */
  session: string;
  manager: Extract<Actor, { kind: 'user' }>;
  /** Call as the manager; throws on an error Result so tests read simply. */
  ok<T = any>(method: string, input: unknown): Promise<T>;
  cleanup(): void;
}

/** A real branch on a real SQLite file in a temp dir, set up and signed in. */
export async function makeBranch(options: { code?: string; now?: () => Date } = {}): Promise<TestBranch> {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-test-'));
  const core = openBranchCore({ dataDir: dir, now: options.now, checkOutput: true, log: () => {} });
  const setup = await core.call(null, 'setup.initialise', {
    branchName: 'Cabang Uji',
    branchCode: options.code ?? 'UJI01',
    timeZone: 'WIB',
    manager: { username: 'manajer', displayName: 'Manajer Uji', password: 'rahasia-uji' },
  });
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  const signIn = await core.call(null, 'auth.signIn', { username: 'manajer', password: 'rahasia-uji' });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  const { sessionToken, actor } = signIn.value as { sessionToken: string; actor: Omit<Extract<Actor, { kind: 'user' }>, 'kind'> };
  return {
    core,
    dir,
    session: sessionToken,
    manager: { kind: 'user', ...actor },
    async ok(method, input) {
      const r = await core.call(sessionToken, method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    cleanup() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Counts rows straight from SQLite, to prove what a refused call did not write. */
export function rowCounts(core: BranchCore): Record<string, number> {
  const q = (table: string) => core.services.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
  return {
    customers: q('customers').n,
    contact_points: q('contact_points').n,
    users: q('users').n,
    transactions: q('transactions').n,
  };
}
