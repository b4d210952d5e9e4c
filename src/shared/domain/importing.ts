import { z } from 'zod';
import { DATE_FORMATS, NUMBER_FORMATS } from './import-values.js';

/**
 * Import (REQUIREMENTS C8): what a file's columns can be mapped to, how the
 * file is read, and the shape of the row-by-row report. The same contract
 * serves the import wizard and `simpul import`.
 */

export const IMPORT_KINDS = ['customers', 'transactions'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const CUSTOMER_IMPORT_FIELDS = [
  'fullName', 'nickname', 'nik', 'birthDate', 'gender', 'occupation',
  'phone', 'phone2', 'whatsapp', 'email', 'email2',
  'addressLine', 'city', 'province', 'postalCode',
  'externalRef', 'tags', 'lifecycleStage', 'notes',
  'hobbies', 'likes', 'dislikes', 'ambitions', 'shoppingHabits',
  'preferredChannel', 'preferredContactTime', 'preferredLanguage',
] as const;

export const TRANSACTION_IMPORT_FIELDS = [
  'customerRef', 'customerNumber', 'customerPhone', 'customerEmail', 'customerNik', 'customerName',
  'occurredAt', 'amount', 'itemCount', 'type', 'cost', 'discount',
] as const;

export type CustomerImportField = (typeof CUSTOMER_IMPORT_FIELDS)[number];
export type TransactionImportField = (typeof TRANSACTION_IMPORT_FIELDS)[number];
export type ImportField = CustomerImportField | TransactionImportField;

export function importFields(kind: ImportKind): readonly ImportField[] {
  return kind === 'customers' ? CUSTOMER_IMPORT_FIELDS : TRANSACTION_IMPORT_FIELDS;
}

/** Keys a customer row is matched on, strongest first (update-or-create). */
export const CUSTOMER_MATCH_FIELDS = ['externalRef', 'nik', 'phone', 'phone2', 'whatsapp', 'email', 'email2'] as const;
/** Keys that find a transaction's customer. */
export const TRANSACTION_CUSTOMER_KEYS = ['customerRef', 'customerNumber', 'customerNik', 'customerPhone', 'customerEmail'] as const;

export const DELIMITERS = ['auto', ',', ';', 'tab', '|', 'whitespace'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const parseOptionsSchema = z
  .object({
    delimiter: z.enum(DELIMITERS, { message: 'invalid_value' }).default('auto'),
    hasHeader: z.enum(['auto', 'yes', 'no'], { message: 'invalid_value' }).default('auto'),
  })
  .strict();
export type ParseOptions = z.output<typeof parseOptionsSchema>;

export const importMappingSchema = z
  .object({
    /** Which file column (0-based) feeds which field; unmapped columns are ignored. */
    columns: z
      .array(z.object({ column: z.number({ message: 'invalid_type' }).int().min(0).max(499), field: z.string({ message: 'required' }).max(40) }).strict())
      .max(200, { message: 'too_many' }),
    dateFormat: z.enum(DATE_FORMATS, { message: 'invalid_value' }).default('auto'),
    numberFormat: z.enum(NUMBER_FORMATS, { message: 'invalid_value' }).default('id'),
    /** Rupiah per unit of the file's currency, written in numberFormat ("1" for Rupiah files). */
    currencyRate: z.string({ message: 'invalid_type' }).trim().max(30, { message: 'too_long' }).default('1'),
    /** Transactions whose customer is not found: report the row, or register the customer. */
    missingCustomer: z.enum(['report', 'create'], { message: 'invalid_value' }).default('report'),
  })
  .strict();
export type ImportMapping = z.output<typeof importMappingSchema>;

export const ON_ERROR = ['skip', 'refuse'] as const;
export type OnError = (typeof ON_ERROR)[number];

export const importIssueSchema = z.object({
  /** The row as a spreadsheet numbers it: the header, if any, is row 1. */
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  value: z.string().nullable(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const IMPORT_STATUSES = ['running', 'done', 'refused', 'interrupted', 'undone'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const importBatchSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  onError: z.enum(ON_ERROR),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  createdByName: z.string(),
  undoneAt: z.string().nullable(),
  undoneByName: z.string().nullable(),
  /** What undo did: rows removed or voided, values restored, and rows left alone because someone changed them after the import. */
  undo: z.object({ removed: z.number().int(), archived: z.number().int(), restored: z.number().int(), kept: z.number().int() }).nullable(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const ROW_ACTIONS = ['create', 'update', 'unchanged', 'invalid'] as const;

export const importPreviewSchema = z.object({
  totalRows: z.number().int(),
  validRows: z.number().int(),
  invalidRows: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  issueCount: z.number().int(),
  /** The first issues, in row order; the full list comes with the report after the run. */
  issues: z.array(importIssueSchema),
  /** The first rows as they will be read, with what the import would do to each. */
  sample: z.array(z.object({ row: z.number().int(), action: z.enum(ROW_ACTIONS), values: z.record(z.string(), z.string()) })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const fileInspectionSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  delimiter: z.enum(DELIMITERS),
  hasHeader: z.boolean(),
  /** Header text, or null for a file without a header row. */
  columns: z.array(z.object({ index: z.number().int(), header: z.string().nullable(), samples: z.array(z.string()) })),
  guess: z.object({
    columns: z.array(z.object({ column: z.number().int(), field: z.string() })),
    dateFormat: z.enum(DATE_FORMATS),
    numberFormat: z.enum(NUMBER_FORMATS),
  }),
  sampleRows: z.array(z.array(z.string())),
});
export type FileInspection = z.infer<typeof fileInspectionSchema>;
