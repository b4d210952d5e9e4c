import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The fault proxy: every branch talks to the head office through its own
 * listener on 127.0.0.1, and each request is sent to one of the live
 * head-office processes at random. Per request the harness's plan may drop
 * it, drop the answer, duplicate it (the copy possibly to the other server
 * and possibly answering in place of the original), delay either direction,
 * later replay an old push of the branch (reordering), and SIGKILL the branch
 * or the server at a chosen point: mid-request, after the head office
 * answered but before the branch hears it, or just after the branch got the
 * answer (while it applies it).
 */

export type KillPoint =
  /** The branch dies while the head office is working on its request. */
  | 'branch-mid-request'
  /** The head office answered (committed); the branch dies before it hears it. */
  | 'branch-before-ack'
  /** The branch gets the answer and dies a few milliseconds later (while applying it). */
  | 'branch-after-response'
  /** The head office process dies while working on the request. */
  | 'ho-mid-request'
  /** The head office committed and answered, then dies; the answer is lost. */
  | 'ho-before-ack';

export interface FaultPlan {
  dropRequest: boolean;
  dropResponse: boolean;
  delayRequestMs: number;
  delayResponseMs: number;
  /** Send a second copy; `answerWithCopy`: the branch gets the copy's answer instead of the original's. */
  duplicate: null | { delayMs: number; answerWithCopy: boolean; upstreamPick: number };
  /** Also send one of this branch's earlier pushes again, `delayMs` from now. */
  staleReplay: null | { delayMs: number; pick: number; upstreamPick: number };
  kill: null | { point: KillPoint; delayMs: number };
  /** Which live head office gets the request: index = floor(pick * live.length). */
  upstreamPick: number;
}

export const NO_FAULTS: FaultPlan = {
  dropRequest: false,
  dropResponse: false,
  delayRequestMs: 0,
  delayResponseMs: 0,
  duplicate: null,
  staleReplay: null,
  kill: null,
  upstreamPick: 0,
};

export interface Upstream {
  index: number;
  port: number;
}

export interface ProxyHooks {
  /** Head-office processes alive now. */
  upstreams(): Upstream[];
  /** The plan for the branch's next request to `path`. */
  plan(branch: number, path: string): FaultPlan;
  /** Branch is offline: every request fails at once. */
  offline(branch: number): boolean;
  killBranch(branch: number, why: string): void;
  killHeadOffice(index: number, why: string): void;
  count(kind: string): void;
}

interface Captured {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const FORWARDED_REQUEST_HEADERS = ['authorization', 'content-type', 'content-encoding', 'accept-encoding', 'accept-language'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-encoding', 'cache-control', 'www-authenticate'];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class FaultProxy {
  private readonly servers: http.Server[] = [];
  private readonly ports: number[] = [];
  private readonly background = new Set<Promise<unknown>>();
  private readonly pushes = new Map<number, Captured[]>();
  private closed = false;

  constructor(private readonly hooks: ProxyHooks) {}

  /** Opens one listener per branch; returns their base URLs. */
  async listen(branches: number): Promise<string[]> {
    for (let b = 0; b < branches; b++) {
      const server = http.createServer((req, res) => void this.handle(b, req, res));
      server.keepAliveTimeout = 1_000;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      this.servers.push(server);
      this.ports.push((server.address() as AddressInfo).port);
    }
    return this.ports.map((p) => `http://127.0.0.1:${p}`);
  }

  /** Waits for every duplicate and replay still on its way (quiescence). */
  async drain(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  private async handle(branch: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return;
    }
    const headers: Record<string, string> = {};
    for (const h of FORWARDED_REQUEST_HEADERS) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
    const captured: Captured = { method: req.method ?? 'POST', path: req.url ?? '/', headers, body: Buffer.concat(chunks) };
    const fail = (): void => {
      res.socket?.destroy();
    };

    if (this.closed || this.hooks.offline(branch)) {
      this.hooks.count('offline-refused');
      return fail();
    }
    const plan = this.hooks.plan(branch, captured.path);
    if (captured.path === '/sync/push') {
      const list = this.pushes.get(branch) ?? [];
      list.push(captured);
      if (list.length > 8) list.shift();
      this.pushes.set(branch, list);
    }
    if (plan.staleReplay) {
      const list = this.pushes.get(branch) ?? [];
      if (list.length > 0) {
        const old = list[Math.floor(plan.staleReplay.pick * list.length)];
        const { delayMs, upstreamPick } = plan.staleReplay;
        this.hooks.count('stale-replay');
        this.track(sleep(delayMs).then(() => this.send(this.choose(upstreamPick), old)));
      }
    }
    if (plan.delayRequestMs > 0) {
      this.hooks.count('delay');
      await sleep(plan.delayRequestMs);
    }
    if (plan.dropRequest) {
      this.hooks.count('drop-request');
      return fail();
    }
    const upstream = this.choose(plan.upstreamPick);
    if (!upstream) {
      this.hooks.count('no-upstream');
      return fail();
    }

    let copy: Promise<Answer> | null = null;
    if (plan.duplicate) {
      this.hooks.count('duplicate');
      const { delayMs, upstreamPick } = plan.duplicate;
      copy = sleep(delayMs).then(() => {
        const to = this.choose(upstreamPick);
        if (!to) throw new Error('no upstream for the copy');
        return this.send(to, captured);
      });
      this.track(copy);
    }

    const kill = plan.kill;
    if (kill?.point === 'branch-mid-request') {
      const sent = this.send(upstream, captured);
      this.track(sent);
      await sleep(kill.delayMs);
      this.hooks.count(`kill:${kill.point}`);
      this.hooks.killBranch(branch, `${kill.point} ${captured.path}`);
      return fail();
    }
    if (kill?.point === 'ho-mid-request') {
      const sent = this.send(upstream, captured);
      this.track(sent);
      await Promise.race([sleep(kill.delayMs), sent.catch(() => undefined)]);
      this.hooks.count(`kill:${kill.point}`);
      this.hooks.killHeadOffice(upstream.index, `${kill.point} ${captured.path}`);
      return fail();
    }

    let answer: Answer;
    try {
      answer = await this.send(upstream, captured);
      if (copy && plan.duplicate?.answerWithCopy) answer = await copy;
    } catch {
      return fail();
    }
    if (kill?.point === 'ho-before-ack') {
      this.hooks.count(`kill:${kill.point}`);
      this.hooks.killHeadOffice(upstream.index, `${kill.point} ${captured.path}`);
      return fail();
    }
    if (kill?.point === 'branch-before-ack') {
      this.hooks.count(`kill:${kill.point}`);
      this.hooks.killBranch(branch, `${kill.point} ${captured.path}`);
      return fail();
    }
    if (plan.dropResponse) {
      this.hooks.count('drop-response');
      return fail();
    }
    if (plan.delayResponseMs > 0) await sleep(plan.delayResponseMs);
    if (this.closed) return fail();
    const out: Record<string, string> = {};
    for (const h of FORWARDED_RESPONSE_HEADERS) if (answer.headers[h]) out[h] = answer.headers[h];
    out['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, out);
    res.end(answer.body);
    if (kill?.point === 'branch-after-response') {
      await sleep(kill.delayMs);
      this.hooks.count(`kill:${kill.point}`);
      this.hooks.killBranch(branch, `${kill.point} ${captured.path}`);
    }
  }

  private choose(pick: number): Upstream | null {
    const live = this.hooks.upstreams();
    if (live.length === 0) return null;
    return live[Math.min(live.length - 1, Math.floor(pick * live.length))];
  }

  private send(upstream: Upstream | null, captured: Captured): Promise<Answer> {
    if (!upstream) return Promise.reject(new Error('no upstream'));
    return new Promise<Answer>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: upstream.port,
          method: captured.method,
          path: captured.path,
          headers: { ...captured.headers, 'content-length': String(captured.body.length) },
          agent: false,
          timeout: 30_000,
        },
        (response) => {
          const parts: Buffer[] = [];
          response.on('data', (c: Buffer) => parts.push(c));
          response.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(response.headers)) if (typeof v === 'string') headers[k] = v;
            resolve({ status: response.statusCode ?? 502, headers, body: Buffer.concat(parts) });
          });
          response.on('error', reject);
          response.on('aborted', () => reject(new Error('upstream aborted')));
        },
      );
      request.on('timeout', () => request.destroy(new Error('upstream timeout')));
      request.on('error', reject);
      request.end(captured.body);
    });
  }
}
