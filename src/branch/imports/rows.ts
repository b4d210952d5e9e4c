import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { normalisePhone, type PhoneKind } from '../../shared/domain/phone.js';
import { readRows, type FileShape } from './reader.js';
import type { ResolvedMapping } from './mapping.js';
import { readCustomerRow, type CustomerRowResult } from './customer-rows.js';
import { readTransactionRow, type TransactionRowResult } from './transaction-rows.js';

export type RowResult = CustomerRowResult | TransactionRowResult;

/** What reading a file needs, all of it structured-cloneable (it goes to the import reader thread as is). */
export interface ReadJob {
  path: string;
  shape: FileShape;
  mapping: ResolvedMapping;
  timeZone: BranchTimeZone;
  /** The run's clock (dates in the future are refused against it). */
  nowIso: string;
  /** Rows per chunk: one chunk is one SQLite transaction of the writing pass. */
  chunk: number;
}

export interface RowChunk {
  /** Rows read and checked, each with its row number as a spreadsheet numbers it. */
  rows: RowResult[];
  /** Share of the file read after the chunk's last row. */
  fraction: number;
  /**
   * The phone numbers the chunk's valid customer rows carry, as typed, with
   * what libphonenumber made of them: the writing thread seeds its phone
   * cache with these (rememberPhone) instead of parsing every number again.
   */
  phones: [raw: string, e164: string, kind: PhoneKind][];
}

/**
 * The file's data rows read (parse, mapping, validation: readCustomerRow,
 * readTransactionRow), in chunks of job.chunk rows; the last chunk (maybe
 * empty) has fraction 1. Runs in the import reader thread (row-worker.ts)
 * or, for small files, on the caller's thread.
 */
export async function* readChunks(job: ReadJob, options: { phones: boolean }): AsyncGenerator<RowChunk> {
  const m = job.mapping;
  const now = new Date(job.nowIso);
  let fraction = 0;
  let rows: RowResult[] = [];
  let phones: RowChunk['phones'] = [];
  const decimalComma = m.mapping.numberFormat === 'id';
  for await (const row of readRows(job.path, job.shape, { decimalComma, onProgress: (f) => (fraction = f) })) {
    if (m.kind === 'customers') {
      const r = readCustomerRow(m, row.row, row.cells);
      if (options.phones && r.patch?.phones) {
        for (const p of r.patch.phones) {
          const n = normalisePhone(p.number);
          if (n) phones.push([p.number, n.e164, n.kind]);
        }
      }
      rows.push(r);
    } else rows.push(readTransactionRow(m, row.row, row.cells, job.timeZone, now));
    if (rows.length >= job.chunk) {
      yield { rows, fraction, phones };
      rows = [];
      phones = [];
    }
  }
  yield { rows, fraction: 1, phones };
}
