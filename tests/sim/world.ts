import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type HeadOfficeDatabase } from '../../src/headoffice/db/open.js';
import { addBranch } from '../../src/headoffice/branches/registry.js';
import { issueEnrolmentToken } from '../../src/headoffice/enrolment/tokens.js';
import { ChildProc } from './child.js';
import { FaultProxy, type FaultPlan, type ProxyHooks } from './fault-proxy.js';

/**
 * The processes of one simulation run: a fresh PostgreSQL database, two
 * head-office server processes on it, one branch process per branch on its
 * own data directory, and the fault proxy between them. Killed processes are
 * started again on the same database or data directory.
 */

export const MAINTENANCE_URL = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const HEAD_OFFICES = 2;

export interface BranchSlot {
  index: number;
  code: string;
  dir: string;
  skewMs: number;
  proc: ChildProc | null;
  url: string;
  branchId: string;
  nodeId: string;
  credential: string;
  restarts: number;
}

export interface WorldHooks {
  plan(branch: number, path: string): FaultPlan;
  offline(branch: number): boolean;
  count(kind: string): void;
  log(line: string): void;
}

async function maintenance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: MAINTENANCE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Databases and data directories of simulation runs whose process is gone (killed before it cleaned up). */
export async function removeLeftovers(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^simpul-sim-(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  await maintenance(async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'simpul\\_sim\\_%'");
    for (const { datname } of rows) {
      const pid = Number(/^simpul_sim_(\d+)_[0-9a-f]+$/.exec(datname)?.[1]);
      if (pid && pid !== process.pid && !alive(pid)) await c.query(`drop database if exists ${datname} with (force)`);
    }
  });
}

export class World {
  // The creating process's id is in both names, so a later run can clear what a killed one left.
  readonly dbName = `simpul_sim_${process.pid}_${randomBytes(4).toString('hex')}`;
  readonly databaseUrl: string;
  readonly root = mkdtempSync(join(tmpdir(), `simpul-sim-${process.pid}-`));
  readonly branches: BranchSlot[] = [];
  readonly headOffices: ({ proc: ChildProc; port: number; ready: boolean } | null)[] = [];
  private readonly hoRestarts = new Set<Promise<void>>();
  admin!: HeadOfficeDatabase;
  pool!: pg.Pool;
  proxy!: FaultProxy;
  private dbCreated = false;
  private disposed = false;
  hoKills = 0;
  branchKills = 0;

  constructor(
    private readonly hooks: WorldHooks,
    private readonly httpTimeoutMs = 8_000,
  ) {
    const url = new URL(MAINTENANCE_URL);
    url.pathname = `/${this.dbName}`;
    this.databaseUrl = url.toString();
  }

  async start(branchCount: number, skews: number[]): Promise<void> {
    await removeLeftovers();
    await maintenance((c) => c.query(`create database ${this.dbName}`));
    this.dbCreated = true;
    // Both servers start together (migrations serialise on an advisory lock), and the branches with them.
    const servers = Promise.all(Array.from({ length: HEAD_OFFICES }, (_, i) => this.startHeadOffice(i)));
    const proxyReady = this.startProxy(branchCount);
    for (let b = 0; b < branchCount; b++) {
      const code = `SIM${String(b + 1).padStart(2, '0')}`;
      this.branches.push({
        index: b,
        code,
        dir: join(this.root, code.toLowerCase()),
        skewMs: skews[b % skews.length],
        proc: null,
        url: '',
        branchId: '',
        nodeId: '',
        credential: '',
        restarts: 0,
      });
    }
    const branchProcs = Promise.all(this.branches.map((slot) => this.startBranch(slot.index).then(() => slot.proc!.call('setup', { code: slot.code }))));
    branchProcs.catch(() => undefined); // awaited below; a failing server must not leave it unobserved
    await servers;
    this.admin = await openDatabase({ databaseUrl: this.databaseUrl, migrate: false });
    this.pool = new pg.Pool({ connectionString: this.databaseUrl, max: 3 });
    this.pool.on('error', () => undefined);

    const urls = await proxyReady;
    await branchProcs;
    await Promise.all(
      this.branches.map(async (slot) => {
        slot.url = urls[slot.index];
        const registered = await addBranch(this.admin.db, { code: slot.code, name: `Cabang ${slot.code}`, timeZone: 'WIB' });
        const { token } = await issueEnrolmentToken(this.admin.db, registered.id, {});
        const enrolled = await slot.proc!.call<{ branchId: string }>('enrol', { url: slot.url, token });
        const info = await slot.proc!.call<{ nodeId: string; credential: string }>('info');
        slot.branchId = enrolled.branchId;
        slot.nodeId = info.nodeId;
        slot.credential = info.credential;
      }),
    );
  }

  private startProxy(branchCount: number): Promise<string[]> {
    const hooks: ProxyHooks = {
      upstreams: () => this.headOffices.flatMap((h, index) => (h && h.ready && h.proc.alive ? [{ index, port: h.port }] : [])),
      plan: (b, path) => this.hooks.plan(b, path),
      offline: (b) => this.hooks.offline(b),
      killBranch: (b, why) => void this.killBranch(b, why),
      killHeadOffice: (i, why) => this.killHeadOffice(i, why),
      count: (k) => this.hooks.count(k),
    };
    this.proxy = new FaultProxy(hooks);
    return this.proxy.listen(branchCount);
  }

  async startHeadOffice(i: number): Promise<void> {
    const proc = await ChildProc.start(`head office ${i}`, 'headoffice-process', { SIM_DATABASE_URL: this.databaseUrl });
    this.track(proc);
    this.headOffices[i] = { proc, port: 0, ready: false };
    const ready = await proc.ready;
    const entry = this.headOffices[i];
    if (entry?.proc === proc) {
      entry.port = ready.port as number;
      entry.ready = true;
    }
  }

  /** Every process this world started; one started after dispose() is killed at once. */
  private readonly started = new Set<ChildProc>();
  private track(proc: ChildProc): void {
    this.started.add(proc);
    if (this.disposed) void proc.kill();
  }

  liveHeadOffices(): number {
    return this.headOffices.filter((h) => h && h.ready && h.proc.alive).length;
  }

  /** SIGKILL a head-office process; a new one starts on the same database a moment later. */
  killHeadOffice(i: number, why: string): void {
    const entry = this.headOffices[i];
    if (!entry || !entry.proc.alive || this.disposed) return;
    this.hoKills += 1;
    this.hooks.log(`kill head office ${i}: ${why}`);
    entry.ready = false;
    const restart = (async () => {
      await entry.proc.kill();
      if (this.disposed) return;
      await this.startHeadOffice(i);
    })();
    const tracked = restart.catch((e) => this.hooks.log(`head office ${i} restart failed: ${(e as Error).message}`)).finally(() => this.hoRestarts.delete(tracked));
    this.hoRestarts.add(tracked);
  }

  async headOfficesUp(): Promise<void> {
    while (this.hoRestarts.size > 0) await Promise.allSettled([...this.hoRestarts]);
    for (let i = 0; i < HEAD_OFFICES; i++) {
      const h = this.headOffices[i];
      if (!h || !h.proc.alive) await this.startHeadOffice(i);
    }
  }

  async startBranch(b: number): Promise<void> {
    const slot = this.branches[b];
    const proc = await ChildProc.start(`branch ${slot.code}`, 'branch-process', {
      SIM_DATA_DIR: slot.dir,
      SIM_SKEW_MS: String(slot.skewMs),
      SIM_HTTP_TIMEOUT_MS: String(this.httpTimeoutMs),
    });
    this.track(proc);
    slot.proc = proc;
    await proc.ready;
  }

  /** SIGKILL a branch process; the harness starts it again at the next step. */
  async killBranch(b: number, why: string): Promise<void> {
    const slot = this.branches[b];
    if (!slot.proc || !slot.proc.alive) return;
    this.branchKills += 1;
    this.hooks.log(`kill branch ${slot.code}: ${why}`);
    await slot.proc.kill();
  }

  branchAlive(b: number): boolean {
    return this.branches[b].proc?.alive ?? false;
  }

  async restartBranch(b: number): Promise<void> {
    const slot = this.branches[b];
    if (slot.proc?.alive) return;
    await slot.proc?.exited;
    slot.restarts += 1;
    await this.startBranch(b);
    await slot.proc!.call('setSkew', { ms: slot.skewMs });
  }

  /** A head-office port for requests that bypass the proxy (crafted intrusions). */
  directUrl(): string {
    const h = this.headOffices.find((x) => x && x.ready && x.proc.alive);
    if (!h) throw new Error('no head office up');
    return `http://127.0.0.1:${h.port}`;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.proxy?.close().catch(() => undefined);
    await Promise.allSettled(this.branches.map((s) => s.proc?.stop(1_000)));
    await Promise.allSettled([...this.hoRestarts]);
    await Promise.allSettled(this.headOffices.map((h) => h?.proc.stop(2_000)));
    await Promise.allSettled([...this.started].map((p) => p.kill()));
    await this.admin?.close().catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
    if (this.dbCreated) await maintenance((c) => c.query(`drop database if exists ${this.dbName} with (force)`)).catch(() => undefined);
    rmSync(this.root, { recursive: true, force: true });
  }
}
