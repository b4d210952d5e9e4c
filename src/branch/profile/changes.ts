import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import { newId } from '../../shared/domain/ids.js';
import { PROFILE_CHANGE_SOURCES } from '../../shared/domain/profile.js';

export type ProfileChangeSource = (typeof PROFILE_CHANGE_SOURCES)[number];

export interface ChangeAuthor {
  userId: string;
  staffName: string;
  branchId: string;
  now: string;
}

/** Customer columns as the contract names them, for "what changed" in the timeline. */
const FIELD_OF_COLUMN: Record<string, string> = {
  full_name: 'fullName', nickname: 'nickname', nik: 'nik', birth_date: 'birthDate', gender: 'gender', occupation: 'occupation',
  address_line: 'address', city: 'address', province: 'address', postal_code: 'address', tags: 'tags', lifecycle_stage: 'lifecycleStage',
  notes: 'notes', archived_at: 'archived', deleted: 'deleted', hobbies: 'hobbies', likes: 'likes', dislikes: 'dislikes', ambitions: 'ambitions',
  shopping_habits: 'shoppingHabits', preferred_channel: 'preferredChannel', preferred_contact_time: 'preferredContactTime',
  preferred_language: 'preferredLanguage', external_ref: 'externalRef',
};

/** Contract field names of the customer columns that differ between two snapshots (bookkeeping columns left out). */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const out = new Set<string>();
  for (const [column, field] of Object.entries(FIELD_OF_COLUMN)) if (before[column] !== after[column]) out.add(field);
  return [...out];
}

/**
 * The timeline's "profile changes" (C5): which fields changed, when, by
 * whom, from which source. Values are not kept: the customer row has the
 * current ones, and sensitive values must never reach a list anyone can see.
 */
export class ProfileChangeLog {
  private readonly insert: CapturedInsert;

  constructor(
    db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.insert = this.capture.insertStatement('profile_changes',
      'INSERT INTO profile_changes (id, customer_id, branch_id, changed_at, source, fields, staff_id, staff_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Records one change inside the caller's transaction; nothing when no field changed. */
  record(customerId: string, source: ProfileChangeSource, fields: string[], author: ChangeAuthor): void {
    if (fields.length === 0) return;
    const id = newId();
    this.insert(author.now, id, customerId, author.branchId, author.now, source, JSON.stringify(fields), author.userId, author.staffName);
  }
}
