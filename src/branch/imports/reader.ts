import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../shared/api/errors.js';
import type { Delimiter, ImportKind } from '../../shared/domain/importing.js';
import { guessMapping } from '../../shared/domain/import-guess.js';

/**
 * Reading an import file as rows of text cells, streaming, whatever its
 * size. Libraries, and why:
 *  - csv-parse (the CSV project's parser, maintained since 2010, streaming,
 *    RFC 4180 quotes, BOM handling): quoted fields with commas and line
 *    breaks are not ours to hand-parse.
 *  - exceljs 4.4 (streaming WorkbookReader, MIT): reads .xlsx without
 *    loading the workbook into memory. The registry's `xlsx` package is the
 *    stale 0.18.5 line with known advisories, so not that one.
 *  - Whitespace-separated text (columns lined up with spaces, as many
 *    systems export, e.g. the CDNOW purchase files) has no quoting at all:
 *    node's readline and a split on runs of spaces read it exactly.
 */

export interface FileShape {
  format: 'csv' | 'xlsx';
  /** The delimiter in use ('auto' only for Excel, where there is none). */
  delimiter: Delimiter;
  hasHeader: boolean;
  /** Header text per column, or null for every column of a headerless file. */
  headers: (string | null)[];
}

export interface DataRow {
  /** The row as a spreadsheet numbers it (the header, if any, is row 1). */
  row: number;
  cells: string[];
  /** Bytes of the file read up to this row (progress). */
  pos: number;
}

const CANDIDATES: { delimiter: Delimiter; char: string }[] = [
  { delimiter: ',', char: ',' },
  { delimiter: ';', char: ';' },
  { delimiter: 'tab', char: '\t' },
  { delimiter: '|', char: '|' },
];

function formatOf(path: string): 'csv' | 'xlsx' {
  const head = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  const n = readSync(fd, head, 0, 8, 0);
  closeSync(fd);
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'xlsx'; // "PK\3\4": a zip, as .xlsx is
  // An old binary .xls (OLE2), or anything with NUL bytes, is not text we can read.
  if (head.subarray(0, n).includes(0)) throw new AppError('FILE_UNREADABLE');
  return 'csv';
}

function firstLines(path: string, count: number): string[] {
  const buffer = Buffer.alloc(256 * 1024);
  const fd = openSync(path, 'r');
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  return buffer
    .subarray(0, n)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    // A quoted cell may hold the delimiter or a line break: blank it out before counting columns.
    .replace(/"(?:[^"]|"")*"/g, '""')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, count);
}

/** The delimiter that splits the first lines into the same number (2 or more) of columns, most columns winning. */
export function detectDelimiter(lines: string[]): Delimiter {
  const sample = lines.slice(0, 20);
  let best: { delimiter: Delimiter; columns: number } | null = null;
  for (const c of CANDIDATES) {
    // Quoted parts may hold the character itself; drop them before counting.
    const counts = sample.map((l) => l.replace(/"[^"]*"/g, '""').split(c.char).length);
    if (counts.length > 0 && counts.every((n) => n === counts[0]) && counts[0] >= 2 && (!best || counts[0] > best.columns)) {
      best = { delimiter: c.delimiter, columns: counts[0] };
    }
  }
  if (best) return best.delimiter;
  const spaced = sample.map((l) => l.trim().split(/\s+/).length);
  if (spaced.length > 0 && spaced.every((n) => n === spaced[0]) && spaced[0] >= 2) return 'whitespace';
  return ',';
}

const looksLikeData = (s: string) => /^[-+(]?[\d.,/:\s-]+\)?$/.test(s) || /@/.test(s);

/** A header row has text in every cell, no cell that looks like data, and names at least one known field. */
function isHeader(kind: ImportKind, first: string[], rest: string[][]): boolean {
  if (first.length === 0 || first.some((c) => c.trim() === '' || looksLikeData(c.trim()))) return false;
  if (guessMapping(kind, first, []).columns.length > 0) return true;
  // Or: some column holds data below but text on top.
  return first.some((_, i) => rest.length > 0 && rest.every((r) => looksLikeData((r[i] ?? '').trim())));
}

export async function detectShape(path: string, kind: ImportKind, options: { delimiter: Delimiter; hasHeader: 'auto' | 'yes' | 'no' }): Promise<{ shape: FileShape; sample: DataRow[] }> {
  const format = formatOf(path);
  const delimiter: Delimiter = format === 'xlsx' ? 'auto' : options.delimiter === 'auto' ? detectDelimiter(firstLines(path, 20)) : options.delimiter;
  const raw: DataRow[] = [];
  for await (const r of rawRows(path, { format, delimiter, hasHeader: false, headers: [] }, { decimalComma: false })) {
    raw.push(r);
    if (raw.length >= 21) break;
  }
  if (raw.length === 0) throw new AppError('FILE_UNREADABLE');
  const hasHeader = options.hasHeader === 'auto' ? isHeader(kind, raw[0].cells, raw.slice(1).map((r) => r.cells)) : options.hasHeader === 'yes';
  const width = Math.max(...raw.map((r) => r.cells.length));
  const headers = Array.from({ length: width }, (_, i) => (hasHeader ? (raw[0].cells[i]?.trim() || null) : null));
  return { shape: { format, delimiter, hasHeader, headers }, sample: hasHeader ? raw.slice(1) : raw.slice(0, 20) };
}

/** Data rows (after the header), skipping empty ones; onProgress gets the share of the file read. */
export async function* readRows(path: string, shape: FileShape, options: { decimalComma: boolean; onProgress?: (fraction: number) => void }): AsyncGenerator<DataRow> {
  const size = Math.max(1, statSync(path).size);
  let first = true;
  for await (const r of rawRows(path, shape, options)) {
    if (first && shape.hasHeader) {
      first = false;
      continue;
    }
    first = false;
    options.onProgress?.(Math.min(1, r.pos / size));
    yield r;
  }
}

// Progress comes from each row's position, never from a 'data' listener: one would switch the
// stream to flowing mode behind the parser's back, and rows would be lost.
async function* rawRows(path: string, shape: FileShape, options: { decimalComma: boolean }): AsyncGenerator<DataRow> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  try {
    if (shape.format === 'xlsx') yield* excelRows(stream, options.decimalComma);
    else if (shape.delimiter === 'whitespace') yield* spacedRows(stream);
    else yield* csvRows(stream, shape.delimiter);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_UNREADABLE', undefined, String(error));
  } finally {
    stream.destroy();
  }
}

async function* csvRows(stream: Readable, delimiter: Delimiter): AsyncGenerator<DataRow> {
  const char = CANDIDATES.find((c) => c.delimiter === delimiter)?.char ?? ',';
  const { parse } = await import('csv-parse');
  const parser = stream.pipe(parse({ delimiter: char, bom: true, relax_column_count: true, relax_quotes: true, trim: true, skip_empty_lines: false, info: true }));
  let row = 0;
  for await (const { record: cells, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
    row += 1;
    if (cells.length === 1 && cells[0] === '') continue;
    yield { row, cells, pos: info.bytes };
  }
}

async function* spacedRows(stream: Readable): AsyncGenerator<DataRow> {
  let row = 0;
  let pos = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    row += 1;
    pos += Buffer.byteLength(line) + 1;
    const trimmed = (row === 1 ? line.replace(/^\uFEFF/, '') : line).trim();
    if (trimmed === '') continue;
    yield { row, cells: trimmed.split(/\s+/), pos };
  }
}

async function* excelRows(stream: Readable, decimalComma: boolean): AsyncGenerator<DataRow> {
  const { default: ExcelJS } = await import('exceljs');
  let pos = 0;
  const counted = stream.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        pos += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'emit' });
  for await (const sheet of workbook) {
    // The first worksheet is the data; others (notes, lookups) are left alone.
    for await (const r of sheet as AsyncIterable<{ number: number; values: unknown[] }>) {
      const values = Array.isArray(r.values) ? r.values.slice(1) : [];
      const cells = Array.from(values, (v) => cellText(v, decimalComma));
      if (cells.every((c) => c === '')) continue;
      yield { row: r.number, cells, pos };
    }
    return;
  }
}

/** Excel values as the text a clerk would see: dates as YYYY-MM-DD, numbers in the file's number format. */
export function cellText(v: unknown, decimalComma: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return Number.isSafeInteger(v) ? String(v) : v.toFixed(0);
    const text = String(v);
    return decimalComma ? text.replace('.', ',') : text;
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((p) => p.text).join('').trim();
    if ('result' in o) return cellText(o.result, decimalComma);
    if ('text' in o) return cellText(o.text, decimalComma);
  }
  return '';
}
