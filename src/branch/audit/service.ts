import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { Actor } from '../../shared/api/procedure.js';
import { newId } from '../../shared/domain/ids.js';

export type AuditAction = 'export' | 'import' | 'import_undo' | 'sensitive_view' | 'sensitive_edit';

export interface AuditCustomer {
  fullName: string;
  customerNumber: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  username: string;
  /** The staff member's name as the users table has it now; null when the account is not at this branch. */
  displayName: string | null;
  role: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
  /** The customers the entry names (its subject, a customerId in its detail), so the log reads with names, not ids. */
  customers: Record<string, AuditCustomer>;
}

/** Detail keys that hold customer ids (one or a list). */
export const AUDIT_CUSTOMER_KEYS = ['customerId', 'customerIds', 'relatedCustomerId'] as const;

type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The audit log (REQUIREMENTS P2, P5): one line per export, import, undo
 * and view or change of sensitive data. Written in the same transaction as
 * what it records where there is one, so an entry exists exactly when the
 * act happened. The table refuses updates and deletes.
 */
export class AuditLog {
  private readonly insert: Statement;
  private readonly latest: Statement;
  private readonly customerNames: Statement;

  constructor(
    db: BranchDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.sqlite.prepare(
      'INSERT INTO audit_log (id, at, user_id, username, role, action, subject_type, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.latest = db.sqlite.prepare(
      `SELECT a.id, a.at, a.username, u.display_name, a.role, a.action, a.subject_type, a.subject_id, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.seq DESC LIMIT ?`,
    );
    // json_each: one statement for any number of ids.
    this.customerNames = db.sqlite.prepare('SELECT id, full_name, customer_number FROM customers WHERE id IN (SELECT value FROM json_each(?))');
  }

  record(actor: UserActor, action: AuditAction, subjectType: string, subjectId: string | null, detail: Record<string, unknown> = {}): void {
    this.insert.run(newId(), this.now().toISOString(), actor.userId, actor.username, actor.role, action, subjectType, subjectId, JSON.stringify(detail));
  }

  list(limit: number): AuditEntry[] {
    type Row = { id: string; at: string; username: string; display_name: string | null; role: string; action: AuditAction; subject_type: string; subject_id: string | null; detail: string };
    const entries = (this.latest.all(limit) as Row[]).map((r) => ({
      id: r.id,
      at: r.at,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
    const named = (e: (typeof entries)[number]): string[] => {
      const ids = e.subjectType === 'customer' && e.subjectId ? [e.subjectId] : [];
      for (const key of AUDIT_CUSTOMER_KEYS) {
        const v = e.detail[key];
        for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') ids.push(x);
      }
      return ids;
    };
    const wanted = [...new Set(entries.flatMap(named))];
    const found = new Map<string, AuditCustomer>();
    if (wanted.length > 0) {
      for (const c of this.customerNames.all(JSON.stringify(wanted)) as { id: string; full_name: string; customer_number: string }[]) {
        found.set(c.id, { fullName: c.full_name, customerNumber: c.customer_number });
      }
    }
    return entries.map((e) => ({ ...e, customers: Object.fromEntries(named(e).flatMap((id) => (found.has(id) ? [[id, found.get(id)!]] : []))) }));
  }
}
