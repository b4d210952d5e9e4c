import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import type { Asset, AssetInput, Need, Sensitive } from '../../shared/domain/profile.js';

/**
 * Assets, needs and wants, and sensitive data of a customer: reads, and
 * writes inside the caller's ChangeCapture transaction.
 */

interface AssetRow {
  id: string;
  customer_id: string;
  kind: Asset['kind'];
  label: string;
  identifier: string | null;
  year: number | null;
  due_kind: Asset['dueKind'];
  due_date: string | null;
  notes: string | null;
  updated_at: string;
}

const toAsset = (r: AssetRow): Asset => ({
  id: r.id,
  customerId: r.customer_id,
  kind: r.kind,
  label: r.label,
  identifier: r.identifier,
  year: r.year,
  dueKind: r.due_kind,
  dueDate: r.due_date,
  notes: r.notes,
  updatedAt: r.updated_at,
});

export class AssetStore {
  private readonly byCustomer: Statement;
  private readonly byId: Statement;
  private readonly insert: CapturedInsert;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.insert = capture.insertStatement(
      'customer_assets',
      'INSERT INTO customer_assets (id, customer_id, kind, label, identifier, year, due_kind, due_date, notes, created_at, updated_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)',
    );
    // Soonest due first, then the ones without a due date by name.
    this.byCustomer = db.sqlite.prepare('SELECT * FROM customer_assets WHERE customer_id = ? AND deleted = 0 ORDER BY due_date IS NULL, due_date, label');
    this.byId = db.sqlite.prepare('SELECT * FROM customer_assets WHERE id = ? AND deleted = 0');
  }

  ofCustomer(customerId: string): Asset[] {
    return (this.byCustomer.all(customerId) as AssetRow[]).map(toAsset);
  }

  get(id: string): Asset {
    const row = this.byId.get(id) as AssetRow | undefined;
    if (!row) throw new AppError('NOT_FOUND');
    return toAsset(row);
  }

  save(input: AssetInput, now: string): string {
    const values = [input.kind, input.label, input.identifier ?? null, input.year ?? null, input.dueKind ?? null, input.dueDate ?? null, input.notes ?? null];
    if (input.id) {
      const current = this.get(input.id);
      if (current.customerId !== input.customerId) throw new AppError('NOT_FOUND');
      const before = this.capture.snapshot('customer_assets', input.id);
      this.db.sqlite
        .prepare('UPDATE customer_assets SET kind = ?, label = ?, identifier = ?, year = ?, due_kind = ?, due_date = ?, notes = ?, updated_at = ? WHERE id = ?')
        .run(...values, now, input.id);
      this.capture.record('customer_assets', input.id, before, now);
      return input.id;
    }
    const id = newId();
    this.insert(now, id, input.customerId, ...values, now, now);
    return id;
  }

  remove(id: string, now: string): void {
    this.get(id);
    const before = this.capture.snapshot('customer_assets', id);
    this.db.sqlite.prepare('UPDATE customer_assets SET deleted = 1, updated_at = ? WHERE id = ?').run(now, id);
    this.capture.record('customer_assets', id, before, now);
  }
}

interface NeedRow {
  id: string;
  customer_id: string;
  kind: Need['kind'];
  text: string;
  staff_name: string;
  created_at: string;
}

const toNeed = (r: NeedRow): Need => ({ id: r.id, customerId: r.customer_id, kind: r.kind, text: r.text, staffName: r.staff_name, createdAt: r.created_at });

export class NeedStore {
  private readonly byCustomer: Statement;
  private readonly byId: Statement;
  private readonly insert: CapturedInsert;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.insert = capture.insertStatement('customer_needs', 'INSERT INTO customer_needs (id, customer_id, kind, text, staff_id, staff_name, created_at, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, 0)');
    this.byCustomer = db.sqlite.prepare('SELECT * FROM customer_needs WHERE customer_id = ? AND deleted = 0 ORDER BY created_at DESC, id DESC');
    this.byId = db.sqlite.prepare('SELECT * FROM customer_needs WHERE id = ? AND deleted = 0');
  }

  ofCustomer(customerId: string): Need[] {
    return (this.byCustomer.all(customerId) as NeedRow[]).map(toNeed);
  }

  add(input: { customerId: string; kind: Need['kind']; text: string }, author: { userId: string; staffName: string; now: string }): Need {
    const id = newId();
    this.insert(author.now, id, input.customerId, input.kind, input.text, author.userId, author.staffName, author.now);
    return toNeed(this.byId.get(id) as NeedRow);
  }

  remove(id: string, now: string): void {
    if (!this.byId.get(id)) throw new AppError('NOT_FOUND');
    const before = this.capture.snapshot('customer_needs', id);
    this.db.sqlite.prepare('UPDATE customer_needs SET deleted = 1 WHERE id = ?').run(id);
    this.capture.record('customer_needs', id, before, now);
  }
}

interface SensitiveRow {
  customer_id: string;
  health_conditions: string | null;
  financial_notes: string | null;
  children: string | null;
  export_consent: number;
  updated_at: string;
}

export class SensitiveStore {
  private readonly byCustomer: Statement;
  private readonly recorded: Statement;
  private readonly insert: CapturedInsert;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
  ) {
    this.insert = capture.insertStatement(
      'customer_sensitive',
      'INSERT INTO customer_sensitive (id, customer_id, health_conditions, financial_notes, children, export_consent, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    // The customer's own row has the customer's id (see profile/schema.ts). After a merge of
    // duplicates (B6) the merged-away customer's row points here too: it fills what ours lacks.
    this.byCustomer = db.sqlite.prepare('SELECT * FROM customer_sensitive WHERE customer_id = ? ORDER BY id = customer_id DESC, updated_at DESC');
    this.recorded = db.sqlite
      .prepare("SELECT 1 FROM customer_sensitive WHERE customer_id = ? AND (coalesce(health_conditions, '') <> '' OR coalesce(financial_notes, '') <> '' OR coalesce(children, '') <> '')")
      .pluck();
  }

  get(customerId: string): Sensitive {
    const rows = this.byCustomer.all(customerId) as SensitiveRow[];
    const first = <K extends 'health_conditions' | 'financial_notes' | 'children'>(key: K) => rows.find((r) => r[key])?.[key] ?? null;
    return {
      customerId,
      healthConditions: first('health_conditions'),
      financialNotes: first('financial_notes'),
      children: first('children'),
      exportConsent: Boolean(rows[0]?.export_consent),
      updatedAt: rows[0]?.updated_at ?? null,
    };
  }

  isRecorded(customerId: string): boolean {
    return this.recorded.get(customerId) !== undefined;
  }

  update(customerId: string, patch: { healthConditions?: string | null; financialNotes?: string | null; children?: string | null; exportConsent?: boolean }, author: { userId: string; now: string }): string[] {
    const current = this.get(customerId);
    const next = {
      healthConditions: patch.healthConditions !== undefined ? patch.healthConditions : current.healthConditions,
      financialNotes: patch.financialNotes !== undefined ? patch.financialNotes : current.financialNotes,
      children: patch.children !== undefined ? patch.children : current.children,
      exportConsent: patch.exportConsent ?? current.exportConsent,
    };
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== current[k]);
    if (changed.length === 0) return [];
    // Always the customer's own row, which then holds every value shown (merged ones included).
    const before = this.capture.snapshot('customer_sensitive', customerId);
    const values = [next.healthConditions, next.financialNotes, next.children, next.exportConsent ? 1 : 0];
    if (before) {
      this.db.sqlite
        .prepare('UPDATE customer_sensitive SET health_conditions = ?, financial_notes = ?, children = ?, export_consent = ?, updated_at = ?, updated_by = ? WHERE id = ?')
        .run(...values, author.now, author.userId, customerId);
      this.capture.record('customer_sensitive', customerId, before, author.now);
    } else {
      this.insert(author.now, customerId, customerId, ...values, author.now, author.now, author.userId);
    }
    return changed;
  }
}
