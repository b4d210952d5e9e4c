import { z } from 'zod';
import { procedure, type Procedure, type Role } from '../procedure.js';
import {
  fileInspectionSchema,
  importBatchSchema,
  importIssueSchema,
  importMappingSchema,
  importPreviewSchema,
  IMPORT_KINDS,
  ON_ERROR,
  parseOptionsSchema,
} from '../../domain/importing.js';
import { id } from '../fields.js';

/** Bulk data in and out of the branch: the back office's work, not the counter's (P5). */
export const TRANSFER_ROLES: readonly Role[] = ['back_office', 'branch_manager', 'ho_admin'];
export const AUDIT_ROLES: readonly Role[] = ['branch_manager', 'ho_admin'];

/** Largest upload piece: base64 of 512 KiB fits the browser-mode body limit (1 MiB) with room to spare. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const MAX_IMPORT_FILE_BYTES = 200 * 1024 * 1024;

const staged = { uploadId: id, kind: z.enum(IMPORT_KINDS, { message: 'invalid_value' }), parse: parseOptionsSchema.default({ delimiter: 'auto', hasHeader: 'auto' }) };

export const EXPORT_LISTS = ['customers', 'interactions', 'importIssues'] as const;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  username: z.string(),
  /** The staff member's name; null when the account is not known at this branch. */
  displayName: z.string().nullable(),
  role: z.string(),
  action: z.enum(['export', 'import', 'import_undo', 'sensitive_view', 'sensitive_edit']),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** Name and number of each customer the entry refers to, by id. */
  customers: z.record(z.string(), z.object({ fullName: z.string(), customerNumber: z.string() })),
});

/** Import, export and the audit log (REQUIREMENTS C8, P2, P5). */
export const importProcedures = {
  'imports.upload': procedure({
    summary: 'Send a file to import, in pieces; the first piece starts a new upload.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z
      .object({
        uploadId: id.optional(),
        fileName: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
        /** Base64 of at most UPLOAD_CHUNK_BYTES bytes. */
        chunk: z.string({ message: 'required' }).max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4, { message: 'too_long' }),
      })
      .strict(),
    output: z.object({ uploadId: z.string(), bytes: z.number().int() }),
  }),
  'imports.inspect': procedure({
    summary: "Read an uploaded file's columns and first rows, with a guessed mapping.",
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z.object(staged).strict(),
    output: fileInspectionSchema,
  }),
  'imports.preview': procedure({
    summary: 'Check every row against the mapping without writing: counts, the first issues by row number, and sample rows.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z.object({ ...staged, mapping: importMappingSchema }).strict(),
    output: importPreviewSchema,
  }),
  'imports.run': procedure({
    summary: 'Import an uploaded file: update-or-create on normalised keys; invalid rows are skipped or refuse the whole file. Progress arrives as events.',
    access: { roles: TRANSFER_ROLES },
    mutates: true,
    input: z.object({ ...staged, mapping: importMappingSchema, onError: z.enum(ON_ERROR, { message: 'invalid_value' }).default('skip') }).strict(),
    output: importBatchSchema,
  }),
  'imports.list': procedure({
    summary: 'Imports of this branch, newest first.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z.object({ limit: z.number({ message: 'invalid_type' }).int().min(1).max(200).default(50) }).strict(),
    output: z.array(importBatchSchema),
  }),
  'imports.report': procedure({
    summary: 'One import and its row-by-row issues.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z.object({ id, offset: z.number({ message: 'invalid_type' }).int().min(0).default(0), limit: z.number({ message: 'invalid_type' }).int().min(1).max(5000).default(500) }).strict(),
    output: z.object({ batch: importBatchSchema, issueCount: z.number().int(), issues: z.array(importIssueSchema) }),
  }),
  'imports.undo': procedure({
    summary: 'Undo a whole import: created rows are removed, changed values restored; edits made since are kept.',
    access: { roles: TRANSFER_ROLES },
    mutates: true,
    input: z.object({ id }).strict(),
    output: importBatchSchema,
  }),
  'exports.create': procedure({
    summary: 'Export a list to CSV or Excel; sensitive data only on request, by permitted roles, for customers who consented. Recorded in the audit log.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z
      .object({
        list: z.enum(EXPORT_LISTS, { message: 'invalid_value' }),
        format: z.enum(['csv', 'xlsx'], { message: 'invalid_value' }).default('csv'),
        includeArchived: z.boolean({ message: 'invalid_type' }).default(false),
        includeSensitive: z.boolean({ message: 'invalid_type' }).default(false),
        /** The import whose issues to export (list importIssues). */
        batchId: id.optional(),
      })
      .strict(),
    output: z.object({ exportId: z.string(), fileName: z.string(), rows: z.number().int(), bytes: z.number().int() }),
  }),
  'exports.read': procedure({
    summary: 'A piece of a finished export file, base64; the file is deleted after its last piece.',
    access: { roles: TRANSFER_ROLES },
    mutates: false,
    input: z.object({ exportId: id, offset: z.number({ message: 'invalid_type' }).int().min(0) }).strict(),
    output: z.object({ chunk: z.string(), nextOffset: z.number().int(), done: z.boolean() }),
  }),
  'audit.list': procedure({
    summary: 'The audit log of this branch, newest first: exports, imports, undos and views of sensitive data.',
    access: { roles: AUDIT_ROLES },
    mutates: false,
    input: z.object({ limit: z.number({ message: 'invalid_type' }).int().min(1).max(1000).default(200) }).strict(),
    output: z.array(auditEntrySchema),
  }),
} satisfies Record<string, Procedure>;
