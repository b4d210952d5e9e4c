import { eq } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { contactPoints, customers } from '../db/schema.js';
import type { Actor } from '../../shared/api/procedure.js';
import { AppError } from '../../shared/api/errors.js';
import type { Customer, CustomerCreate, CustomerPatch, CustomerRow, CustomerSort } from '../../shared/domain/customer.js';
import { BranchSettings, formatCustomerNumber } from '../setup/settings.js';
import { CustomerWriter } from './writes.js';
import { ROW_COLUMNS, SEARCH_INDEX_VERSION, toCustomer, toCustomerRow, type CustomerRowRecord } from './records.js';
import { planSearch, rankRows } from './search.js';
import type { ChangeCapture } from '../sync/capture.js';

export type UserActor = Extract<Actor, { kind: 'user' }>;

export interface ListParams {
  offset: number;
  limit: number;
  sort: CustomerSort;
  direction: 'asc' | 'desc';
  includeArchived: boolean;
}

const SORT_COLUMNS: Record<CustomerSort, string[]> = {
  name: ['c.sort_name'],
  customerNumber: ['c.customer_number'],
  createdAt: ['c.created_at'],
  city: ['c.city', 'c.sort_name'],
};

/** Search looks at this many candidates before ranking; enough for any screen. */
const SEARCH_CANDIDATES = 200;

/**
 * Customers (REQUIREMENTS C1, C2, C7): every read and write of the domain.
 * Writes run in one IMMEDIATE transaction each (or one per batch), so a
 * failure leaves nothing half-written.
 */
export class CustomerService {
  private readonly writer: CustomerWriter;
  private readonly settings: BranchSettings;
  private readonly searchMatch: Statement;
  private readonly byNumber: Statement;
  private readonly byNumberPrefix: Statement;
  private readonly countActive: Statement;
  private readonly countAll: Statement;
  private readonly listStatements = new Map<string, Statement>();
  /** count(*) over a million rows costs milliseconds; cache it until the data changes. */
  private countCache: { key: string; active: number; all: number } | null = null;
  private ownWrites = 0;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.writer = new CustomerWriter(db, capture);
    this.settings = new BranchSettings(db);
    this.searchMatch = db.sqlite.prepare('SELECT rowid FROM customer_search WHERE customer_search MATCH ? LIMIT ?').pluck();
    this.byNumber = db.sqlite.prepare('SELECT seq FROM customers WHERE customer_number = ?').pluck();
    this.byNumberPrefix = db.sqlite.prepare('SELECT seq FROM customers WHERE customer_number >= ? AND customer_number < ? ORDER BY customer_number LIMIT ?').pluck();
    this.countActive = db.sqlite.prepare('SELECT count(*) FROM customers WHERE archived_at IS NULL AND deleted = 0').pluck();
    this.countAll = db.sqlite.prepare('SELECT count(*) FROM customers WHERE deleted = 0').pluck();
  }

  create(actor: UserActor, input: CustomerCreate): Customer {
    const [id] = this.createMany(actor, [input]);
    return this.get({ id });
  }

  /** Many customers in one transaction (imports, demo data); returns their ids. */
  createMany(actor: UserActor, inputs: CustomerCreate[]): string[] {
    return this.write(() => {
      const branch = this.settings.identity();
      if (!branch) throw new AppError('NOT_INITIALISED');
      const first = this.settings.reserveCustomerNumbers(inputs.length);
      const now = this.now().toISOString();
      return inputs.map((input, i) =>
        this.writer.insert(input, {
          customerNumber: formatCustomerNumber(branch.branchCode, first + i),
          homeBranchId: branch.branchId,
          userId: actor.userId,
          now,
        }),
      );
    });
  }

  update(actor: UserActor, id: string, patch: CustomerPatch): Customer {
    this.write(() => {
      const current = this.record(id);
      if (current.archivedAt) throw new AppError('ARCHIVED');
      this.writer.update(current.seq, id, patch, this.author(actor));
    });
    return this.get({ id });
  }

  /** Who is changing a profile, for the timeline's record of profile changes. */
  author(actor: UserActor, now = this.now().toISOString()): { userId: string; staffName: string; branchId: string; now: string } {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    return { userId: actor.userId, staffName: actor.displayName, branchId: branch.branchId, now };
  }

  /** The writer, for features that write customers in their own transactions (imports). */
  get writes(): CustomerWriter {
    return this.writer;
  }

  archive(actor: UserActor, id: string): Customer {
    return this.setArchived(actor, id, true);
  }

  restore(actor: UserActor, id: string): Customer {
    return this.setArchived(actor, id, false);
  }

  get(key: { id: string } | { customerNumber: string }): Customer {
    const c = this.db.orm
      .select()
      .from(customers)
      .where('id' in key ? eq(customers.id, key.id) : eq(customers.customerNumber, key.customerNumber))
      .get();
    if (!c || c.deleted) throw new AppError('NOT_FOUND');
    const contacts = this.db.orm.select().from(contactPoints).where(eq(contactPoints.customerId, c.id)).all();
    return toCustomer(c, contacts, this.writer.relations.familyOf(c.id));
  }

  list(params: ListParams): { total: number; rows: CustomerRow[] } {
    const rows = (this.listStatement(params).all(params.limit, params.offset) as CustomerRowRecord[]).map(toCustomerRow);
    return { total: this.count(params.includeArchived), rows };
  }

  search(params: { query: string; limit: number; includeArchived: boolean }): {
    rows: CustomerRow[];
    matchedAs: 'empty' | 'phone' | 'text';
  } {
    const plan = planSearch(params.query);
    const candidates = Math.min(SEARCH_CANDIDATES, Math.max(60, params.limit * 3));
    let seqs: number[];
    if (plan.customerNumber) {
      const { exact, prefix } = plan.customerNumber;
      seqs = [
        ...(exact ? (this.byNumber.all(exact) as number[]) : []),
        ...(this.byNumberPrefix.all(prefix, `${prefix}\uffff`, candidates) as number[]),
      ];
    } else if (plan.match) {
      seqs = this.searchMatch.all(plan.match, candidates) as number[];
    } else {
      return { rows: [], matchedAs: plan.matchedAs };
    }
    if (seqs.length === 0) return { rows: [], matchedAs: plan.matchedAs };
    const archived = params.includeArchived ? '' : 'AND c.archived_at IS NULL';
    const records = this.db.sqlite
      .prepare(`SELECT ${ROW_COLUMNS} FROM customers c WHERE c.seq IN (SELECT value FROM json_each(?)) AND c.deleted = 0 ${archived}`)
      .all(JSON.stringify(seqs)) as CustomerRowRecord[];
    return { rows: rankRows(params.query, records.map(toCustomerRow)).slice(0, params.limit), matchedAs: plan.matchedAs };
  }

  /** Brings the search index to the current document format, once per format change. */
  ensureSearchIndex(): void {
    const current = String(SEARCH_INDEX_VERSION);
    if (this.settings.get('search_index_version') === current) return;
    this.writer.rebuildSearchIndex();
    this.settings.set('search_index_version', current);
  }

  /** Customers were written outside this service's own calls (an import, its undo): counts are stale. */
  noteWrites(): void {
    this.ownWrites += 1;
  }

  /** Indexes every customer after sync's initial load filled the (empty) table. */
  indexAllFresh(): void {
    this.writer.indexAllFresh();
    this.ownWrites += 1;
  }

  /** Keeps search in step with rows that sync wrote. */
  reindex(ids: string[], fresh?: ReadonlySet<string>): void {
    this.writer.reindexIds(ids, fresh);
    this.ownWrites += 1;
  }

  count(includeArchived = false): number {
    const key = `${this.db.sqlite.pragma('data_version', { simple: true })}:${this.ownWrites}`;
    if (this.countCache?.key !== key) {
      this.countCache = { key, active: this.countActive.get() as number, all: this.countAll.get() as number };
    }
    return includeArchived ? this.countCache.all : this.countCache.active;
  }

  private setArchived(actor: UserActor, id: string, archived: boolean): Customer {
    this.write(() => {
      const current = this.record(id);
      if (Boolean(current.archivedAt) === archived) return;
      const now = this.now().toISOString();
      this.writer.setArchived(id, archived ? now : null, { userId: actor.userId, now });
    });
    return this.get({ id });
  }

  private record(id: string) {
    const c = this.db.orm.select({ seq: customers.seq, archivedAt: customers.archivedAt, deleted: customers.deleted }).from(customers).where(eq(customers.id, id)).get();
    if (!c || c.deleted) throw new AppError('NOT_FOUND');
    return c;
  }

  private write<T>(fn: () => T): T {
    const result = this.capture.transaction(fn);
    this.ownWrites += 1;
    return result;
  }

  private listStatement(p: ListParams): Statement {
    const key = `${p.sort}:${p.direction}:${p.includeArchived}`;
    let stmt = this.listStatements.get(key);
    if (!stmt) {
      const dir = p.direction === 'desc' ? 'DESC' : 'ASC';
      const order = [...SORT_COLUMNS[p.sort], 'c.seq'].map((c) => `${c} ${dir}`).join(', ');
      // The WHERE clause matches the partial indexes' predicate word for word so SQLite can use them.
      const where = p.includeArchived ? 'c.deleted = 0' : 'archived_at IS NULL AND deleted = 0';
      stmt = this.db.sqlite.prepare(`SELECT ${ROW_COLUMNS} FROM customers c WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`);
      this.listStatements.set(key, stmt);
    }
    return stmt;
  }
}
