import { formatInstant, type BranchTimeZone } from '../../domain/dates.js';
import type { Locale } from '../labels.js';

/**
 * A report as a document: titled sections of typed columns. CSV, Excel and
 * PDF render the same document (./csv.ts, ./xlsx.ts, ./pdf.ts), so the three
 * formats hold the same numbers under the same words as the screen. A
 * branch's reporting window and the head office's consolidated reports both
 * build one.
 */
export type ColumnKind = 'text' | 'int' | 'money' | 'percent' | 'decimal' | 'datetime';
export interface Column {
  label: string;
  kind: ColumnKind;
}
export type Cell = string | number | null;
export interface Section {
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Draw a bar chart of this column against the first (PDF). */
  chartColumn?: number;
}
export interface ReportDocument {
  /** The report's name, used in file names. */
  name: string;
  title: string;
  subtitle: string;
  sections: Section[];
  /** Times are written in this zone (a branch's; WIB at the head office). */
  zone: BranchTimeZone;
  locale: Locale;
}

/** A datetime cell in the document's zone. */
export function localTime(iso: string, doc: ReportDocument): string {
  return formatInstant(iso, doc.zone, doc.locale);
}

export const REPORT_MIME_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
export type ReportFileFormat = keyof typeof REPORT_MIME_TYPES;
