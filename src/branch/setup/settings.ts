import { eq } from 'drizzle-orm';
import type { BranchDatabase } from '../db/open.js';
import { branchSettings } from '../db/schema.js';
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

  get(key: string): string | null {
    const row = this.db.orm.select().from(branchSettings).where(eq(branchSettings.key, key)).get();
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db.orm
      .insert(branchSettings)
      .values({ key, value })
      .onConflictDoUpdate({ target: branchSettings.key, set: { value } })
      .run();
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
