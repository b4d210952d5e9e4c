import { gunzip, gzipSync } from 'node:zlib';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { promisify } from 'node:util';
import { AppError, type ErrorCode } from '../../shared/api/errors.js';
import {
  MAX_BODY_BYTES,
  PULL_NEXT_HEADER,
  SYNC_PATHS,
  type ChangeRecord,
  type PullResponse,
  type PushResponse,
  type RowState,
} from '../../shared/sync/protocol.js';

export interface ConflictRecord {
  id: string;
  tableName: string;
  rowId: string;
  field: string;
  customerId: string | null;
  winnerValue: unknown;
  winnerHlc: string;
  loserValue: unknown;
  loserHlc: string;
  detectedSeq: number;
  detectedAt: string;
  status: 'open' | 'kept' | 'reversed';
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export interface EnrolResult {
  branchId: string;
  branchCode: string;
  branchName: string;
  timeZone: 'WIB' | 'WITA' | 'WIT';
  credential: string;
}

/**
 * What the sync engine talks to (as Joplin's synchroniser talks to a target):
 * the head office over HTTP in the product, or anything else in tests.
 */
export interface SyncTarget {
  enrol(request: { token: string; nodeId: string; branchCode: string; schemaVersion: number }): Promise<EnrolResult>;
  /** Protocol 2 adds the cursors and open conflicts, and the answer says whether anything is new (see protocol.ts). */
  hello(request: {
    protocol: number;
    schemaVersion: number;
    nodeId: string;
    clientTime: string;
    pending: number;
    cursor?: string | null;
    conflictCursor?: number;
    openConflicts?: string[];
  }): Promise<{
    protocol: number;
    serverTime: string;
    minSchemaVersion: number;
    maxSchemaVersion: number;
    branchId: string;
    clockSkewMs: number;
    upToDate?: boolean;
  }>;
  push(request: { nodeId: string; schemaVersion: number; changes: ChangeRecord[] }): Promise<PushResponse>;
  /**
   * A page of the feed. `onNext`, if the target can, is told the page's cursor and hasMore as soon as they
   * are known, before the page itself is read (see PULL_NEXT_HEADER); the page's own cursor is the authority.
   */
  pull(
    request: { nodeId: string; schemaVersion: number; cursor: string | null; limit: number },
    onNext?: (next: { cursor: string; hasMore: boolean }) => void,
  ): Promise<PullResponse>;
  fetchCustomer(request: { nodeId: string; schemaVersion: number; key: string }): Promise<{ rows: RowState[] }>;
  checksum(request: { schemaVersion: number }): Promise<{ tables: Record<string, { rows: number; checksum: string }>; atCursor: string }>;
  /** Conflicts detected after `afterSeq`, plus those of `open` (ids still open here) that were resolved since. */
  conflicts(request: { afterSeq: number; open?: string[] }): Promise<ConflictRecord[]>;
  resolveConflicts(request: { resolutions: { id: string; status: 'kept' | 'reversed'; by: string }[] }): Promise<{ resolved: number }>;
}

/** A failure talking to the head office: the code says whether trying again can help. */
export class SyncTransportError extends AppError {
  constructor(
    code: ErrorCode,
    readonly retryable: boolean,
    detail: string,
  ) {
    super(code, undefined, detail);
  }
}

export interface HttpTargetOptions {
  baseUrl: string;
  credential?: string;
  timeoutMs?: number;
  /** Requests through this fetch instead of node:http (see HttpSyncTarget). */
  fetch?: typeof fetch;
}

const gunzipAsync = promisify(gunzip);
/** Connections kept open between the requests of a sync (and its pages fetched ahead). */
const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
/** A gzip answer may not inflate past this (the head office's pages are a few MB; a bomb is refused). */
const MAX_ANSWER_BYTES = 4 * MAX_BODY_BYTES;

interface RawAnswer {
  status: number;
  /** The answer's JSON text, inflated. */
  text: string;
}

/**
 * One POST over node:http(s): the answer read whole, then inflated in one
 * call on the thread pool. (fetch inflates and decodes a body of megabytes
 * chunk by chunk through web streams: a pull page of 5,000 rows cost the
 * branch about twice the CPU time, 64-74 ms against 32-50 ms.)
 */
function postRaw(
  url: URL,
  headers: Record<string, string>,
  body: string | Buffer,
  timeoutMs: number,
  onHeaders?: (status: number, headers: IncomingMessage['headers']) => void,
): Promise<RawAnswer> {
  const https = url.protocol === 'https:';
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const req = (https ? httpsRequest : httpRequest)(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: https ? agents.https : agents.http },
      (res: IncomingMessage) => {
        onHeaders?.(res.statusCode ?? 0, res.headers);
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) res.destroy(new AnswerError(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(chunk);
        });
        res.on('error', (error) => {
          clearTimeout(timer);
          fail(error instanceof AnswerError ? error : new AnswerError(error.message));
        });
        res.on('end', () => {
          clearTimeout(timer);
          const raw = Buffer.concat(chunks);
          const encoding = String(res.headers['content-encoding'] ?? 'identity');
          const inflated = encoding === 'gzip' ? gunzipAsync(raw, { maxOutputLength: MAX_ANSWER_BYTES }) : Promise.resolve(raw);
          inflated.then(
            (buffer) => {
              if (settled) return;
              settled = true;
              resolve({ status: res.statusCode ?? 0, text: buffer.toString('utf8') });
            },
            (error: Error) => fail(new AnswerError(error.message)),
          );
        });
      },
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    req.end(body);
  });
}

/** The answer came but could not be read (as opposed to no answer at all). */
class AnswerError extends Error {}

/** The head office over HTTP: JSON bodies gzip-compressed when larger than a few KiB. */
export class HttpSyncTarget implements SyncTarget {
  constructor(private readonly options: HttpTargetOptions) {}

  enrol(request: Parameters<SyncTarget['enrol']>[0]) {
    return this.post<EnrolResult>(SYNC_PATHS.enrol, request);
  }
  hello(request: Parameters<SyncTarget['hello']>[0]) {
    return this.post<Awaited<ReturnType<SyncTarget['hello']>>>(SYNC_PATHS.hello, request);
  }
  push(request: Parameters<SyncTarget['push']>[0]) {
    return this.post<PushResponse>(SYNC_PATHS.push, request);
  }
  pull(request: Parameters<SyncTarget['pull']>[0], onNext?: Parameters<SyncTarget['pull']>[1]) {
    const onHeaders = onNext
      ? (status: number, headers: IncomingMessage['headers']) => {
          const m = status === 200 ? /^(\d{1,19}) (true|false)$/.exec(String(headers[PULL_NEXT_HEADER] ?? '')) : null;
          if (m) onNext({ cursor: m[1], hasMore: m[2] === 'true' });
        }
      : undefined;
    return this.post<PullResponse>(SYNC_PATHS.pull, request, onHeaders);
  }
  fetchCustomer(request: Parameters<SyncTarget['fetchCustomer']>[0]) {
    return this.post<{ rows: RowState[] }>(SYNC_PATHS.fetchCustomer, request);
  }
  checksum(request: { schemaVersion: number }) {
    return this.post<Awaited<ReturnType<SyncTarget['checksum']>>>(SYNC_PATHS.checksum, request);
  }
  conflicts(request: Parameters<SyncTarget['conflicts']>[0]) {
    return this.post<ConflictRecord[]>('/sync/conflicts', request);
  }
  resolveConflicts(request: Parameters<SyncTarget['resolveConflicts']>[0]) {
    return this.post<{ resolved: number }>('/sync/conflicts/resolve', request);
  }

  private async post<T>(path: string, body: unknown, onHeaders?: (status: number, headers: IncomingMessage['headers']) => void): Promise<T> {
    const json = JSON.stringify(body);
    const compress = json.length > 4096;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-encoding': 'gzip' };
    if (compress) headers['content-encoding'] = 'gzip';
    if (this.options.credential) headers.authorization = `Bearer ${this.options.credential}`;
    const url = new URL(path, this.options.baseUrl);
    const payloadBody = compress ? gzipSync(json, { level: 1 }) : json;
    const timeoutMs = this.options.timeoutMs ?? 60_000;
    let answer: RawAnswer;
    try {
      answer = this.options.fetch ? await this.viaFetch(url, headers, payloadBody, timeoutMs) : await postRaw(url, headers, payloadBody, timeoutMs, onHeaders);
    } catch (error) {
      if (error instanceof AnswerError) throw new SyncTransportError('UNAVAILABLE', true, `unreadable answer from the head office: ${error.message}`);
      throw new SyncTransportError('UNAVAILABLE', true, `head office unreachable: ${(error as Error).message}`);
    }
    let payload: { ok: boolean; value?: T; error?: { code: ErrorCode; message: string } };
    try {
      payload = JSON.parse(answer.text) as typeof payload;
    } catch (error) {
      throw new SyncTransportError('UNAVAILABLE', true, `unreadable answer from the head office (HTTP ${answer.status}): ${(error as Error).message}`);
    }
    if (payload.ok) return payload.value as T;
    const code = payload.error?.code ?? 'INTERNAL';
    throw new SyncTransportError(code, answer.status >= 500 || code === 'UNAVAILABLE', payload.error?.message ?? `HTTP ${answer.status}`);
  }

  private async viaFetch(url: URL, headers: Record<string, string>, body: string | Buffer, timeoutMs: number): Promise<RawAnswer> {
    const response = await this.options.fetch!(url, { method: 'POST', headers, body: body as unknown as RequestInit['body'], signal: AbortSignal.timeout(timeoutMs) });
    try {
      return { status: response.status, text: await response.text() };
    } catch (error) {
      throw new AnswerError((error as Error).message);
    }
  }
}
