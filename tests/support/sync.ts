import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openBranchCore, type BranchCore } from '../../src/branch/core.js';
import type { SyncTarget } from '../../src/branch/sync/target.js';
import { HttpSyncTarget } from '../../src/branch/sync/target.js';
import { buildServer } from '../../src/headoffice/http/server.js';
import type { HeadOfficeDatabase } from '../../src/headoffice/db/open.js';
import { addBranch } from '../../src/headoffice/branches/registry.js';
import { issueEnrolmentToken } from '../../src/headoffice/enrolment/tokens.js';
import { createStore, openStore, type TestStore } from '../integration/headoffice/support.js';
import type { DatabaseDriver } from '../../src/headoffice/db/open.js';

/** A head office on a real database (PGlite or PostgreSQL) serving HTTP on 127.0.0.1. */
export interface TestHeadOffice {
  store: TestStore;
  database: HeadOfficeDatabase;
  app: FastifyInstance;
  url: string;
  close(): Promise<void>;
}

export async function startHeadOffice(driver: DatabaseDriver): Promise<TestHeadOffice> {
  const store = await createStore(driver);
  const database = await openStore(store);
  const app = buildServer({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    store,
    database,
    app,
    url,
    async close() {
      await app.close();
      await database.close();
      await store.dispose();
    },
  };
}

export interface TestSyncBranch {
  core: BranchCore;
  dir: string;
  code: string;
  session: string;
  ok<T = any>(method: string, input: unknown): Promise<T>;
  sync(): ReturnType<BranchCore['services']['sync']['syncNow']>;
  close(): void;
}

/** A branch set up, signed in and enrolled with the head office. */
export async function enrolledBranch(
  ho: TestHeadOffice,
  code: string,
  options: { now?: () => Date; wrapTarget?: (t: SyncTarget) => SyncTarget; dir?: string } = {},
): Promise<TestSyncBranch> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `simpul-${code.toLowerCase()}-`));
  const core = openBranchCore({
    dataDir: dir,
    now: options.now,
    checkOutput: true,
    log: () => {},
    makeSyncTarget: (url, credential) => {
      const http = new HttpSyncTarget({ baseUrl: url, credential, timeoutMs: 20_000 });
      return options.wrapTarget ? options.wrapTarget(http) : http;
    },
  });
  const init = await core.call(null, 'setup.initialise', {
    branchName: `Cabang ${code}`,
    branchCode: code,
    timeZone: 'WIB',
    manager: { username: 'manajer', displayName: `Manajer ${code}`, password: 'rahasia-uji' },
  });
  if (!init.ok) throw new Error(JSON.stringify(init.error));
  const signIn = await core.call(null, 'auth.signIn', { username: 'manajer', password: 'rahasia-uji' });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  const session = (signIn.value as { sessionToken: string }).sessionToken;
  const branch = await addBranch(ho.database.db, { code, name: `Cabang ${code}`, timeZone: 'WIB' }).catch(async () => null);
  const branchId = branch?.id ?? (await import('../../src/headoffice/branches/registry.js').then((m) => m.findBranchByCode(ho.database.db, code))).id;
  const { token } = await issueEnrolmentToken(ho.database.db, branchId, {});
  await core.services.sync.enrol(ho.url, token);
  return {
    core,
    dir,
    code,
    session,
    async ok(method, input) {
      const r = await core.call(session, method, input);
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value as never;
    },
    sync: () => core.services.sync.syncNow(),
    close() {
      core.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replica equals head office for every synced table (invariant 4). */
export async function checksumsMatch(branch: TestSyncBranch): Promise<{ local: unknown; remote: unknown; equal: boolean }> {
  const local = branch.core.services.sync.localChecksums();
  const remote = (await branch.core.services.sync.remoteChecksums()).tables;
  return { local, remote, equal: JSON.stringify(local) === JSON.stringify(remote) };
}
