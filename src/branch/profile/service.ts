import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { ChangeCapture } from '../sync/capture.js';
import type { CustomerService, UserActor } from '../customers/service.js';
import type { AuditLog } from '../audit/service.js';
import { AppError } from '../../shared/api/errors.js';
import { SENSITIVE_ROLES } from '../../shared/api/procedures/profile.js';
import { completeness, completenessFacts, type Asset, type AssetInput, type Need, type Sensitive, type TimelineKind } from '../../shared/domain/profile.js';
import { AssetStore, NeedStore, SensitiveStore } from './stores.js';
import { DuplicateFinder, type DuplicateQuery } from './duplicates.js';
import { Timeline } from './timeline.js';

/**
 * Customer 360 (C1, C3-C7): the whole picture of one customer in one call,
 * and the small edits made from it (assets, needs and wants, sensitive
 * data). Each write is one ChangeCapture transaction, so it syncs.
 */
export class ProfileService {
  readonly assets: AssetStore;
  readonly needs: NeedStore;
  readonly sensitive: SensitiveStore;
  readonly timeline: Timeline;
  private readonly duplicates: DuplicateFinder;
  private readonly purchaseStats: Statement;
  private readonly interactionStats: Statement;
  private readonly customerState: Statement;

  constructor(
    db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly customers: CustomerService,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.assets = new AssetStore(db, capture);
    this.needs = new NeedStore(db, capture);
    this.sensitive = new SensitiveStore(db, capture);
    this.timeline = new Timeline(db);
    this.duplicates = new DuplicateFinder(db);
    this.purchaseStats = db.sqlite.prepare(
      "SELECT sum(kind = 'sale') AS n, coalesce(sum(CASE kind WHEN 'sale' THEN amount ELSE -amount END), 0) AS total, max(occurred_at) AS last FROM transactions WHERE customer_id = ? AND voided_at IS NULL",
    );
    this.interactionStats = db.sqlite.prepare('SELECT count(*) AS n, max(occurred_at) AS last FROM interactions WHERE customer_id = ?');
    this.customerState = db.sqlite.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
  }

  profile360(actor: UserActor, id: string, timelineLimit: number) {
    const customer = this.customers.get({ id });
    const needs = this.needs.ofCustomer(id);
    const purchases = this.purchaseStats.get(id) as { n: number | null; total: number; last: string | null };
    const contacts = this.interactionStats.get(id) as { n: number; last: string | null };
    return {
      customer,
      completeness: completeness(completenessFacts(customer, needs.length)),
      assets: this.assets.ofCustomer(id),
      needs,
      stats: {
        purchases: purchases.n ?? 0,
        totalSpent: purchases.total,
        lastPurchaseAt: purchases.last,
        interactions: contacts.n,
        lastInteractionAt: contacts.last,
      },
      timeline: this.timeline.page(id, { limit: timelineLimit }),
      sensitiveRecorded: SENSITIVE_ROLES.includes(actor.role) ? this.sensitive.isRecorded(id) : null,
    };
  }

  timelinePage(customerId: string, options: { before?: { at: string; id: string }; limit: number; kinds?: TimelineKind[] }) {
    this.customers.get({ id: customerId });
    return this.timeline.page(customerId, options);
  }

  findDuplicates(query: DuplicateQuery) {
    return { matches: this.duplicates.find(query) };
  }

  saveAsset(input: AssetInput): Asset {
    const id = this.capture.transaction(() => {
      this.editable(input.customerId);
      return this.assets.save(input, this.now().toISOString());
    });
    return this.assets.get(id);
  }

  removeAsset(id: string): { id: string; removed: true } {
    this.capture.transaction(() => {
      this.editable(this.assets.get(id).customerId);
      this.assets.remove(id, this.now().toISOString());
    });
    return { id, removed: true };
  }

  addNeed(actor: UserActor, input: { customerId: string; kind: Need['kind']; text: string }): Need {
    return this.capture.transaction(() => {
      this.editable(input.customerId);
      return this.needs.add(input, { userId: actor.userId, staffName: actor.displayName, now: this.now().toISOString() });
    });
  }

  removeNeed(id: string): { id: string; removed: true } {
    this.capture.transaction(() => this.needs.remove(id, this.now().toISOString()));
    return { id, removed: true };
  }

  /** Every read is audited (P2), in the same transaction as nothing else: a view is an act of its own. */
  readSensitive(actor: UserActor, customerId: string): Sensitive {
    this.customers.get({ id: customerId });
    const data = this.sensitive.get(customerId);
    this.audit.record(actor, 'sensitive_view', 'customer', customerId);
    return data;
  }

  updateSensitive(actor: UserActor, customerId: string, patch: Parameters<SensitiveStore['update']>[1]): Sensitive {
    this.capture.transaction(() => {
      this.editable(customerId);
      const changed = this.sensitive.update(customerId, patch, { userId: actor.userId, now: this.now().toISOString() });
      // The audit line names the fields, never their values.
      if (changed.length > 0) this.audit.record(actor, 'sensitive_edit', 'customer', customerId, { fields: changed });
    });
    return this.sensitive.get(customerId);
  }

  /** Writes about a customer need the customer to exist and not be archived (like profile edits). */
  private editable(customerId: string): void {
    const state = this.customerState.get(customerId) as { archived_at: string | null; deleted: number } | undefined;
    if (!state || state.deleted) throw new AppError('NOT_FOUND');
    if (state.archived_at) throw new AppError('ARCHIVED');
  }
}
