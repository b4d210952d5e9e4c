import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

/**
 * Child processes of the simulation (branch cores, head-office servers) and
 * the request/response protocol over their IPC channel. A child answers
 * `{ id, ok, value | error }`; when it dies every call in flight rejects with
 * ChildDied, which the harness treats as "outcome unknown".
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Request {
  id: number;
  op: string;
  args?: unknown;
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { code: string; message: string } };

/**
 * The child entry points, compiled once per harness process with esbuild
 * (the same sources; dependencies stay in node_modules), because a process
 * killed a dozen times a run should not pay tsx's start-up each time. Under
 * .cache/ inside the repository so node_modules resolves; removed at exit.
 * SIM_NO_BUNDLE=1 runs the TypeScript through tsx instead.
 */
export type Entry = 'branch-process' | 'headoffice-process';
let bundled: Promise<Record<Entry, { script: string; execArgv: string[] }>> | null = null;

export function entryPoints(): Promise<Record<Entry, { script: string; execArgv: string[] }>> {
  const viaTsx = () => ({
    'branch-process': { script: join(REPO_ROOT, 'tests/sim/branch-process.ts'), execArgv: ['--import', 'tsx'] },
    'headoffice-process': { script: join(REPO_ROOT, 'tests/sim/headoffice-process.ts'), execArgv: ['--import', 'tsx'] },
  });
  if (process.env.SIM_NO_BUNDLE === '1') return Promise.resolve(viaTsx());
  bundled ??= (async () => {
    const root = join(REPO_ROOT, '.cache', 'sim');
    removeStaleBuilds(root);
    const outdir = join(root, `build-${process.pid}-${randomBytes(3).toString('hex')}`);
    mkdirSync(outdir, { recursive: true });
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    try {
      const { build } = await import('esbuild');
      await build({
        entryPoints: { 'branch-process': join(REPO_ROOT, 'tests/sim/branch-process.ts'), 'headoffice-process': join(REPO_ROOT, 'tests/sim/headoffice-process.ts') },
        outdir,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        logLevel: 'silent',
      });
      return {
        'branch-process': { script: join(outdir, 'branch-process.mjs'), execArgv: [] },
        'headoffice-process': { script: join(outdir, 'headoffice-process.mjs'), execArgv: [] },
      };
    } catch {
      return viaTsx();
    }
  })();
  return bundled;
}

/** Builds left by harness processes that are gone (a test worker stopped by a signal skips its exit hook). */
function removeStaleBuilds(root: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root)) {
    const pid = Number(/^build-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
}

export class ChildDied extends Error {
  constructor(readonly label: string, readonly op: string) {
    super(`${label} died during ${op}`);
  }
}

export class CallFailed extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class ChildProc {
  private readonly pending = new Map<number, { op: string; resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private nextId = 1;
  readonly exited: Promise<void>;
  private dead = false;
  readonly ready: Promise<Record<string, unknown>>;
  private stderr = '';

  private constructor(
    readonly label: string,
    readonly proc: ChildProcess,
    readyTimeoutMs: number,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.on('error', () => undefined); // send on a closed channel; the exit handler settles the calls
    let readyResolve!: (v: Record<string, unknown>) => void;
    let readyReject!: (e: Error) => void;
    this.ready = new Promise((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    const readyTimer = setTimeout(() => readyReject(new Error(`${label} not ready after ${readyTimeoutMs} ms: ${this.stderr.slice(-2000)}`)), readyTimeoutMs);
    proc.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-8000);
    });
    proc.on('message', (m: { type?: string; id?: number; ok?: boolean; value?: unknown; error?: { code: string; message: string } }) => {
      if (m.type === 'ready') {
        clearTimeout(readyTimer);
        readyResolve(m as Record<string, unknown>);
        return;
      }
      const p = this.pending.get(m.id!);
      if (!p) return;
      this.pending.delete(m.id!);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new CallFailed(m.error!.code, m.error!.message));
    });
    proc.once('exit', (code, signal) => {
      this.dead = true;
      clearTimeout(readyTimer);
      readyReject(new Error(`${label} exited (${code ?? signal}) before it was ready: ${this.stderr.slice(-2000)}`));
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new ChildDied(label, p.op));
        this.pending.delete(id);
      }
    });
    this.ready.catch(() => undefined);
  }

  /** Runs an entry point (see entryPoints) with an IPC channel. */
  static async start(label: string, entry: Entry, env: Record<string, string>, readyTimeoutMs = 30_000): Promise<ChildProc> {
    const { script, execArgv } = (await entryPoints())[entry];
    const proc = fork(script, [], {
      cwd: REPO_ROOT,
      execArgv,
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'test',
        // Bundled code cannot find the migrations next to itself: name them.
        SIMPUL_BRANCH_MIGRATIONS: join(REPO_ROOT, 'drizzle/branch'),
        SIM_HEADOFFICE_MIGRATIONS: join(REPO_ROOT, 'drizzle/headoffice'),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    return new ChildProc(label, proc, readyTimeoutMs);
  }

  get alive(): boolean {
    return !this.dead;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get lastStderr(): string {
    return this.stderr;
  }

  call<T = unknown>(op: string, args?: unknown, timeoutMs = 30_000): Promise<T> {
    if (this.dead) return Promise.reject(new ChildDied(this.label, op));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.label}: ${op} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { op, resolve: resolve as (v: unknown) => void, reject, timer });
      const failed = (error: Error) => {
        if (!this.pending.has(id)) return;
        clearTimeout(timer);
        this.pending.delete(id);
        // A closed channel means the process is dying: its exit settles the rest.
        reject(new ChildDied(this.label, `${op} (${error.message})`));
      };
      try {
        this.proc.send({ id, op, args } satisfies Request, (error) => {
          if (error) failed(error);
        });
      } catch (error) {
        failed(error as Error);
      }
    });
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(): Promise<void> {
    if (!this.dead) this.proc.kill('SIGKILL');
    await this.exited;
  }

  /** Polite stop (SIGTERM), then SIGKILL after `graceMs`. */
  async stop(graceMs = 2_000): Promise<void> {
    if (this.dead) return;
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

/** Child side: answer requests with `handlers`; exit when the parent goes away. */
export function serveParent(handlers: Record<string, (args: any) => unknown>, onReady: Record<string, unknown> = {}): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (m: Request) => {
    const handler = handlers[m.op];
    let reply: Reply;
    try {
      if (!handler) throw new CallFailed('UNKNOWN_OP', `unknown op ${m.op}`);
      reply = { id: m.id, ok: true, value: await handler(m.args) };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      reply = { id: m.id, ok: false, error: { code: typeof e.code === 'string' ? e.code : 'ERROR', message: String(e.message ?? error) } };
    }
    if (process.connected) process.send!(reply);
  });
  process.send!({ type: 'ready', ...onReady });
}
