import { z } from 'zod';
import { isHlc } from './hlc.js';

/**
 * The sync wire protocol between a branch and the head office (HTTP, JSON,
 * gzip). Both ends validate with these schemas; a request that does not
 * match is refused whole with VALIDATION_FAILED and changes nothing.
 */
export const PROTOCOL_VERSION = 2;
/**
 * The oldest protocol the head office still serves (a branch not yet
 * upgraded). 1: hello reports versions and clock only. 2: hello may also
 * carry the branch's cursors and open conflicts, and answers whether a pull
 * and the conflict exchange would bring anything (`upToDate`), so a sync
 * with nothing to do is one request.
 */
export const MIN_PROTOCOL_VERSION = 1;

export const SYNC_PATHS = {
  enrol: '/sync/enrol',
  hello: '/sync/hello',
  push: '/sync/push',
  pull: '/sync/pull',
  fetchCustomer: '/sync/fetch-customer',
  checksum: '/sync/checksum',
} as const;

/**
 * A pull answer's cursor and hasMore, also as a response header (`<cursor> <hasMore>`, e.g. `123456 true`),
 * so the branch can ask for the next page as soon as the headers arrive, before the page is read, inflated
 * and parsed. The body stays the authority: a branch checks the page's own cursor against it. Head offices
 * that do not send it are read as before.
 */
export const PULL_NEXT_HEADER = 'x-simpul-pull-next';

/** Largest number of changes in one push and rows in one pull page. */
export const MAX_BATCH = 5000;
/** Largest request or response body, uncompressed. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const rowId = z.string().min(1).max(64);
const tableName = z.string().min(1).max(64);
const hlc = z.string().refine(isHlc, { message: 'invalid' });
const nodeId = z.string().regex(/^[0-9a-z]{4,32}$/, { message: 'invalid' });
export const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fields = z
  .record(z.string().min(1).max(64), fieldValue)
  .refine((f) => Object.keys(f).length > 0 && Object.keys(f).length <= 100, { message: 'invalid' });

export const enrolRequest = z
  .object({
    token: z.string().min(1).max(200),
    nodeId,
    branchCode: z.string().min(2).max(8),
    schemaVersion: z.number().int().min(1),
  })
  .strict();
export const enrolResponse = z.object({
  branchId: z.string(),
  branchCode: z.string(),
  branchName: z.string(),
  timeZone: z.enum(['WIB', 'WITA', 'WIT']),
  /** "<credentialId>.<secret>": sent as a bearer token from now on. */
  credential: z.string(),
});

export const helloRequest = z
  .object({
    protocol: z.number().int(),
    schemaVersion: z.number().int().min(1),
    nodeId,
    clientTime: z.string().datetime(),
    pending: z.number().int().min(0),
    /**
     * Protocol 2, all three or none: the branch's pull cursor, its conflict
     * cursor (highest detected seq it holds) and the ids it holds as open,
     * to learn whether anything is new for it (`upToDate` in the answer).
     */
    cursor: z.string().regex(/^\d{1,19}$/).nullable().optional(),
    conflictCursor: z.number().int().min(0).optional(),
    openConflicts: z.array(z.string().min(1).max(64)).max(1000).optional(),
  })
  .strict()
  .refine((r) => (r.cursor === undefined) === (r.conflictCursor === undefined) && (r.cursor === undefined) === (r.openConflicts === undefined), {
    message: 'invalid',
    path: ['cursor'],
  })
  .refine((r) => r.protocol >= 2 || r.cursor === undefined, { message: 'invalid', path: ['cursor'] });
export const helloResponse = z.object({
  protocol: z.number().int(),
  serverTime: z.string(),
  minSchemaVersion: z.number().int(),
  maxSchemaVersion: z.number().int(),
  branchId: z.string(),
  /** Branch clock minus head-office clock, as the head office measured it. */
  clockSkewMs: z.number(),
  /**
   * Protocol 2, when the hello carried the cursors: true when a pull from
   * `cursor` would bring no row (no feed entry, no reference row after it, no
   * schema catch-up due) and the conflict exchange nothing (no conflict in
   * the branch's scope after `conflictCursor`, none of `openConflicts`
   * reviewed). The head office then records the hello as a pull at that
   * cursor (last pull, data age), as the empty pull would have.
   */
  upToDate: z.boolean().optional(),
});

export const changeRecord = z
  .object({
    /** The branch's outbox sequence number; pushes are in increasing order. */
    seq: z.number().int().min(1),
    table: tableName,
    rowId,
    hlc,
    /** Head-office version of the row the author had seen (0: a new row). */
    baseSeq: z.number().int().min(0),
    fields,
  })
  .strict();
export type ChangeRecord = z.infer<typeof changeRecord>;

export const pushRequest = z
  .object({
    nodeId,
    schemaVersion: z.number().int().min(1),
    changes: z.array(changeRecord).min(1).max(MAX_BATCH),
  })
  .strict()
  .refine((r) => r.changes.every((c, i) => i === 0 || c.seq > r.changes[i - 1].seq), {
    message: 'invalid',
    path: ['changes'],
  });
export type PushRequest = z.infer<typeof pushRequest>;

/** The head office's word on a row after a push: its current fields, for the branch to take. */
export const rowState = z.object({
  table: tableName,
  rowId,
  version: z.number().int(),
  hlc,
  fields: z.record(z.string(), fieldValue),
});
export type RowState = z.infer<typeof rowState>;

export const pushResponse = z.object({
  /** Highest outbox seq of this node the head office has processed. */
  lastSeq: z.number().int(),
  applied: z.number().int(),
  conflicts: z.number().int(),
  /** Changes refused (out of scope, invalid); never retried, reported to people. */
  quarantined: z.array(z.object({ seq: z.number().int(), table: z.string(), rowId: z.string(), code: z.string(), reason: z.string() })),
  /** Current head-office state of rows where the branch's value did not win. */
  corrections: z.array(rowState),
});
export type PushResponse = z.infer<typeof pushResponse>;

export const pullRequest = z
  .object({
    nodeId,
    schemaVersion: z.number().int().min(1),
    cursor: z.string().regex(/^\d{1,19}$/).nullable(),
    limit: z.number().int().min(1).max(MAX_BATCH),
  })
  .strict();
export const pullResponse = z.object({
  rows: z.array(rowState),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;

export const fetchCustomerRequest = z
  .object({
    nodeId,
    schemaVersion: z.number().int().min(1),
    /** Customer id, customer number, E.164 phone or NIK. */
    key: z.string().min(1).max(64),
  })
  .strict();
export const fetchCustomerResponse = z.object({ rows: z.array(rowState) });

export const checksumResponse = z.object({
  tables: z.record(z.string(), z.object({ rows: z.number().int(), checksum: z.string() })),
  atCursor: z.string(),
});
