import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { contactPoints, customers } from '../db/schema.js';
import type { CustomerCreate, CustomerPatch } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { foldName } from '../../shared/domain/text.js';
import { newId } from '../../shared/domain/ids.js';
import { searchDocument } from './records.js';
import type { ChangeCapture } from '../sync/capture.js';

/**
 * The only code that writes customers and their contact points. Each
 * function runs inside a transaction opened by the service, and keeps the
 * search index in step in that same transaction. Change capture for sync
 * hooks in here, so no write path can bypass it.
 */

type ContactInsert = typeof contactPoints.$inferInsert;

export class CustomerWriter {
  private readonly ftsDelete: Statement;
  private readonly ftsInsert: Statement;
  private readonly insertCustomer;
  private readonly insertContact;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.ftsDelete = db.sqlite.prepare('DELETE FROM customer_search WHERE rowid = ?');
    this.ftsInsert = db.sqlite.prepare('INSERT INTO customer_search (rowid, name, contact, ident) VALUES (?, ?, ?, ?)');
    this.insertCustomer = db.orm.insert(customers).values(placeholders(customers) as never).returning({ seq: customers.seq }).prepare();
    this.insertContact = db.orm.insert(contactPoints).values(placeholders(contactPoints) as never).prepare();
  }

  insert(input: CustomerCreate, meta: { customerNumber: string; homeBranchId: string; userId: string; now: string }): string {
    const id = newId();
    const { seq } = this.insertCustomer.get({
      id,
      customerNumber: meta.customerNumber,
      ...EMPTY_PROFILE,
      ...profileColumns(input),
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
      deleted: 0,
    } as never) as { seq: number };
    this.capture.record('customers', id, null, meta.now);
    const contacts = contactRows(id, input, meta.now);
    for (const c of contacts) {
      this.insertContact.run(c as never);
      this.capture.record('contact_points', c.id!, null, meta.now);
    }
    this.index(seq, {
      fullName: input.fullName,
      nickname: input.nickname ?? null,
      customerNumber: meta.customerNumber,
      nik: input.nik ?? null,
    }, contacts);
    return id;
  }

  update(seq: number, id: string, patch: CustomerPatch, meta: { userId: string; now: string }): void {
    const set: Partial<typeof customers.$inferInsert> = { ...profileColumns(patch), updatedAt: meta.now, updatedBy: meta.userId };
    if (patch.fullName !== undefined) {
      set.fullName = patch.fullName;
      set.sortName = foldName(patch.fullName);
    }
    if (patch.tags !== undefined) set.tags = JSON.stringify(dedupe(patch.tags));
    if (patch.lifecycleStage !== undefined) set.lifecycleStage = patch.lifecycleStage;
    const before = this.capture.snapshot('customers', id);
    this.db.orm.update(customers).set(set).where(eq(customers.id, id)).run();
    this.capture.record('customers', id, before, meta.now);
    if (patch.phones !== undefined || patch.emails !== undefined) this.replaceContacts(id, patch, meta.now);
    this.reindex(seq, id);
  }

  setArchived(id: string, archivedAt: string | null, meta: { userId: string; now: string }): void {
    const before = this.capture.snapshot('customers', id);
    this.db.orm
      .update(customers)
      .set({ archivedAt, updatedAt: meta.now, updatedBy: meta.userId })
      .where(eq(customers.id, id))
      .run();
    this.capture.record('customers', id, before, meta.now);
  }

  /** Rebuilds the search documents of these customers (after sync applied rows). */
  reindexIds(ids: string[]): void {
    const seqOf = this.db.sqlite.prepare('SELECT seq FROM customers WHERE id = ?').pluck();
    for (const id of new Set(ids)) {
      const seq = seqOf.get(id) as number | undefined;
      if (seq !== undefined) this.reindex(seq, id);
    }
  }

  /** Rebuilds one customer's search document from the stored rows. */
  reindex(seq: number, id: string): void {
    const c = this.db.orm.select().from(customers).where(eq(customers.id, id)).get();
    if (!c) return;
    const contacts = this.db.orm
      .select()
      .from(contactPoints)
      .where(and(eq(contactPoints.customerId, id), eq(contactPoints.deleted, false)))
      .all();
    this.index(seq, c, contacts);
  }

  private index(
    seq: number,
    c: { fullName: string; nickname: string | null; customerNumber: string; nik: string | null },
    contacts: Pick<ContactInsert, 'kind' | 'value'>[],
  ): void {
    const doc = searchDocument(
      c,
      contacts.filter((p) => p.kind === 'phone').map((p) => p.value),
      contacts.filter((p) => p.kind === 'email').map((p) => p.value),
    );
    this.ftsDelete.run(seq);
    this.ftsInsert.run(seq, doc.name, doc.contact, doc.ident);
  }

  /**
   * Phones and emails arrive as the whole new list. A contact whose value is
   * unchanged keeps its id (so its history and flags stay attached); one that
   * disappeared becomes a tombstone; a new one is inserted.
   */
  private replaceContacts(customerId: string, patch: CustomerPatch, now: string): void {
    const existing = this.db.orm
      .select()
      .from(contactPoints)
      .where(and(eq(contactPoints.customerId, customerId), eq(contactPoints.deleted, false)))
      .all();
    for (const kind of ['phone', 'email'] as const) {
      const list = kind === 'phone' ? patch.phones : patch.emails;
      if (list === undefined) continue;
      const wanted = contactRows(customerId, kind === 'phone' ? { phones: patch.phones } : { emails: patch.emails }, now);
      const byValue = new Map(existing.filter((p) => p.kind === kind).map((p) => [p.value, p]));
      for (const w of wanted) {
        const old = byValue.get(w.value);
        if (old) {
          byValue.delete(w.value);
          const before = this.capture.snapshot('contact_points', old.id);
          this.db.orm
            .update(contactPoints)
            .set({
              label: w.label,
              whatsapp: w.whatsapp,
              verified: w.verified,
              invalid: w.invalid,
              isPrimary: w.isPrimary,
              position: w.position,
              updatedAt: now,
            })
            .where(eq(contactPoints.id, old.id))
            .run();
          this.capture.record('contact_points', old.id, before, now);
        } else {
          this.insertContact.run(w as never);
          this.capture.record('contact_points', w.id!, null, now);
        }
      }
      for (const gone of byValue.values()) {
        const before = this.capture.snapshot('contact_points', gone.id);
        this.db.orm.update(contactPoints).set({ deleted: true, updatedAt: now }).where(eq(contactPoints.id, gone.id)).run();
        this.capture.record('contact_points', gone.id, before, now);
      }
    }
  }
}

/** A new customer's optional columns, before the input fills some in. */
const EMPTY_PROFILE = {
  nickname: null,
  nik: null,
  birthDate: null,
  gender: null,
  occupation: null,
  notes: null,
  addressLine: null,
  city: null,
  province: null,
  postalCode: null,
};

/** Profile columns present in a create or patch input (undefined = not given). */
function profileColumns(input: CustomerPatch): Partial<typeof customers.$inferInsert> {
  const out: Partial<typeof customers.$inferInsert> = {};
  if (input.nickname !== undefined) out.nickname = input.nickname;
  if (input.nik !== undefined) out.nik = input.nik;
  if (input.birthDate !== undefined) out.birthDate = input.birthDate;
  if (input.gender !== undefined) out.gender = input.gender;
  if (input.occupation !== undefined) out.occupation = input.occupation;
  if (input.notes !== undefined) out.notes = input.notes;
  if (input.address !== undefined) {
    const a = input.address;
    if (a.line !== undefined) out.addressLine = a.line;
    if (a.city !== undefined) out.city = a.city;
    if (a.province !== undefined) out.province = a.province;
    if (a.postalCode !== undefined) out.postalCode = a.postalCode;
  }
  return out;
}

function contactRows(customerId: string, input: Pick<CustomerPatch, 'phones' | 'emails'>, now: string): ContactInsert[] {
  const base = { customerId, createdAt: now, updatedAt: now, deleted: false };
  const phones = (input.phones ?? []).map((p, i): ContactInsert => {
    const n = normalisePhone(p.number)!; // validated by the contract schema
    return {
      ...base,
      id: newId(),
      kind: 'phone',
      value: n.e164,
      phoneKind: n.kind,
      label: p.label,
      whatsapp: p.whatsapp,
      verified: p.verified,
      invalid: p.invalid,
      isPrimary: i === 0,
      position: i,
    };
  });
  const emails = (input.emails ?? []).map((e, i): ContactInsert => ({
    ...base,
    id: newId(),
    kind: 'email',
    value: e.address,
    phoneKind: null,
    label: null,
    whatsapp: false,
    verified: e.verified,
    invalid: e.invalid,
    isPrimary: i === 0,
    position: i,
  }));
  return [...phones, ...emails];
}

function dedupe(tags: string[]): string[] {
  return [...new Set(tags)];
}

/** values({ col: sql.placeholder('col') ... }) for every column of a table. */
function placeholders(table: Parameters<typeof getTableColumns>[0]): Record<string, unknown> {
  return Object.fromEntries(Object.keys(getTableColumns(table))
      .filter((k) => k !== 'seq') // assigned by SQLite
      .map((k) => [k, sql.placeholder(k)]));
}
