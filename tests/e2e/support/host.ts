import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { HTTP } from '../../../src/shared/api/transport.js';
import type { InputOf, Method, OutputOf } from '../../../src/shared/api/contract.js';
import type { Result } from '../../../src/shared/api/errors.js';

/**
 * A browser-mode branch host for one test file: `npx tsx src/branch/web/main.ts
 * --data-dir <fresh temp dir> --port 0 --json`, which prints one JSON line
 * when it is ready. Tests prepare data through RPC (as a script would) and
 * drive the feature under test through the UI.
 */
export interface BranchHost {
  /** http://127.0.0.1:PORT/#secret=... as printed by the host */
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  rpc<M extends Method>(method: M, input: InputOf<M>, session?: string | null): Promise<Result<OutputOf<M>>>;
  /** rpc that throws on an error Result, for test preparation. */
  must<M extends Method>(method: M, input: InputOf<M>, session?: string | null): Promise<OutputOf<M>>;
  stop(): Promise<void>;
}

export async function startHost(): Promise<BranchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpul-e2e-'));
  const child = spawn('npx', ['tsx', 'src/branch/web/main.ts', '--data-dir', dataDir, '--port', '0', '--json'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'test' },
    // Its own process group: npx starts tsx, which starts node; stopping must reach all three.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const ready = await firstLine(child, 60_000).catch(async (error: Error) => {
    await stopChild(child);
    throw new Error(`${error.message}\n${stderr}`);
  });
  const { url, secret } = JSON.parse(ready) as { url: string; port: number; secret: string };
  const origin = new URL(url).origin;

  async function rpc<M extends Method>(method: M, input: InputOf<M>, session?: string | null): Promise<Result<OutputOf<M>>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', [HTTP.secretHeader]: secret };
    if (session) headers[HTTP.sessionHeader] = session;
    const response = await fetch(`${origin}${HTTP.rpcPath}${method}`, { method: 'POST', headers, body: JSON.stringify(input) });
    return (await response.json()) as Result<OutputOf<M>>;
  }

  return {
    url,
    origin,
    secret,
    dataDir,
    rpc,
    async must(method, input, session) {
      const result = await rpc(method, input, session);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the branch host did not report ready in time')), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the branch host exited with code ${code}`));
    });
  });
}

/** SIGTERM to the whole group (npx, tsx, node), then wait until none is left; SIGKILL after 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const group = -child.pid;
  const send = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(group, signal);
      return true;
    } catch {
      return false; // no process left in the group
    }
  };
  if (!send('SIGTERM')) return;
  const deadline = Date.now() + 5_000;
  while (send(0)) {
    if (Date.now() > deadline) {
      send('SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const MANAGER = { username: 'ratna', displayName: 'Ratna Wulandari', password: 'kata-sandi-aman' };
export const CLERK = { username: 'budi.fo', displayName: 'Budi Santoso', password: 'sandi-front-office', role: 'front_office' as const };

/** Branch set up through RPC, plus a front-office clerk; returns the manager's session. */
export async function prepareBranch(host: BranchHost): Promise<string> {
  await host.must('setup.initialise', {
    branchName: 'Cabang Bandung Dago',
    branchCode: 'BDG01',
    timeZone: 'WIB',
    manager: { username: MANAGER.username, displayName: MANAGER.displayName, password: MANAGER.password },
  });
  const { sessionToken } = await host.must('auth.signIn', { username: MANAGER.username, password: MANAGER.password });
  await host.must('users.create', CLERK, sessionToken);
  return sessionToken;
}

/** Signs in through the sign-in screen, as a clerk does. */
export async function signInThroughUi(page: Page, host: BranchHost, user: { username: string; password: string }): Promise<void> {
  await page.goto(host.url);
  await page.getByLabel(/^(Nama pengguna|Username)$/).fill(user.username);
  await page.getByLabel(/^(Kata sandi|Password)$/).fill(user.password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.getByRole('navigation').waitFor();
}

/** Screenshots for review go to SIMPUL_SHOTS_DIR when it is set (never into the repository). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SIMPUL_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // SIMPUL_SHOTS_SIZE=1366x768: review shots at a laptop's screen instead of the tests' viewport.
  const size = /^(\d+)x(\d+)$/.exec(process.env.SIMPUL_SHOTS_SIZE ?? '');
  if (size) await page.setViewportSize({ width: Number(size[1]), height: Number(size[2]) });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
