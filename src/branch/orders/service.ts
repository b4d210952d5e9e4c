import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import type { CatalogueService } from '../catalogue/service.js';
import type { TransactionService } from '../transactions/service.js';
import { BranchSettings } from '../setup/settings.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import type { CatalogueItem } from '../../shared/domain/catalogue.js';
import {
  allocateDiscount,
  formatOrderNumber,
  orderTotals,
  orderTransitionIssue,
  PRICE_OVERRIDE_ROLES,
  type Discount,
  type Order,
  type OrderCreate,
  type OrderLineInput,
  type OrderList,
  type OrderQuery,
  type OrderStatusInput,
  type OrderUpdate,
  type TotalsIssue,
} from '../../shared/domain/order.js';
import { OrderReader, type OrderLineRow, type OrderRow } from './read.js';

type Issue = TotalsIssue;

/** A line ready to be written: what it is, how many, at what price. */
interface PlannedLine {
  id: string | null;
  item: Pick<CatalogueItem, 'id' | 'sku' | 'name' | 'kind'>;
  quantity: number;
  unitPrice: number;
  listPrice: number;
  unitCost: number;
  discount: Discount | null;
}

/**
 * Orders (S2). A draft's lines can change; confirming fixes them; completing
 * writes the purchase (a transaction through TransactionService and one line
 * item per line, the order discount spread over them) in the same
 * transaction as the status, so an order is never completed without its
 * purchase nor counted twice. Only the branch that took an order changes it.
 */
export class OrderService {
  readonly reader: OrderReader;
  private readonly settings: BranchSettings;
  private readonly customerState: Statement;
  private readonly insertOrder: CapturedInsert;
  private readonly insertLine: CapturedInsert;
  private readonly insertLineItem: CapturedInsert;
  private readonly bySku: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly catalogue: CatalogueService,
    private readonly transactions: TransactionService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reader = new OrderReader(db);
    this.settings = new BranchSettings(db);
    this.customerState = db.sqlite.prepare('SELECT archived_at, deleted FROM customers WHERE id = ?');
    this.insertOrder = this.capture.insertStatement('orders',
      `INSERT INTO orders (id, order_number, customer_id, branch_id, status, discount_kind, discount_value, gross, subtotal, line_discounts, order_discount, total, cost, item_count,
         notes, staff_id, staff_name, transaction_id, created_at, updated_at)
       VALUES (@id, @order_number, @customer_id, @branch_id, 'draft', @discount_kind, @discount_value, @gross, @subtotal, @line_discounts, @order_discount, @total, @cost, @item_count,
         @notes, @staff_id, @staff_name, NULL, @now, @now)`,
    );
    this.insertLine = this.capture.insertStatement('order_lines',
      `INSERT INTO order_lines (id, order_id, customer_id, position, catalogue_item_id, sku, name, kind, quantity, unit_price, list_price, unit_cost, discount_kind, discount_value,
         gross, discount, total, created_at, updated_at, deleted)
       VALUES (@id, @order_id, @customer_id, @position, @catalogue_item_id, @sku, @name, @kind, @quantity, @unit_price, @list_price, @unit_cost, @discount_kind, @discount_value,
         @gross, @discount, @total, @now, @now, 0)`,
    );
    this.insertLineItem = this.capture.insertStatement('line_items',
      `INSERT INTO line_items (id, transaction_id, customer_id, branch_id, order_id, product_id, quantity, unit_price, unit_cost, discount, amount, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.bySku = db.sqlite.prepare('SELECT id FROM catalogue_items WHERE sku = ?').pluck();
  }

  create(actor: UserActor, input: OrderCreate): Order {
    const id = newId();
    this.capture.transaction(() => {
      const branch = this.branch();
      this.checkCustomer(input.customerId);
      const planned = this.plan(actor, input.lines, []);
      const discount = input.discount ?? null;
      const totals = this.totalsOrThrow(planned, discount);
      const now = this.now().toISOString();
      const number = Number(this.settings.get('next_order_number') ?? '1');
      this.settings.set('next_order_number', String(number + 1));
      this.insertOrder(now, {
        id,
        order_number: formatOrderNumber(branch.branchCode, number),
        customer_id: input.customerId,
        branch_id: branch.branchId,
        discount_kind: discount?.kind ?? null,
        discount_value: discount?.value ?? null,
        gross: totals.gross,
        subtotal: totals.subtotal,
        line_discounts: totals.lineDiscounts,
        order_discount: totals.orderDiscount,
        total: totals.total,
        cost: totals.cost,
        item_count: totals.itemCount,
        notes: input.notes ?? null,
        staff_id: actor.userId,
        staff_name: actor.displayName,
        now,
      });
      this.writeLines(id, input.customerId, planned, [], totals.lines, now);
    });
    return this.get(id);
  }

  /** Changes a draft: its lines (the whole list), discount or notes. */
  update(actor: UserActor, input: OrderUpdate): Order {
    this.capture.transaction(() => {
      const order = this.owned(input.id);
      if (order.status !== 'draft') throw new AppError('ORDER_STATUS', [{ path: ['status'], code: 'order_not_draft' }]);
      const existing = this.reader.lineRows(order.id);
      const planned = input.lines ? this.plan(actor, input.lines, existing) : existing.map(plannedFromRow);
      const discount = input.discount !== undefined ? input.discount : order.discount_kind ? { kind: order.discount_kind, value: order.discount_value! } : null;
      const totals = this.totalsOrThrow(planned, discount);
      const now = this.now().toISOString();
      const before = this.capture.snapshot('orders', order.id);
      this.db.sqlite
        .prepare(
          `UPDATE orders SET discount_kind = ?, discount_value = ?, gross = ?, subtotal = ?, line_discounts = ?, order_discount = ?, total = ?, cost = ?, item_count = ?,
             notes = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          discount?.kind ?? null, discount?.value ?? null, totals.gross, totals.subtotal, totals.lineDiscounts, totals.orderDiscount, totals.total, totals.cost, totals.itemCount,
          input.notes !== undefined ? input.notes : order.notes, now, order.id,
        );
      this.capture.record('orders', order.id, before, now);
      if (input.lines) this.writeLines(order.id, order.customer_id, planned, existing, totals.lines, now);
    });
    return this.get(input.id);
  }

  /** Moves an order along draft -> confirmed -> paid -> completed, or cancels it. */
  setStatus(input: OrderStatusInput): Order {
    this.capture.transaction(() => {
      const order = this.owned(input.id);
      const issue = orderTransitionIssue(order.status, input.status);
      if (issue) throw new AppError('ORDER_STATUS', [{ path: ['status'], code: issue }]);
      const lines = this.reader.lineRows(order.id);
      if (input.status !== 'cancelled' && lines.length === 0) throw new AppError('ORDER_STATUS', [{ path: ['lines'], code: 'order_empty' }]);
      if (input.status === 'cancelled' && !input.reason) throw new AppError('VALIDATION_FAILED', [{ path: ['reason'], code: 'reason_required' }]);
      // Goods on their way or delivered: the shipment must come back (returned) before the order is cancelled.
      if (input.status === 'cancelled' && this.reader.shipmentRowsOf(order.id).some((s) => s.status !== 'returned'))
        throw new AppError('ORDER_STATUS', [{ path: ['status'], code: 'order_shipped' }]);
      const now = this.now().toISOString();
      const before = this.capture.snapshot('orders', order.id);
      const set: Record<string, string | null> = { status: input.status, updated_at: now };
      if (input.status === 'confirmed') set.confirmed_at = now;
      if (input.status === 'paid') set.paid_at = now;
      if (input.status === 'cancelled') {
        set.cancelled_at = now;
        set.cancel_reason = input.reason ?? null;
      }
      if (input.status === 'completed') {
        set.completed_at = now;
        if (!order.paid_at) set.paid_at = now;
        set.transaction_id = this.writePurchase(order, lines, now);
      }
      const columns = Object.keys(set);
      this.db.sqlite.prepare(`UPDATE orders SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id: order.id });
      this.capture.record('orders', order.id, before, now);
    });
    return this.get(input.id);
  }

  get(id: string): Order {
    return this.reader.get(this.reader.resolveId(id), this.settings.identity()?.branchId ?? null);
  }

  list(q: OrderQuery): OrderList {
    return this.reader.list(q);
  }

  /** The order, if this branch took it (others only read it). Inside the caller's transaction. */
  owned(id: string): OrderRow {
    const order = this.reader.row(this.reader.resolveId(id));
    if (order.branch_id !== this.branch().branchId) throw new AppError('ORDER_OTHER_BRANCH');
    return order;
  }

  private branch() {
    const branch = this.settings.identity();
    if (!branch) throw new AppError('NOT_INITIALISED');
    return branch;
  }

  private checkCustomer(customerId: string): void {
    const state = this.customerState.get(customerId) as { archived_at: string | null; deleted: number } | undefined;
    if (!state || state.deleted) throw new AppError('VALIDATION_FAILED', [{ path: ['customerId'], code: 'unknown_customer' }]);
    if (state.archived_at) throw new AppError('ARCHIVED');
  }

  /**
   * The lines as they will be: a kept line (by id) keeps its item, list price
   * and cost; a new one takes them from the catalogue, which must still offer
   * the item. Another price than the catalogue's needs a permitted role.
   */
  private plan(actor: UserActor, inputs: OrderLineInput[], existing: OrderLineRow[]): PlannedLine[] {
    const issues: Issue[] = [];
    const mayOverride = PRICE_OVERRIDE_ROLES.includes(actor.role);
    const planned: PlannedLine[] = [];
    inputs.forEach((l, i) => {
      if (l.id) {
        const row = existing.find((e) => e.id === l.id);
        if (!row) {
          issues.push({ path: ['lines', i, 'id'], code: 'unknown_line' });
          return;
        }
        const unitPrice = l.unitPrice ?? row.unit_price;
        if (unitPrice !== row.unit_price && unitPrice !== row.list_price && !mayOverride) issues.push({ path: ['lines', i, 'unitPrice'], code: 'price_override_forbidden' });
        planned.push({
          id: row.id,
          item: { id: row.catalogue_item_id, sku: row.sku, name: row.name, kind: row.kind },
          quantity: l.quantity,
          unitPrice,
          listPrice: row.list_price,
          unitCost: row.unit_cost,
          discount: l.discount !== undefined ? l.discount : row.discount_kind ? { kind: row.discount_kind, value: row.discount_value! } : null,
        });
        return;
      }
      const itemId = l.catalogueItemId ?? ((l.sku ? this.bySku.get(l.sku) : undefined) as string | undefined);
      const item = itemId ? this.catalogue.find(itemId) : null;
      if (!item) {
        issues.push({ path: ['lines', i, l.catalogueItemId ? 'catalogueItemId' : 'sku'], code: 'unknown_item' });
        return;
      }
      if (item.retiredAt) {
        issues.push({ path: ['lines', i, 'catalogueItemId'], code: 'retired_item' });
        return;
      }
      const unitPrice = l.unitPrice ?? item.unitPrice;
      if (unitPrice !== item.unitPrice && !mayOverride) issues.push({ path: ['lines', i, 'unitPrice'], code: 'price_override_forbidden' });
      planned.push({ id: null, item, quantity: l.quantity, unitPrice, listPrice: item.unitPrice, unitCost: item.unitCost, discount: l.discount ?? null });
    });
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
    return planned;
  }

  private totalsOrThrow(planned: PlannedLine[], discount: Discount | null) {
    const { totals, issues } = orderTotals(planned, discount);
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
    return totals;
  }

  /** Writes the planned lines; existing lines left out become tombstones. */
  private writeLines(orderId: string, customerId: string, planned: PlannedLine[], existing: OrderLineRow[], totals: { gross: number; discount: number; total: number }[], now: string): void {
    const kept = new Set(planned.map((p) => p.id).filter(Boolean));
    for (const row of existing) {
      if (kept.has(row.id)) continue;
      const before = this.capture.snapshot('order_lines', row.id);
      this.db.sqlite.prepare('UPDATE order_lines SET deleted = 1, updated_at = ? WHERE id = ?').run(now, row.id);
      this.capture.record('order_lines', row.id, before, now);
    }
    planned.forEach((p, position) => {
      const values = {
        order_id: orderId,
        customer_id: customerId,
        position,
        catalogue_item_id: p.item.id,
        sku: p.item.sku,
        name: p.item.name,
        kind: p.item.kind,
        quantity: p.quantity,
        unit_price: p.unitPrice,
        list_price: p.listPrice,
        unit_cost: p.unitCost,
        discount_kind: p.discount?.kind ?? null,
        discount_value: p.discount?.value ?? null,
        gross: totals[position].gross,
        discount: totals[position].discount,
        total: totals[position].total,
        now,
      };
      if (p.id) {
        const before = this.capture.snapshot('order_lines', p.id);
        this.db.sqlite
          .prepare(
            `UPDATE order_lines SET position = @position, quantity = @quantity, unit_price = @unit_price, discount_kind = @discount_kind, discount_value = @discount_value,
               gross = @gross, discount = @discount, total = @total, updated_at = @now WHERE id = @id`,
          )
          .run({ ...values, id: p.id });
        this.capture.record('order_lines', p.id, before, now);
      } else {
        const id = newId();
        this.insertLine(now, { ...values, id });
      }
    });
  }

  /** The purchase of a completed order: its transaction and one line item per line. Returns the transaction id. */
  private writePurchase(order: OrderRow, lines: OrderLineRow[], now: string): string {
    const branchId = order.branch_id;
    const { id: transactionId } = this.transactions.insertOne(
      { customerId: order.customer_id, occurredAt: now, kind: 'sale', amount: order.total, cost: order.cost, discount: order.line_discounts + order.order_discount, itemCount: order.item_count },
      branchId,
      now,
    );
    const shares = allocateDiscount(
      lines.map((l) => l.total),
      order.order_discount,
    );
    lines.forEach((l, i) => {
      const id = newId();
      this.insertLineItem(now, id, transactionId, order.customer_id, branchId, order.id, l.catalogue_item_id, l.quantity, l.unit_price, l.unit_cost, l.discount + shares[i], l.total - shares[i], now);
    });
    return transactionId;
  }
}

function plannedFromRow(row: OrderLineRow): PlannedLine {
  return {
    id: row.id,
    item: { id: row.catalogue_item_id, sku: row.sku, name: row.name, kind: row.kind },
    quantity: row.quantity,
    unitPrice: row.unit_price,
    listPrice: row.list_price,
    unitCost: row.unit_cost,
    discount: row.discount_kind ? { kind: row.discount_kind, value: row.discount_value! } : null,
  };
}
