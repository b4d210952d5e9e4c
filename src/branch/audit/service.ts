import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { Actor } from '../../shared/api/procedure.js';
import { newId } from '../../shared/domain/ids.js';

export type AuditAction = 'export' | 'import' | 'import_undo' | 'sensitive_view' | 'sensitive_edit';

export interface AuditEntry {
  id: string;
  at: string;
  username: string;
  role: string;
  action: AuditAction;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

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

  constructor(
    db: BranchDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insert = db.sqlite.prepare(
      'INSERT INTO audit_log (id, at, user_id, username, role, action, subject_type, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.latest = db.sqlite.prepare('SELECT id, at, username, role, action, subject_type, subject_id, detail FROM audit_log ORDER BY seq DESC LIMIT ?');
  }

  record(actor: UserActor, action: AuditAction, subjectType: string, subjectId: string | null, detail: Record<string, unknown> = {}): void {
    this.insert.run(newId(), this.now().toISOString(), actor.userId, actor.username, actor.role, action, subjectType, subjectId, JSON.stringify(detail));
  }

  list(limit: number): AuditEntry[] {
    return (this.latest.all(limit) as { id: string; at: string; username: string; role: string; action: AuditAction; subject_type: string; subject_id: string | null; detail: string }[]).map((r) => ({
      id: r.id,
      at: r.at,
      username: r.username,
      role: r.role,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
