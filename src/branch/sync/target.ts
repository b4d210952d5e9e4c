import { gzipSync } from 'node:zlib';
import { AppError, type ErrorCode } from '../../shared/api/errors.js';
import {
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
  pull(request: { nodeId: string; schemaVersion: number; cursor: string | null; limit: number }): Promise<PullResponse>;
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
  fetch?: typeof fetch;
}

/** The head office over HTTP: JSON bodies gzip-compressed when larger than a few KiB. */
export class HttpSyncTarget implements SyncTarget {
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: HttpTargetOptions) {
    this.fetchImpl = options.fetch ?? fetch;
  }

  enrol(request: Parameters<SyncTarget['enrol']>[0]) {
    return this.post<EnrolResult>(SYNC_PATHS.enrol, request);
  }
  hello(request: Parameters<SyncTarget['hello']>[0]) {
    return this.post<Awaited<ReturnType<SyncTarget['hello']>>>(SYNC_PATHS.hello, request);
  }
  push(request: Parameters<SyncTarget['push']>[0]) {
    return this.post<PushResponse>(SYNC_PATHS.push, request);
  }
  pull(request: Parameters<SyncTarget['pull']>[0]) {
    return this.post<PullResponse>(SYNC_PATHS.pull, request);
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

  private async post<T>(path: string, body: unknown): Promise<T> {
    const json = JSON.stringify(body);
    const compress = json.length > 4096;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-encoding': 'gzip' };
    if (compress) headers['content-encoding'] = 'gzip';
    if (this.options.credential) headers.authorization = `Bearer ${this.options.credential}`;
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(path, this.options.baseUrl), {
        method: 'POST',
        headers,
        body: compress ? gzipSync(json, { level: 1 }) : json,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
      });
    } catch (error) {
      throw new SyncTransportError('UNAVAILABLE', true, `head office unreachable: ${(error as Error).message}`);
    }
    let payload: { ok: boolean; value?: T; error?: { code: ErrorCode; message: string } };
    try {
      payload = (await response.json()) as typeof payload;
    } catch (error) {
      throw new SyncTransportError('UNAVAILABLE', true, `unreadable answer from the head office (HTTP ${response.status}): ${(error as Error).message}`);
    }
    if (payload.ok) return payload.value as T;
    const code = payload.error?.code ?? 'INTERNAL';
    throw new SyncTransportError(code, response.status >= 500 || code === 'UNAVAILABLE', payload.error?.message ?? `HTTP ${response.status}`);
  }
}
