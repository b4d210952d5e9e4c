import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { inverseRelation, type FamilyMember, type Relation } from '../../shared/domain/profile.js';

interface LinkRow {
  id: string;
  customer_id: string;
  related_customer_id: string;
  relation: Relation;
}

/**
 * Family members (C1) as links between customers. A link is stored once, on
 * the side of the customer whose profile it was entered in, and read from
 * both sides: if Budi's profile says Siti is his spouse, Siti's says Budi is
 * hers; if it says Ani is his child, Ani's says Budi is her parent.
 */
export class RelationStore {
  private readonly links: Statement;
  private readonly names: Statement;
  private readonly exists: Statement;
  private readonly insert: CapturedInsert;
  private readonly update: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.links = db.sqlite.prepare(
      'SELECT id, customer_id, related_customer_id, relation FROM customer_relations WHERE (customer_id = ? OR related_customer_id = ?) AND deleted = 0 ORDER BY seq',
    );
    this.names = db.sqlite.prepare('SELECT customer_number, full_name FROM customers WHERE id = ? AND deleted = 0');
    this.exists = db.sqlite.prepare('SELECT 1 FROM customers WHERE id = ? AND deleted = 0').pluck();
    this.insert = this.capture.insertStatement('customer_relations',
      'INSERT INTO customer_relations (id, customer_id, related_customer_id, relation, created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, 0)',
    );
    this.update = db.sqlite.prepare('UPDATE customer_relations SET relation = ?, deleted = ?, updated_at = ? WHERE id = ?');
  }

  /** The family as seen from this customer. */
  familyOf(customerId: string): FamilyMember[] {
    return (this.links.all(customerId, customerId) as LinkRow[]).map((link) => {
      const mine = link.customer_id === customerId;
      const otherId = mine ? link.related_customer_id : link.customer_id;
      const other = this.names.get(otherId) as { customer_number: string; full_name: string } | undefined;
      return {
        relationId: link.id,
        customerId: otherId,
        customerNumber: other?.customer_number ?? null,
        fullName: other?.full_name ?? null,
        relation: mine ? link.relation : inverseRelation(link.relation),
      };
    });
  }

  /**
   * Makes the family of `customerId` exactly `wanted` (inside the caller's
   * transaction). Unchanged links keep their row; a changed relation is an
   * edit of the existing row; a removed one becomes a tombstone. Returns
   * whether anything changed.
   */
  replaceFamily(customerId: string, wanted: { customerId: string; relation: Relation }[], now: string): boolean {
    wanted.forEach((w, i) => {
      if (w.customerId === customerId) throw new AppError('VALIDATION_FAILED', [{ path: ['family', i, 'customerId'], code: 'self_relation' }]);
      if (this.exists.get(w.customerId) === undefined) {
        throw new AppError('VALIDATION_FAILED', [{ path: ['family', i, 'customerId'], code: 'unknown_customer' }]);
      }
    });
    const current = this.links.all(customerId, customerId) as LinkRow[];
    const byOther = new Map(current.map((l) => [l.customer_id === customerId ? l.related_customer_id : l.customer_id, l]));
    let changed = false;
    for (const w of wanted) {
      const link = byOther.get(w.customerId);
      byOther.delete(w.customerId);
      if (!link) {
        const id = newId();
        this.insert(now, id, customerId, w.customerId, w.relation, now, now);
        changed = true;
        continue;
      }
      // Stored from the other side: keep it there, in that side's words.
      const stored = link.customer_id === customerId ? w.relation : inverseRelation(w.relation);
      if (stored !== link.relation) {
        this.write(link.id, stored, false, now);
        changed = true;
      }
    }
    for (const gone of byOther.values()) {
      this.write(gone.id, gone.relation, true, now);
      changed = true;
    }
    return changed;
  }

  private write(id: string, relation: Relation, deleted: boolean, now: string): void {
    const before = this.capture.snapshot('customer_relations', id);
    this.update.run(relation, deleted ? 1 : 0, now, id);
    this.capture.record('customer_relations', id, before, now);
  }
}
