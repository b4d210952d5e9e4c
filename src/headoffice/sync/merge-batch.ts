import type { ChangeRecord } from '../../shared/sync/protocol.js';
import { checkValue, syncedTable, type SyncedTable } from '../../shared/sync/tables.js';
import { mergeField, type FieldValue } from '../../shared/sync/merge.js';

/**
 * The pure part of a push: given the rows as the head office has them and a
 * branch's changes in order, decide what applies, what conflicts and what is
 * refused. No I/O, so the same code is exercised by property tests.
 */

export interface StoredObject {
  tableName: string;
  rowId: string;
  data: Record<string, FieldValue>;
  /** field -> [hlc, seq]; seq -1 marks a field set in this batch, numbered at commit. */
  clocks: Record<string, [string, number]>;
  version: number;
  hlc: string;
  customerId: string | null;
  createdBy: string;
}

export interface Conflict {
  tableName: string;
  rowId: string;
  field: string;
  customerId: string | null;
  winnerValue: FieldValue;
  winnerHlc: string;
  loserValue: FieldValue;
  loserHlc: string;
}

export interface Refusal {
  change: ChangeRecord;
  code: 'UNKNOWN_TABLE' | 'INVALID_FIELD' | 'OUT_OF_SCOPE' | 'INCOMPLETE_ROW' | 'APPEND_ONLY';
  reason: string;
}

export interface BatchOutcome {
  /** Rows whose data changed, by "table\u0000rowId". */
  changed: Map<string, StoredObject>;
  /** Rows where some value of this branch did not win: the branch needs the current row. */
  corrected: Set<string>;
  conflicts: Conflict[];
  refused: Refusal[];
  applied: number;
  /** Customers created by this batch: they join the pushing branch's scope. */
  newCustomers: Set<string>;
}

export interface ScopeView {
  /** Branches that may see and write this customer; empty if the customer is unknown. */
  branchesOf(customerId: string): Set<string>;
}

export const objectKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;

export function mergeBatch(
  branchId: string,
  changes: ChangeRecord[],
  objects: Map<string, StoredObject>,
  scope: ScopeView,
): BatchOutcome {
  const out: BatchOutcome = { changed: new Map(), corrected: new Set(), conflicts: [], refused: [], applied: 0, newCustomers: new Set() };
  const refuse = (change: ChangeRecord, code: Refusal['code'], reason: string) => out.refused.push({ change, code, reason });
  const mayWrite = (customerId: string) => out.newCustomers.has(customerId) || scope.branchesOf(customerId).has(branchId);

  for (const change of changes) {
    const table = syncedTable(change.table);
    if (!table) {
      refuse(change, 'UNKNOWN_TABLE', `table ${change.table} does not sync`);
      continue;
    }
    const badField = firstBadField(table, change.fields);
    if (badField) {
      refuse(change, 'INVALID_FIELD', badField);
      continue;
    }
    const key = objectKey(change.table, change.rowId);
    const existing = objects.get(key) ?? null;

    // Which customer routes this row, and may this branch write it?
    let customerId: string | null = null;
    if (table.scope.kind === 'customer') {
      const column = table.scope.customerColumn;
      customerId = column === 'id' ? change.rowId : ((existing?.data[column] as string | undefined) ?? (change.fields[column] as string | undefined) ?? null);
      if (existing && column !== 'id' && change.fields[column] !== undefined && change.fields[column] !== existing.data[column]) {
        // Moving a row to another customer needs the right to write both.
        const target = change.fields[column] as string;
        if (!mayWrite(target)) {
          refuse(change, 'OUT_OF_SCOPE', `customer ${target} is outside this branch's scope`);
          continue;
        }
      }
      if (!customerId) {
        refuse(change, 'INCOMPLETE_ROW', `${column} is missing`);
        continue;
      }
      const creatingCustomer = !existing && column === 'id' && scope.branchesOf(customerId).size === 0;
      if (creatingCustomer) {
        if (table.ownerColumn && change.fields[table.ownerColumn] !== branchId) {
          refuse(change, 'OUT_OF_SCOPE', `a new customer must belong to the branch that creates it`);
          continue;
        }
      } else if (!mayWrite(customerId)) {
        refuse(change, 'OUT_OF_SCOPE', `customer ${customerId} is outside this branch's scope`);
        continue;
      }
      if (creatingCustomer) out.newCustomers.add(customerId);
    } else {
      refuse(change, 'OUT_OF_SCOPE', `${table.name} is reference data kept by the head office: a branch cannot change it`);
      continue;
    }

    if (!existing) {
      const missing = Object.entries(table.columns).find(([name, c]) => !c.nullable && !(name in change.fields));
      if (missing) {
        refuse(change, 'INCOMPLETE_ROW', `a new ${table.name} row needs ${missing[0]}`);
        continue;
      }
      const created: StoredObject = {
        tableName: table.name,
        rowId: change.rowId,
        data: { ...change.fields },
        clocks: Object.fromEntries(Object.keys(change.fields).map((f) => [f, [change.hlc, -1]])),
        version: -1,
        hlc: change.hlc,
        customerId,
        createdBy: branchId,
      };
      objects.set(key, created);
      out.changed.set(key, created);
      out.applied += 1;
      continue;
    }

    if (table.policy === 'append') {
      const differing = Object.entries(change.fields).filter(([f, v]) => existing.data[f] !== v);
      if (differing.length === 0) continue;
      // Only a void mark may still be set on an append row (never cleared); it then merges like a field.
      const voiding = differing.every(([f, v]) => table.columns[f].amendable && v !== null);
      if (!voiding) {
        refuse(change, 'APPEND_ONLY', `${table.name} rows are never changed after they are written`);
        continue;
      }
    }

    let touched = false;
    for (const [field, value] of Object.entries(change.fields)) {
      const clock = existing.clocks[field];
      const outcome = mergeField(
        field in existing.data && clock ? { value: existing.data[field], clock: { hlc: clock[0], seq: clock[1] === -1 ? Infinity : clock[1] } } : null,
        { value, hlc: change.hlc, baseSeq: change.baseSeq },
      );
      switch (outcome.kind) {
        case 'apply':
        case 'apply-over-conflict':
          if (outcome.kind === 'apply-over-conflict' && !table.columns[field].quiet) {
            out.conflicts.push({ tableName: table.name, rowId: change.rowId, field, customerId, winnerValue: value, winnerHlc: change.hlc, loserValue: outcome.loser, loserHlc: outcome.loserHlc });
          }
          existing.data[field] = value;
          existing.clocks[field] = [change.hlc, -1];
          touched = true;
          break;
        case 'advance-clock':
          existing.clocks[field] = [change.hlc, -1];
          touched = true;
          break;
        case 'reject-conflict':
          if (!table.columns[field].quiet) {
            out.conflicts.push({ tableName: table.name, rowId: change.rowId, field, customerId, winnerValue: existing.data[field], winnerHlc: clock![0], loserValue: value, loserHlc: change.hlc });
          }
          out.corrected.add(key);
          break;
        case 'unchanged':
          break;
      }
    }
    if (touched) {
      if (change.hlc > existing.hlc) existing.hlc = change.hlc;
      out.changed.set(key, existing);
    }
    out.applied += 1;
  }
  return out;
}

function firstBadField(table: SyncedTable, fields: Record<string, FieldValue>): string | null {
  for (const [name, value] of Object.entries(fields)) {
    const column = table.columns[name];
    if (!column) return `${table.name}.${name} is not a synced column`;
    const problem = checkValue(column, value);
    if (problem) return `${table.name}.${name} ${problem}`;
  }
  return null;
}
