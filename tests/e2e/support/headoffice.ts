import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { stopChild, type BranchHost } from './host.js';

/**
 * A head office for one test file, started as an operator would:
 * `node bin/simpul-headoffice.mjs serve --port 0 --json` on a fresh database
 * of the local PostgreSQL (PGlite would add 10-15 s of start-up per file).
 * Branches are registered and given tokens through the admin HTTP API with
 * the admin key set in SIMPUL_ADMIN_TOKEN.
 */
export interface HeadOffice {
  url: string;
  /** The admin key the server was started with (SIMPUL_ADMIN_TOKEN). */
  adminKey: string;
  /** Its PostgreSQL database, for tests that must age data the way days of silence would. */
  databaseUrl: string;
  /** Registers a branch and issues its one-time enrolment token. */
  addBranch(code: string, name: string): Promise<string>;
  /** Adds an item to the product and service catalogue (sent to every branch at its next sync). */
  addCatalogueItem(item: { sku: string; name: string; kind: 'product' | 'service'; category: string; unitPrice: number; unitCost?: number }): Promise<{ id: string }>;
  /** Stops the server (the database stays until `dispose`), to show branches going offline. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

const MAINTENANCE_URL = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function maintenance(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: MAINTENANCE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function startHeadOffice(): Promise<HeadOffice> {
  const database = `simpul_e2e_${randomBytes(6).toString('hex')}`;
  await maintenance(`create database ${database}`);
  const databaseUrl = new URL(MAINTENANCE_URL);
  databaseUrl.pathname = `/${database}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'simpul-e2e-ho-'));
  const adminKey = randomBytes(24).toString('hex');
  const child = spawn(
    process.execPath,
    ['bin/simpul-headoffice.mjs', 'serve', '--data-dir', dataDir, '--database-url', databaseUrl.toString(), '--port', '0', '--json'],
    {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SIMPUL_ADMIN_TOKEN: adminKey, SIMPUL_LOG_LEVEL: 'warn' },
      detached: true,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  let url: string;
  try {
    const line = await firstLine(child, 60_000);
    url = (JSON.parse(line) as { value: { url: string } }).value.url;
  } catch (error) {
    await stopChild(child);
    await maintenance(`drop database if exists ${database} with (force)`);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }

  async function admin<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${url}/admin${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as { ok: boolean; value: T; error?: unknown };
    if (!result.ok) throw new Error(`head office ${path}: ${JSON.stringify(result.error)}`);
    return result.value;
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopChild(child);
  };
  return {
    url,
    adminKey,
    databaseUrl: databaseUrl.toString(),
    async addBranch(code, name) {
      const branch = await admin<{ id: string }>('/branches', { code, name, timeZone: 'WIB' });
      return (await admin<{ token: string }>(`/branches/${branch.id}/enrolment-tokens`, {})).token;
    },
    addCatalogueItem: (item) => admin<{ id: string }>('/catalogue', item),
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      await maintenance(`drop database if exists ${database} with (force)`);
    },
  };
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the head office did not report ready in time')), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the head office exited with code ${code}`));
    });
  });
}

/** The manager every branch of the head-office specs is set up with. */
export const BRANCH_MANAGER = { username: 'kepala', password: 'kata-sandi-aman' };

/** A branch host set up through RPC with its code and a manager, signed in; `call` acts as that manager. */
export interface ManagedBranch {
  host: BranchHost;
  session: string;
  code: string;
  call<T = any>(method: string, input: unknown): Promise<T>;
}

export async function setUpBranch(host: BranchHost, code: string, name: string): Promise<ManagedBranch> {
  await host.must('setup.initialise', {
    branchName: name,
    branchCode: code,
    timeZone: 'WIB',
    manager: { username: BRANCH_MANAGER.username, displayName: `Kepala ${code}`, password: BRANCH_MANAGER.password },
  });
  const { sessionToken } = await host.must('auth.signIn', BRANCH_MANAGER);
  return {
    host,
    session: sessionToken,
    code,
    call: async (method, input) => host.must(method as never, input as never, sessionToken) as never,
  };
}
