import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { ROW_COLUMNS, toCustomerRow, type CustomerRowRecord } from '../customers/records.js';
import type { CustomerRow } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { parseCalendarDate } from '../../shared/domain/import-values.js';
import { nameSimilarity, SIMILAR_NAME } from '../../shared/domain/matching.js';

export type DuplicateReason = 'nik' | 'phone' | 'email' | 'name_birth';

export interface DuplicateQuery {
  fullName?: string;
  birthDate?: string;
  nik?: string;
  phones?: string[];
  emails?: string[];
  excludeId?: string;
}

/** Strongest evidence first: an identity number, then contact points, then name with birth date. */
const ORDER: DuplicateReason[] = ['nik', 'phone', 'email', 'name_birth'];
const MAX_MATCHES = 10;

/**
 * Duplicate warning while registering (C7): who already has this phone,
 * email or NIK, or a similar name with the same birth date. Every key is
 * normalised the way it is stored (E.164, lower-cased email), so "0812-..."
 * finds "+62 812...". Half-typed values are ignored, never an error.
 */
export class DuplicateFinder {
  private readonly byContact: Statement;
  private readonly byNik: Statement;
  private readonly byBirthDate: Statement;

  constructor(private readonly db: BranchDatabase) {
    this.byContact = db.sqlite.prepare('SELECT DISTINCT p.customer_id FROM contact_points p JOIN customers c ON c.id = p.customer_id WHERE p.kind = ? AND p.value = ? AND p.deleted = 0 AND c.deleted = 0').pluck();
    this.byNik = db.sqlite.prepare('SELECT id FROM customers WHERE nik = ? AND deleted = 0').pluck();
    this.byBirthDate = db.sqlite.prepare('SELECT id, full_name FROM customers WHERE birth_date = ? AND deleted = 0 LIMIT 500');
  }

  find(q: DuplicateQuery): { customer: CustomerRow; reasons: DuplicateReason[] }[] {
    const reasons = new Map<string, Set<DuplicateReason>>();
    const add = (id: string, reason: DuplicateReason) => {
      if (id === q.excludeId) return;
      if (!reasons.has(id)) reasons.set(id, new Set());
      reasons.get(id)!.add(reason);
    };
    const nik = q.nik?.replace(/\s/g, '') ?? '';
    if (/^\d{16}$/.test(nik)) for (const id of this.byNik.all(nik) as string[]) add(id, 'nik');
    for (const raw of q.phones ?? []) {
      const phone = raw.trim() ? normalisePhone(raw) : null;
      if (phone) for (const id of this.byContact.all('phone', phone.e164) as string[]) add(id, 'phone');
    }
    for (const raw of q.emails ?? []) {
      const email = raw.trim().toLowerCase();
      if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) for (const id of this.byContact.all('email', email) as string[]) add(id, 'email');
    }
    const birthDate = q.birthDate ? parseCalendarDate(q.birthDate) : null;
    const name = q.fullName?.trim() ?? '';
    if (birthDate && name.length >= 3) {
      for (const c of this.byBirthDate.all(birthDate) as { id: string; full_name: string }[]) {
        if (nameSimilarity(name, c.full_name) >= SIMILAR_NAME) add(c.id, 'name_birth');
      }
    }
    if (reasons.size === 0) return [];
    const rows = this.db.sqlite
      .prepare(`SELECT ${ROW_COLUMNS} FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify([...reasons.keys()])) as CustomerRowRecord[];
    const rank = (r: DuplicateReason[]) => Math.min(...r.map((x) => ORDER.indexOf(x))) - r.length / 10;
    return rows
      .map((row) => ({ customer: toCustomerRow(row), reasons: ORDER.filter((r) => reasons.get(row.id)!.has(r)) }))
      .sort((a, b) => rank(a.reasons) - rank(b.reasons) || a.customer.fullName.localeCompare(b.customer.fullName))
      .slice(0, MAX_MATCHES);
  }
}
