import { z } from 'zod';
import type { Cell, Column } from '../reports/render/document.js';

/**
 * The head-office console's view of the admin API (/admin/console/*), shared
 * by the server (which validates with these schemas) and the console screens
 * (which read these shapes). Decisions reuse the existing admin routes
 * (/admin/branches, /admin/duplicates/merge|undo); the routes here add what a
 * person needs to decide: names, branch codes, the values side by side.
 */

export const CONSOLE_PATHS = {
  overview: '/admin/console/overview',
  conflicts: '/admin/console/conflicts',
  resolveConflict: (id: string) => `/admin/console/conflicts/${encodeURIComponent(id)}/resolve`,
  duplicates: '/admin/console/duplicates',
  report: (name: string) => `/admin/console/reports/${encodeURIComponent(name)}`,
  reportExport: (name: string) => `/admin/reports/${encodeURIComponent(name)}/export`,
} as const;

/** A report's period in the console: calendar dates (WIB), both optional; checked again by the report itself. */
export const periodQuery = z.strictObject({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });
/** The console's report query: the period, and refit=1 for the prediction (fit the models again). */
export const consoleReportQuery = periodQuery.extend({ refit: z.enum(['1'], { message: 'invalid_value' }).optional() });

/** Conflicts and duplicate pairs the console lists at most, newest open ones first. */
export const CONSOLE_LIST_LIMIT = 500;

/** A branch that has not pulled for this long is shown as behind (B9). */
export const STALE_AFTER_SECONDS = 24 * 60 * 60;
/** Clock skew worth a warning: branch clocks this far off are usually set wrong by hand. */
export const SKEW_WARNING_MS = 5 * 60 * 1000;

export interface ConsoleBranchHealth {
  branchId: string;
  code: string;
  name: string;
  timeZone: 'WIB' | 'WITA' | 'WIT';
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt: string | null;
  /** True once the branch has used an enrolment token (holds a credential, revoked or not). */
  enrolled: boolean;
  /** Installations (branch databases) heard from in the last 30 days; an older one counts as replaced. */
  nodes: number;
  lastSeenAt: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Changes waiting at the branch, as its installations reported at their last sync. */
  pending: number;
  /** Rows the branch has yet to pull. */
  behind: number;
  openConflicts: number;
  quarantined: number;
  clockSkewMs: number | null;
  /** Seconds since the last pull: how old the branch's copy of the head office is. */
  dataAgeSeconds: number | null;
  /** Lowest sync schema among its current installations; null before the first sync. */
  schemaVersion: number | null;
  /** Whether an unused, unexpired enrolment token is waiting for this branch. */
  tokenWaiting: boolean;
}

export interface ConsoleOverview {
  serverTime: string;
  /** Sync schema of this head office. */
  schemaVersion: number;
  staleAfterSeconds: number;
  branches: ConsoleBranchHealth[];
  openConflicts: number;
  openDuplicates: number;
}

export type ConflictValue = string | number | boolean | null;

export interface ConsoleConflictSide {
  value: ConflictValue;
  /** Branch code whose edit this was, 'headoffice' for a head-office change, null when unknown. */
  branchCode: string | null;
  /** When the edit was made (the HLC's wall clock), ISO UTC. */
  editedAt: string | null;
}

export interface ConsoleConflict {
  id: string;
  tableName: string;
  rowId: string;
  field: string;
  customer: { id: string; customerNumber: string | null; fullName: string | null; homeBranchCode: string | null } | null;
  winner: ConsoleConflictSide;
  loser: ConsoleConflictSide;
  /** The field's value at the head office now; differs from the winner when someone edited it since. */
  currentValue: ConflictValue;
  detectedAt: string;
  status: 'open' | 'kept' | 'reversed';
  resolvedBy: string | null;
  resolvedAt: string | null;
}

export const conflictListQuery = z.strictObject({ status: z.enum(['open', 'all'], { message: 'invalid_value' }).default('open') });

export const resolveConflictBody = z.strictObject({
  keep: z.enum(['winner', 'loser'], { message: 'invalid_value' }),
  by: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(100, { message: 'too_long' }),
});
export type ResolveConflictBody = z.input<typeof resolveConflictBody>;

export type DuplicateReason = 'phone' | 'email' | 'nik' | 'name_birth_date';

export interface ConsoleDuplicatePerson {
  id: string;
  customerNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  /** Masked as on every screen (C1): 3174********0001. */
  nikMasked: string | null;
  homeBranchCode: string | null;
  phones: string[];
  emails: string[];
  archived: boolean;
  /** Rows that belong to the customer at the head office (contacts, purchases, interactions, ...). */
  historyRows: number;
}

export interface ConsoleDuplicate {
  id: string;
  status: 'open' | 'merged' | 'dismissed';
  reasons: DuplicateReason[];
  score: number;
  detectedAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** What the two share, per reason: phones in E.164, emails, the masked NIK, the birth date. */
  matches: { reason: DuplicateReason; values: string[] }[];
  customers: [ConsoleDuplicatePerson, ConsoleDuplicatePerson];
  /** The merge in force for this pair, for its undo. */
  merge: { id: string; winnerId: string; loserId: string; redirected: number; mergedAt: string; mergedBy: string } | null;
}

export const duplicateListQuery = z.strictObject({ status: z.enum(['open', 'merged', 'all'], { message: 'invalid_value' }).default('open') });

/**
 * A consolidated report as a branch comparison (GET /admin/console/reports/:name; built by
 * src/headoffice/reports/comparison.ts, drawn by the console's report screen).
 */
export type MeasureKind = 'int' | 'money' | 'percent' | 'decimal';

export interface ComparisonScope {
  /** null: every branch together. */
  branchId: string | null;
  code: string | null;
  name: string | null;
}

export interface ComparisonMeasure {
  key: string;
  group: string;
  label: string;
  kind: MeasureKind;
  /** values[0] is all branches, then one per scope in `scopes` order; null: nothing to measure (no resolved case for a median). */
  values: (number | null)[];
  /** For counts: the key of the measure they are a share of (shown beside the count). */
  shareOf?: string;
}

export interface ComparisonList {
  key: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
}

export interface HeadOfficeComparison {
  report: string;
  title: string;
  from: string | null;
  to: string | null;
  asOf: string;
  ms: number;
  /** Coverage is a snapshot of today: the period does not cut it. */
  periodApplies: boolean;
  scopes: ComparisonScope[];
  measures: ComparisonMeasure[];
  /** Short lists of all branches together (the top 10s, the monthly trend). */
  lists: ComparisonList[];
  /** Prediction: when the model in use (all branches together) was fitted, kept for the day (refit=1 fits again). */
  model?: { fittedAt: string; fitMs: number } | null;
}

