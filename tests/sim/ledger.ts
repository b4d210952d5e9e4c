/**
 * What the simulation knows the branches did: the harness's record of every
 * operation and whether it committed. The invariant checks compare the head
 * office and the replicas against this, never against the sync code's own
 * bookkeeping.
 *
 * An operation counts as committed when the branch answered ok. When the
 * branch died with the operation in flight its outcome is "unknown" until the
 * harness looks: values are unique, so a trace of the value anywhere (the
 * replica or its outbox after restart, the head office, its conflict log, a
 * later edit made over it) means it committed.
 */

export type Value = string | number | boolean | null;
export type Status = 'committed' | 'unknown' | 'not-committed';

/** Customer columns the workload edits, with the patch path that sets each. */
export const TRACKED_COLUMNS = {
  full_name: ['fullName'],
  nickname: ['nickname'],
  occupation: ['occupation'],
  notes: ['notes'],
  city: ['address', 'city'],
  address_line: ['address', 'line'],
  province: ['address', 'province'],
} as const;
export type TrackedColumn = keyof typeof TRACKED_COLUMNS;
export const TRACKED: TrackedColumn[] = Object.keys(TRACKED_COLUMNS) as TrackedColumn[];

export interface CustomerEntry {
  id: string;
  customerNumber: string;
  home: number;
  phone: string;
  fullName: string;
  status: Status;
  /** Values of the tracked columns when it was created. */
  initial: Record<TrackedColumn, Value>;
}

export interface FieldEdit {
  /** Order in which the harness issued it (a branch's edits are issued one at a time). */
  order: number;
  branch: number;
  customerId: string;
  column: TrackedColumn;
  value: string;
  /** The branch's local value of the column when it made the edit (null if it never answered). */
  before: Value | undefined;
  status: Status;
}

export interface TxEntry {
  amount: number;
  branch: number;
  customerId: string;
  id: string | null;
  status: Status;
}

export interface FetchEntry {
  branch: number;
  customerId: string;
  status: Status;
}

export class Ledger {
  readonly customers = new Map<string, CustomerEntry>();
  /** Creations whose answer was lost, by full name (resolved after restart). */
  readonly pendingCreates: { branch: number; fullName: string; phone: string; initial: Record<TrackedColumn, Value> }[] = [];
  readonly edits: FieldEdit[] = [];
  readonly transactions: TxEntry[] = [];
  readonly fetches: FetchEntry[] = [];
  private order = 0;

  nextOrder(): number {
    return ++this.order;
  }

  committedEdits(): FieldEdit[] {
    return this.edits.filter((e) => e.status === 'committed');
  }

  /** Customers in a branch's scope for certain: its own and those it fetched with an answer. */
  certainScope(branch: number): Set<string> {
    const out = new Set<string>();
    for (const c of this.customers.values()) if (c.home === branch && c.status === 'committed') out.add(c.id);
    for (const f of this.fetches) if (f.branch === branch && f.status === 'committed') out.add(f.customerId);
    return out;
  }

  /** Customers a branch may have in scope: certain ones plus fetches whose answer was lost. */
  possibleScope(branch: number): Set<string> {
    const out = this.certainScope(branch);
    for (const f of this.fetches) if (f.branch === branch && f.status !== 'not-committed') out.add(f.customerId);
    return out;
  }
}
