import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CustomerKeys } from './customer-rows.js';
import type { TransactionKey } from './transaction-rows.js';

/**
 * Update-or-create (C8): which existing customer a row means, found on
 * normalised keys in order of strength: the outside system's number, NIK,
 * phone (E.164), email. Keys that point at two different customers make the
 * row ambiguous: it is reported, never guessed. A dry run (preview, the
 * check before "refuse all") also remembers the customers earlier rows of
 * the same file would create, so a file listing one person twice is read
 * as one create and one update, as the real run will do it.
 */
export class CustomerMatcher {
  private readonly byRef: Statement;
  private readonly byNik: Statement;
  private readonly byNumber: Statement;
  private readonly byContact: Statement;
  private readonly planned = new Map<string, string>();
  private readonly cache = new Map<string, string | null>();
  private readonly chunkQueries: Record<'r' | 'n' | 'p' | 'e', Statement>;
  /** A chunk's keys looked up at once (prefetch): key -> the customers holding it. */
  private known: Map<string, string[]> | null = null;

  constructor(db: BranchDatabase) {
    this.byRef = db.sqlite.prepare('SELECT id FROM customers WHERE external_ref = ? AND deleted = 0').pluck();
    this.byNik = db.sqlite.prepare('SELECT id FROM customers WHERE nik = ? AND deleted = 0').pluck();
    this.byNumber = db.sqlite.prepare('SELECT id FROM customers WHERE customer_number = ? AND deleted = 0').pluck();
    this.byContact = db.sqlite
      .prepare('SELECT DISTINCT p.customer_id FROM contact_points p JOIN customers c ON c.id = p.customer_id WHERE p.kind = ? AND p.value = ? AND p.deleted = 0 AND c.deleted = 0')
      .pluck();
    const contacts = (kind: string) =>
      db.sqlite.prepare(
        `SELECT DISTINCT p.value AS k, p.customer_id AS id FROM contact_points p JOIN customers c ON c.id = p.customer_id
         WHERE p.kind = '${kind}' AND p.value IN (SELECT value FROM json_each(?)) AND p.deleted = 0 AND c.deleted = 0`,
      );
    this.chunkQueries = {
      r: db.sqlite.prepare('SELECT external_ref AS k, id FROM customers WHERE external_ref IN (SELECT value FROM json_each(?)) AND deleted = 0'),
      n: db.sqlite.prepare('SELECT nik AS k, id FROM customers WHERE nik IN (SELECT value FROM json_each(?)) AND deleted = 0'),
      p: contacts('phone'),
      e: contacts('email'),
    };
  }

  /**
   * Looks up the keys of a chunk's rows with one query per kind of key
   * instead of a query per key per row; matchCustomer then answers from
   * memory. Valid until the database changes under it other than by new
   * customers the matcher was told of (plan): call forget() after an update.
   */
  prefetch(rows: CustomerKeys[]): void {
    const wanted = { r: new Set<string>(), n: new Set<string>(), p: new Set<string>(), e: new Set<string>() };
    for (const k of rows) {
      if (k.externalRef) wanted.r.add(k.externalRef);
      if (k.nik) wanted.n.add(k.nik);
      for (const p of k.phones) wanted.p.add(p);
      for (const e of k.emails) wanted.e.add(e);
    }
    const known = new Map<string, string[]>();
    for (const kind of ['r', 'n', 'p', 'e'] as const) {
      if (wanted[kind].size === 0) continue;
      for (const v of wanted[kind]) known.set(`${kind}:${v}`, []);
      for (const row of this.chunkQueries[kind].all(JSON.stringify([...wanted[kind]])) as { k: string; id: string }[]) known.get(`${kind}:${row.k}`)?.push(row.id);
    }
    this.known = known;
  }

  /** Back to a query per key (the database changed in a way prefetch did not see). */
  forget(): void {
    this.known = null;
  }

  /** The customer a customer row means: its id, null for a new one, or 'ambiguous'. */
  matchCustomer(keys: CustomerKeys): string | null | 'ambiguous' {
    const found = new Set<string>();
    const look = (key: string, query: () => string[]) => {
      const planned = this.planned.get(key);
      if (planned) found.add(planned);
      for (const id of this.known?.get(key) ?? query()) found.add(id);
    };
    if (keys.externalRef) look(`r:${keys.externalRef}`, () => this.byRef.all(keys.externalRef) as string[]);
    if (keys.nik) look(`n:${keys.nik}`, () => this.byNik.all(keys.nik) as string[]);
    for (const p of keys.phones) look(`p:${p}`, () => this.byContact.all('phone', p) as string[]);
    for (const e of keys.emails) look(`e:${e}`, () => this.byContact.all('email', e) as string[]);
    if (found.size > 1) return 'ambiguous';
    return found.size === 1 ? [...found][0] : null;
  }

  /** A dry run's customer-to-be: later rows with the same keys match it. */
  plan(keys: CustomerKeys, id: string): void {
    if (keys.externalRef) this.planned.set(`r:${keys.externalRef}`, id);
    if (keys.nik) this.planned.set(`n:${keys.nik}`, id);
    for (const p of keys.phones) this.planned.set(`p:${p}`, id);
    for (const e of keys.emails) this.planned.set(`e:${e}`, id);
  }

  /**
   * The customer of a transaction row. Transaction files repeat a customer
   * on many rows, so answers are cached for the run.
   */
  matchTransaction(keys: TransactionKey[]): string | null | 'ambiguous' {
    const found = new Set<string>();
    for (const k of keys) {
      const cacheKey = `${k.field}:${k.value}`;
      let id = this.cache.get(cacheKey);
      if (id === undefined) {
        const ids = this.queryTransactionKey(k);
        if (ids.length > 1) return 'ambiguous';
        id = ids[0] ?? this.planned.get(`r:${k.value}`) ?? null;
        this.cache.set(cacheKey, id);
      }
      if (id) found.add(id);
    }
    if (found.size > 1) return 'ambiguous';
    return found.size === 1 ? [...found][0] : null;
  }

  /** A customer created (or planned) for a transaction row's outside number. */
  remember(key: TransactionKey, id: string): void {
    this.cache.set(`${key.field}:${key.value}`, id);
    if (key.field === 'customerRef') this.planned.set(`r:${key.value}`, id);
  }

  private queryTransactionKey(k: TransactionKey): string[] {
    switch (k.field) {
      case 'customerRef':
        return this.byRef.all(k.value) as string[];
      case 'customerNumber':
        return this.byNumber.all(k.value) as string[];
      case 'customerNik':
        return this.byNik.all(k.value) as string[];
      case 'customerPhone':
        return this.byContact.all('phone', k.value) as string[];
      case 'customerEmail':
        return this.byContact.all('email', k.value) as string[];
    }
  }
}
