import { and, eq } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { contactPoints, customers } from '../db/schema.js';
import type { CustomerCreate, CustomerPatch } from '../../shared/domain/customer.js';
import { foldName } from '../../shared/domain/text.js';
import { newId } from '../../shared/domain/ids.js';
import { searchDocument } from './records.js';
import { capturedInsert, capturedInsertMany, contactRows, dedupe, EMPTY_PROFILE, profileColumns, type ContactInsert } from './columns.js';
import type { ChangeCapture, RowSnapshot } from '../sync/capture.js';
import { RelationStore } from '../profile/relations.js';
import { changedFields, ProfileChangeLog, type ChangeAuthor, type ProfileChangeSource } from '../profile/changes.js';

/**
 * The only code that writes customers and their contact points. Each
 * function runs inside a transaction opened by the service, and keeps the
 * search index in step in that same transaction. Change capture for sync
 * hooks in here, so no write path can bypass it; so does the timeline's
 * record of profile changes.
 */

export interface WriteMeta extends ChangeAuthor {
  /** Where the change came from, for the timeline (default: a clerk's edit). */
  source?: ProfileChangeSource;
}

export interface UpdateResult {
  /** Contract names of the fields that changed. */
  fields: string[];
  before: RowSnapshot;
  after: RowSnapshot;
  /** Contact points this update added (an import's undo removes them). */
  createdContactIds: string[];
}

/** Rows per statement in insertMany. */
const BULK = 100;

/** Customer columns an undo may set back; anything else is refused. */
const RESTORABLE = new Set(['full_name', 'nickname', 'nik', 'birth_date', 'gender', 'occupation', 'address_line', 'city', 'province', 'postal_code', 'tags', 'lifecycle_stage', 'notes', 'hobbies', 'likes', 'dislikes', 'ambitions', 'shopping_habits', 'preferred_channel', 'preferred_contact_time', 'preferred_language', 'external_ref']);

/** A new customer's row as the writer inserts it (drizzle property names, every column but seq). */
export function newCustomerRow(id: string, input: CustomerCreate, meta: { customerNumber: string; homeBranchId: string; userId: string; now: string }): Record<string, unknown> {
  // One literal, every column in place (no spreads: V8 builds those on a slow path, and imports call this per row).
  const p = profileColumns(input);
  const row = {
    id,
    customerNumber: meta.customerNumber,
    nickname: p.nickname ?? null,
    nik: p.nik ?? null,
    birthDate: p.birthDate ?? null,
    gender: p.gender ?? null,
    occupation: p.occupation ?? null,
    notes: p.notes ?? null,
    addressLine: p.addressLine ?? null,
    city: p.city ?? null,
    province: p.province ?? null,
    postalCode: p.postalCode ?? null,
    hobbies: p.hobbies ?? null,
    likes: p.likes ?? null,
    dislikes: p.dislikes ?? null,
    ambitions: p.ambitions ?? null,
    shoppingHabits: p.shoppingHabits ?? null,
    preferredChannel: p.preferredChannel ?? null,
    preferredContactTime: p.preferredContactTime ?? null,
    preferredLanguage: p.preferredLanguage ?? null,
    externalRef: p.externalRef ?? null,
    fullName: input.fullName,
    sortName: foldName(input.fullName),
    tags: JSON.stringify(dedupe(input.tags ?? [])),
    lifecycleStage: input.lifecycleStage ?? 'new',
    homeBranchId: meta.homeBranchId,
    createdAt: meta.now,
    updatedAt: meta.now,
    createdBy: meta.userId,
    updatedBy: meta.userId,
    archivedAt: null,
    deleted: false,
  };
  // Every optional column is in the literal (a column left out would be written as NULL anyway).
  void (row satisfies { [K in keyof typeof EMPTY_PROFILE]: unknown });
  return row;
}

export class CustomerWriter {
  readonly relations: RelationStore;
  readonly changes: ProfileChangeLog;
  private readonly ftsDelete: Statement;
  private readonly ftsInsert: Statement;
  /** Insert and outbox entry, from the same values (capturedInsert). */
  private readonly insertCustomer: (row: Record<string, unknown>, now: string) => number;
  private readonly insertContact: (row: Record<string, unknown>, now: string) => number;
  private readonly insertCustomers: (rows: Record<string, unknown>[], now: string) => number;
  private readonly insertContacts: (rows: Record<string, unknown>[], now: string) => number;
  private readonly idAtSeq: Statement;
  /** Prepared once: an import's undo tombstones or archives tens of thousands of rows, and a query built per row was most of its time. */
  private readonly markDeleted: Statement;
  private readonly markArchived: Statement;
  private readonly liveContactIds: Statement;
  private readonly markContactDeleted: Statement;
  private readonly ftsInserts = new Map<number, Statement>();

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.relations = new RelationStore(db, capture);
    this.changes = new ProfileChangeLog(db, capture);
    this.ftsDelete = db.sqlite.prepare('DELETE FROM customer_search WHERE rowid = ?');
    this.ftsInsert = db.sqlite.prepare('INSERT INTO customer_search (rowid, name, contact, ident) VALUES (?, ?, ?, ?)');
    // lastInsertRowid, not RETURNING: RETURNING slows down as the table grows (tests/bench/README.md).
    this.insertCustomer = capturedInsert(db, capture, customers, 'customers');
    this.insertContact = capturedInsert(db, capture, contactPoints, 'contact_points');
    this.insertCustomers = capturedInsertMany(db, capture, customers, 'customers', BULK);
    this.insertContacts = capturedInsertMany(db, capture, contactPoints, 'contact_points', BULK);
    this.idAtSeq = db.sqlite.prepare('SELECT id FROM customers WHERE seq = ?').pluck();
    this.markDeleted = db.sqlite.prepare('UPDATE customers SET deleted = 1, updated_at = ?, updated_by = ? WHERE id = ?');
    this.markArchived = db.sqlite.prepare('UPDATE customers SET archived_at = ?, updated_at = ?, updated_by = ? WHERE id = ?');
    this.liveContactIds = db.sqlite.prepare('SELECT id FROM contact_points WHERE customer_id = ? AND deleted = 0').pluck();
    this.markContactDeleted = db.sqlite.prepare('UPDATE contact_points SET deleted = 1, updated_at = ? WHERE id = ?');
  }

  /**
   * Many new customers at once (an import): the same rows, outbox entries
   * and search documents as insert() one by one, written with one statement
   * per hundred rows. Outbox order: a part's customers, then their contact
   * points (each contact still after its customer).
   */
  insertMany(items: { id: string; input: CustomerCreate; customerNumber: string }[], meta: { homeBranchId: string; userId: string; now: string }): void {
    for (let i = 0; i < items.length; i += BULK) {
      const part = items.slice(i, i + BULK);
      const first = this.insertCustomers(part.map((p) => newCustomerRow(p.id, p.input, { ...meta, customerNumber: p.customerNumber })), meta.now);
      // Consecutive seqs are SQLite's rule for one statement's rows; checked, since the search index is keyed on them.
      if (this.idAtSeq.get(first) !== part[0].id) throw new Error('insertMany: the new customers did not get consecutive seqs');
      const contacts = part.map((p) => contactRows(p.id, p.input, meta.now));
      const flat = contacts.flat();
      for (let j = 0; j < flat.length; j += BULK) this.insertContacts(flat.slice(j, j + BULK), meta.now);
      for (const p of part) if (p.input.family && p.input.family.length > 0) this.relations.replaceFamily(p.id, p.input.family, meta.now);
      const args: unknown[] = [];
      part.forEach((p, k) => {
        const doc = searchDocument(
          { fullName: p.input.fullName, nickname: p.input.nickname ?? null, customerNumber: p.customerNumber, nik: p.input.nik ?? null },
          contacts[k].filter((c) => c.kind === 'phone').map((c) => c.value),
          contacts[k].filter((c) => c.kind === 'email').map((c) => c.value),
        );
        args.push(first + k, doc.name, doc.contact, doc.ident);
      });
      let fts = this.ftsInserts.get(part.length);
      if (!fts) this.ftsInserts.set(part.length, (fts = this.db.sqlite.prepare(`INSERT INTO customer_search (rowid, name, contact, ident) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')}`)));
      fts.run(args);
    }
  }

  insert(input: CustomerCreate, meta: { customerNumber: string; homeBranchId: string; userId: string; now: string }): string {
    const id = newId();
    const seq = this.insertCustomer(newCustomerRow(id, input, meta), meta.now);
    const contacts = contactRows(id, input, meta.now);
    for (const c of contacts) this.insertContact(c, meta.now);
    if (input.family && input.family.length > 0) this.relations.replaceFamily(id, input.family, meta.now);
    this.index(seq, { fullName: input.fullName, nickname: input.nickname ?? null, customerNumber: meta.customerNumber, nik: input.nik ?? null }, contacts, true);
    return id;
  }

  update(seq: number, id: string, patch: CustomerPatch, meta: WriteMeta): UpdateResult {
    const set: Partial<typeof customers.$inferInsert> = { ...profileColumns(patch), updatedAt: meta.now, updatedBy: meta.userId };
    if (patch.fullName !== undefined) {
      set.fullName = patch.fullName;
      set.sortName = foldName(patch.fullName);
    }
    if (patch.tags !== undefined) set.tags = JSON.stringify(dedupe(patch.tags));
    if (patch.lifecycleStage !== undefined) set.lifecycleStage = patch.lifecycleStage;
    const before = this.capture.snapshot('customers', id);
    this.db.orm.update(customers).set(set).where(eq(customers.id, id)).run();
    const after = this.capture.snapshot('customers', id);
    this.capture.record('customers', id, before, meta.now, after);
    const fields = changedFields(before, after);
    let createdContactIds: string[] = [];
    if (patch.phones !== undefined || patch.emails !== undefined) {
      const contacts = this.replaceContacts(id, patch, meta.now);
      createdContactIds = contacts.created;
      fields.push(...contacts.changedKinds.map((k) => (k === 'phone' ? 'phones' : 'emails')));
    }
    if (patch.family !== undefined && this.relations.replaceFamily(id, patch.family, meta.now)) fields.push('family');
    this.reindex(seq, id);
    this.changes.record(id, meta.source ?? 'edit', fields, meta);
    return { fields, before, after, createdContactIds };
  }

  setArchived(id: string, archivedAt: string | null, meta: { userId: string; now: string }): void {
    const before = this.capture.snapshot('customers', id);
    this.markArchived.run(archivedAt, meta.now, meta.userId, id);
    this.capture.record('customers', id, before, meta.now);
  }

  /** Deletes a customer the only way rows are deleted here: a tombstone that syncs, with its contact points, out of search. */
  tombstone(seq: number, id: string, meta: { userId: string; now: string }): void {
    const before = this.capture.snapshot('customers', id);
    this.markDeleted.run(meta.now, meta.userId, id);
    this.capture.record('customers', id, before, meta.now);
    for (const contactId of this.liveContactIds.all(id) as string[]) this.tombstoneContact(contactId, meta.now);
    this.ftsDelete.run(seq);
  }

  tombstoneContact(contactId: string, now: string): void {
    const before = this.capture.snapshot('contact_points', contactId);
    if (!before || before.deleted) return;
    this.markContactDeleted.run(now, contactId);
    this.capture.record('contact_points', contactId, before, now);
  }

  /** Sets customer columns back to earlier values (an import's undo), as a new edit that syncs. */
  restoreColumns(seq: number, id: string, values: Record<string, unknown>, meta: WriteMeta): string[] {
    const columns = Object.keys(values).filter((c) => RESTORABLE.has(c));
    if (columns.length === 0) return [];
    const assignments = columns.map((c) => `"${c}" = ?`);
    const args = columns.map((c) => values[c]);
    if (columns.includes('full_name')) {
      assignments.push('sort_name = ?');
      args.push(foldName(String(values.full_name)));
    }
    const before = this.capture.snapshot('customers', id);
    this.db.sqlite.prepare(`UPDATE customers SET ${assignments.join(', ')}, updated_at = ?, updated_by = ? WHERE id = ?`).run(...args, meta.now, meta.userId, id);
    const after = this.capture.snapshot('customers', id);
    this.capture.record('customers', id, before, meta.now, after);
    const fields = changedFields(before, after);
    this.reindex(seq, id);
    this.changes.record(id, meta.source ?? 'import_undo', fields, meta);
    return fields;
  }

  /**
   * Rebuilds the whole search index when the way documents are built changed
   * (SEARCH_INDEX_VERSION): one pass over customers and their contacts.
   */
  rebuildSearchIndex(): number {
    // Read in pages: better-sqlite3 cannot write while an iterator is open on the same connection.
    const page = this.db.sqlite.prepare('SELECT seq, id, full_name, nickname, customer_number, nik FROM customers WHERE seq > ? ORDER BY seq LIMIT 5000');
    const contactsOf = this.db.sqlite.prepare('SELECT kind, value FROM contact_points WHERE customer_id = ? AND deleted = 0');
    let n = 0;
    this.db.sqlite.transaction(() => {
      this.db.sqlite.prepare("INSERT INTO customer_search (customer_search) VALUES ('delete-all')").run();
      type Row = { seq: number; id: string; full_name: string; nickname: string | null; customer_number: string; nik: string | null };
      for (let rows = page.all(0) as Row[]; rows.length > 0; rows = page.all(rows[rows.length - 1].seq) as Row[]) {
        for (const c of rows) {
          const contacts = contactsOf.all(c.id) as { kind: 'phone' | 'email'; value: string }[];
          this.index(c.seq, { fullName: c.full_name, nickname: c.nickname, customerNumber: c.customer_number, nik: c.nik }, contacts);
          n += 1;
        }
      }
    })();
    return n;
  }

  private searchRows?: Statement;

  /**
   * Search documents for every customer, none of whom has one yet (sync's
   * initial load filled an empty table): read in pages by seq with the live
   * contacts, nothing deleted first. Call inside the load's transaction.
   */
  indexAllFresh(): number {
    const page = this.db.sqlite
      .prepare(
        `SELECT c.seq, c.full_name, c.nickname, c.customer_number, c.nik,
           (SELECT json_group_array(json_array(p.kind, p.value)) FROM contact_points p WHERE p.customer_id = c.id AND p.deleted = 0) AS contacts
         FROM customers c WHERE c.seq > ? ORDER BY c.seq LIMIT 10000`,
      )
      .raw();
    type Row = [number, string, string | null, string, string | null, string];
    let n = 0;
    // FTS5 flushes its pending terms to a new segment whenever they pass `hashsize` (1 MiB by default),
    // and merges segments as they pile up: a larger buffer for the build means fewer of both.
    // (An integer literal: FTS5 refuses the setting bound as a JavaScript number, which binds as a real.)
    const hashsize = (bytes: number) => this.db.sqlite.exec(`INSERT INTO customer_search (customer_search, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`);
    hashsize(32 * 1024 * 1024);
    for (let rows = page.all(0) as Row[]; rows.length > 0; rows = page.all(rows[rows.length - 1][0]) as Row[]) {
      for (const [seq, fullName, nickname, customerNumber, nik, contacts] of rows) {
        const list = contacts === '[]' ? [] : (JSON.parse(contacts) as ['phone' | 'email', string][]).map(([kind, value]) => ({ kind, value }));
        this.index(seq, { fullName, nickname, customerNumber, nik }, list, true);
        n += 1;
      }
    }
    hashsize(1024 * 1024);
    return n;
  }

  /**
   * Rebuilds the search documents of these customers (after sync applied
   * rows): one read for the whole page, customers with their live contacts.
   * Customers in `fresh` were inserted in this transaction and have no
   * document yet, so nothing is deleted for them first.
   */
  reindexIds(ids: string[], fresh: ReadonlySet<string> = new Set()): void {
    if (ids.length === 0) return;
    this.searchRows ??= this.db.sqlite.prepare(
      `SELECT c.seq, c.id, c.full_name AS fullName, c.nickname, c.customer_number AS customerNumber, c.nik,
         (SELECT json_group_array(json_array(p.kind, p.value)) FROM contact_points p WHERE p.customer_id = c.id AND p.deleted = 0) AS contacts
       FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`,
    );
    type Row = { seq: number; id: string; fullName: string; nickname: string | null; customerNumber: string; nik: string | null; contacts: string };
    for (const r of this.searchRows.all(JSON.stringify([...new Set(ids)])) as Row[]) {
      const contacts = (JSON.parse(r.contacts) as ['phone' | 'email', string][]).map(([kind, value]) => ({ kind, value }));
      this.index(r.seq, r, contacts, fresh.has(r.id));
    }
  }

  /** Rebuilds one customer's search document from the stored rows. */
  reindex(seq: number, id: string): void {
    // Raw prepared statements: sync applies pages of thousands of customers through here.
    this.searchSource ??= {
      customer: this.db.sqlite.prepare('SELECT full_name AS fullName, nickname, customer_number AS customerNumber, nik FROM customers WHERE id = ?'),
      contacts: this.db.sqlite.prepare('SELECT kind, value FROM contact_points WHERE customer_id = ? AND deleted = 0'),
    };
    const c = this.searchSource.customer.get(id) as { fullName: string; nickname: string | null; customerNumber: string; nik: string | null } | undefined;
    if (!c) return;
    this.index(seq, c, this.searchSource.contacts.all(id) as Pick<ContactInsert, 'kind' | 'value'>[]);
  }

  private searchSource?: { customer: Statement; contacts: Statement };

  private index(
    seq: number,
    c: { fullName: string; nickname: string | null; customerNumber: string; nik: string | null },
    contacts: Pick<ContactInsert, 'kind' | 'value'>[],
    fresh = false,
  ): void {
    const doc = searchDocument(
      c,
      contacts.filter((p) => p.kind === 'phone').map((p) => p.value),
      contacts.filter((p) => p.kind === 'email').map((p) => p.value),
    );
    if (!fresh) this.ftsDelete.run(seq);
    this.ftsInsert.run(seq, doc.name, doc.contact, doc.ident);
  }

  /**
   * Phones and emails arrive as the whole new list. A contact whose value is
   * unchanged keeps its id (so its history and flags stay attached); one that
   * disappeared becomes a tombstone; a new one is inserted.
   */
  private replaceContacts(customerId: string, patch: CustomerPatch, now: string): { created: string[]; changedKinds: ('phone' | 'email')[] } {
    const existing = this.db.orm
      .select()
      .from(contactPoints)
      .where(and(eq(contactPoints.customerId, customerId), eq(contactPoints.deleted, false)))
      .all();
    const created: string[] = [];
    const changedKinds: ('phone' | 'email')[] = [];
    for (const kind of ['phone', 'email'] as const) {
      const list = kind === 'phone' ? patch.phones : patch.emails;
      if (list === undefined) continue;
      let changed = false;
      const wanted = contactRows(customerId, kind === 'phone' ? { phones: patch.phones } : { emails: patch.emails }, now);
      const byValue = new Map(existing.filter((p) => p.kind === kind).map((p) => [p.value, p]));
      for (const w of wanted) {
        const old = byValue.get(w.value);
        if (old) {
          byValue.delete(w.value);
          const same = old.label === w.label && old.whatsapp === w.whatsapp && old.verified === w.verified && old.invalid === w.invalid && old.isPrimary === w.isPrimary && old.position === w.position;
          if (same) continue;
          const before = this.capture.snapshot('contact_points', old.id);
          this.db.orm
            .update(contactPoints)
            .set({ label: w.label, whatsapp: w.whatsapp, verified: w.verified, invalid: w.invalid, isPrimary: w.isPrimary, position: w.position, updatedAt: now })
            .where(eq(contactPoints.id, old.id))
            .run();
          this.capture.record('contact_points', old.id, before, now);
        } else {
          this.insertContact(w, now);
          created.push(w.id!);
        }
        changed = true;
      }
      for (const gone of byValue.values()) {
        this.tombstoneContact(gone.id, now);
        changed = true;
      }
      if (changed) changedKinds.push(kind);
    }
    return { created, changedKinds };
  }
}
