import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';

/** Facts about this branch, kept in branch_settings. */
export interface BranchIdentity {
  branchId: string;
  branchCode: string;
  branchName: string;
  timeZone: BranchTimeZone;
}

export class BranchSettings {
  constructor(private readonly db: BranchDatabase) {}

  /**
   * Prepared once: sync reads and writes its cursor and clock here on every page, and the query
   * builder prepared a statement on each call (about 1.5 ms a call, 60 ms of a 100,000-row initial sync).
   */
  private statements?: { get: Statement; set: Statement };

  private prepared(): { get: Statement; set: Statement } {
    return (this.statements ??= {
      get: this.db.sqlite.prepare('SELECT value FROM branch_settings WHERE key = ?').pluck(),
      set: this.db.sqlite.prepare('INSERT INTO branch_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    });
  }

  get(key: string): string | null {
    return (this.prepared().get.get(key) as string | undefined) ?? null;
  }

  set(key: string, value: string): void {
    this.prepared().set.run(key, value);
  }

  identity(): BranchIdentity | null {
    const branchId = this.get('branch_id');
    if (!branchId) return null;
    return {
      branchId,
      branchCode: this.get('branch_code') ?? '',
      branchName: this.get('branch_name') ?? '',
      timeZone: (this.get('time_zone') ?? 'WIB') as BranchTimeZone,
    };
  }

  /**
   * Reserves `count` customer numbers and returns the first. Called inside the
   * customer-writing transaction, so a rolled-back create gives its number back.
   * Numbers are prefixed with the branch code, so two branches never collide.
   */
  reserveCustomerNumbers(count: number): number {
    const next = Number(this.get('next_customer_number') ?? '1');
    this.set('next_customer_number', String(next + count));
    return next;
  }
}

export function formatCustomerNumber(branchCode: string, n: number): string {
  return `${branchCode}-${String(n).padStart(6, '0')}`;
}
