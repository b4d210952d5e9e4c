import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import { AppError } from '../../shared/api/errors.js';
import { discountForDisplay, type Order, type OrderLine, type OrderList, type OrderQuery, type OrderStatus } from '../../shared/domain/order.js';
import type { Shipment, ShipmentStatus } from '../../shared/domain/shipment.js';
import type { CatalogueKind } from '../../shared/domain/catalogue.js';

export interface OrderRow {
  id: string;
  order_number: string;
  customer_id: string;
  branch_id: string;
  status: OrderStatus;
  discount_kind: 'amount' | 'percent' | null;
  discount_value: number | null;
  gross: number;
  subtotal: number;
  line_discounts: number;
  order_discount: number;
  total: number;
  cost: number;
  item_count: number;
  notes: string | null;
  staff_name: string;
  transaction_id: string | null;
  created_at: string;
  confirmed_at: string | null;
  paid_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  updated_at: string;
}

export interface OrderLineRow {
  id: string;
  order_id: string;
  position: number;
  catalogue_item_id: string;
  sku: string;
  name: string;
  kind: CatalogueKind;
  quantity: number;
  unit_price: number;
  list_price: number;
  unit_cost: number;
  discount_kind: 'amount' | 'percent' | null;
  discount_value: number | null;
  gross: number;
  discount: number;
  total: number;
}

export interface ShipmentRow {
  id: string;
  order_id: string;
  customer_id: string;
  branch_id: string;
  courier: string;
  tracking_number: string | null;
  address: string | null;
  recipient_name: string | null;
  recipient_phone: string | null;
  status: ShipmentStatus;
  status_at: string;
  created_at: string;
}

/** Reading orders and shipments as the contract shows them (one place, for the services and the CLI alike). */
export class OrderReader {
  private readonly order: Statement;
  private readonly lines: Statement;
  private readonly shipmentsOf: Statement;
  private readonly shipment: Statement;
  private readonly events: Statement;
  private readonly customerName: Statement;
  private readonly orderNumber: Statement;

  constructor(private readonly db: BranchDatabase) {
    this.order = db.sqlite.prepare('SELECT * FROM orders WHERE id = ?');
    this.lines = db.sqlite.prepare('SELECT * FROM order_lines WHERE order_id = ? AND deleted = 0 ORDER BY position, seq');
    this.shipmentsOf = db.sqlite.prepare('SELECT * FROM shipments WHERE order_id = ? ORDER BY created_at DESC, id DESC');
    this.shipment = db.sqlite.prepare('SELECT * FROM shipments WHERE id = ?');
    this.events = db.sqlite.prepare('SELECT id, status, note, occurred_at, staff_name FROM shipment_events WHERE shipment_id = ? ORDER BY occurred_at DESC, id DESC');
    this.customerName = db.sqlite.prepare('SELECT full_name FROM customers WHERE id = ?').pluck();
    this.orderNumber = db.sqlite.prepare('SELECT order_number FROM orders WHERE id = ?').pluck();
  }

  row(id: string): OrderRow {
    const row = this.order.get(id) as OrderRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, `no order ${id}`);
    return row;
  }

  lineRows(orderId: string): OrderLineRow[] {
    return this.lines.all(orderId) as OrderLineRow[];
  }

  shipmentRow(id: string): ShipmentRow {
    const row = this.shipment.get(id) as ShipmentRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', undefined, `no shipment ${id}`);
    return row;
  }

  shipmentRowsOf(orderId: string): ShipmentRow[] {
    return this.shipmentsOf.all(orderId) as ShipmentRow[];
  }

  /** An order by id or by its number (JKT01-P000042). */
  resolveId(ref: string): string {
    if (this.order.get(ref)) return ref;
    const id = this.db.sqlite.prepare('SELECT id FROM orders WHERE order_number = ?').pluck().get(ref.toUpperCase()) as string | undefined;
    if (!id) throw new AppError('NOT_FOUND', undefined, `no order ${ref}`);
    return id;
  }

  get(id: string, thisBranch: string | null): Order {
    const o = this.row(id);
    const shipments = this.shipmentRowsOf(id).map((s) => this.toShipment(s, o.order_number));
    return {
      id: o.id,
      orderNumber: o.order_number,
      customerId: o.customer_id,
      customerName: (this.customerName.get(o.customer_id) as string | undefined) ?? null,
      branchId: o.branch_id,
      status: o.status,
      itemCount: o.item_count,
      total: o.total,
      createdAt: o.created_at,
      updatedAt: o.updated_at,
      shipmentStatus: shipments[0]?.status ?? null,
      lines: this.lineRows(id).map(toLine),
      discountGiven: discountForDisplay(o.discount_kind, o.discount_value),
      gross: o.gross,
      subtotal: o.subtotal,
      lineDiscounts: o.line_discounts,
      orderDiscount: o.order_discount,
      discount: o.line_discounts + o.order_discount,
      cost: o.cost,
      notes: o.notes,
      staffName: o.staff_name,
      confirmedAt: o.confirmed_at,
      paidAt: o.paid_at,
      completedAt: o.completed_at,
      cancelledAt: o.cancelled_at,
      cancelReason: o.cancel_reason,
      transactionId: o.transaction_id,
      editable: thisBranch !== null && o.branch_id === thisBranch,
      shipments,
    };
  }

  shipmentOut(id: string): Shipment {
    const s = this.shipmentRow(id);
    return this.toShipment(s, (this.orderNumber.get(s.order_id) as string | undefined) ?? '');
  }

  private toShipment(s: ShipmentRow, orderNumber: string): Shipment {
    return {
      id: s.id,
      orderId: s.order_id,
      orderNumber,
      customerId: s.customer_id,
      courier: s.courier,
      trackingNumber: s.tracking_number,
      address: s.address,
      recipientName: s.recipient_name,
      recipientPhone: s.recipient_phone,
      status: s.status,
      statusAt: s.status_at,
      createdAt: s.created_at,
      history: (this.events.all(s.id) as { id: string; status: ShipmentStatus; note: string | null; occurred_at: string; staff_name: string }[]).map((e) => ({
        id: e.id,
        status: e.status,
        note: e.note,
        occurredAt: e.occurred_at,
        staffName: e.staff_name,
      })),
    };
  }

  list(q: OrderQuery): OrderList {
    const where: string[] = [];
    const params: Record<string, string | number> = { limit: q.limit, offset: q.offset };
    if (q.customerId) {
      where.push('o.customer_id = @customer');
      params.customer = q.customerId;
    }
    if (q.status) {
      where.push('o.status = @status');
      params.status = q.status;
    }
    if (q.query !== '') {
      const text = q.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      params.number = `${text}%`;
      const words = text.split(/\s+/).filter(Boolean).map((t, i) => {
        params[`w${i}`] = `% ${t}%`;
        return `(' ' || lower(c.full_name)) LIKE @w${i} ESCAPE '\\'`;
      });
      // Just the digits of the number ("42" for JKT01-P000042) also find it.
      params.digits = /^\d+$/.test(text) ? `%p${text.padStart(6, '0')}` : '\u0000';
      where.push(`(lower(o.order_number) LIKE @number ESCAPE '\\' OR lower(o.order_number) LIKE @digits OR (${words.join(' AND ')}))`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = 'FROM orders o JOIN customers c ON c.id = o.customer_id';
    const total = this.db.sqlite.prepare(`SELECT count(*) ${from} ${clause}`).pluck().get(params) as number;
    const rows = this.db.sqlite
      .prepare(
        `SELECT o.id, o.order_number, o.customer_id, c.full_name, o.branch_id, o.status, o.item_count, o.total, o.created_at, o.updated_at,
           (SELECT s.status FROM shipments s WHERE s.order_id = o.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS shipment_status
         ${from} ${clause} ORDER BY o.created_at DESC, o.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as (Pick<OrderRow, 'id' | 'order_number' | 'customer_id' | 'branch_id' | 'status' | 'item_count' | 'total' | 'created_at' | 'updated_at'> & {
      full_name: string;
      shipment_status: string | null;
    })[];
    return {
      total,
      orders: rows.map((r) => ({
        id: r.id,
        orderNumber: r.order_number,
        customerId: r.customer_id,
        customerName: r.full_name,
        branchId: r.branch_id,
        status: r.status,
        itemCount: r.item_count,
        total: r.total,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        shipmentStatus: r.shipment_status,
      })),
    };
  }
}

function toLine(l: OrderLineRow): OrderLine {
  return {
    id: l.id,
    position: l.position,
    catalogueItemId: l.catalogue_item_id,
    sku: l.sku,
    name: l.name,
    kind: l.kind,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    listPrice: l.list_price,
    unitCost: l.unit_cost,
    discountGiven: discountForDisplay(l.discount_kind, l.discount_value),
    gross: l.gross,
    discount: l.discount,
    total: l.total,
  };
}
