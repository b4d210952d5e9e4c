import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { CapturedInsert, ChangeCapture } from '../sync/capture.js';
import type { UserActor } from '../customers/service.js';
import { AppError } from '../../shared/api/errors.js';
import { newId } from '../../shared/domain/ids.js';
import { shipmentOpen, shipmentTransitionIssue, type Shipment, type ShipmentCreate, type ShipmentStatus, type ShipmentUpdate } from '../../shared/domain/shipment.js';
import type { OrderService } from './service.js';

/**
 * Shipments (S3). Each status is a history entry (shipment_events, append
 * only) written with the shipment's current status in one transaction, so
 * the history and the status never disagree. Like its order, a shipment is
 * changed only by the branch that took the order.
 */
export class ShipmentService {
  private readonly insertShipment: CapturedInsert;
  private readonly insertEvent: CapturedInsert;
  private readonly customerAddress: Statement;

  constructor(
    private readonly db: BranchDatabase,
    private readonly capture: ChangeCapture,
    private readonly orders: OrderService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.insertShipment = this.capture.insertStatement('shipments',
      `INSERT INTO shipments (id, order_id, customer_id, branch_id, courier, tracking_number, address, recipient_name, recipient_phone, status, status_at, created_at, updated_at)
       VALUES (@id, @order_id, @customer_id, @branch_id, @courier, @tracking_number, @address, @recipient_name, @recipient_phone, 'packed', @at, @now, @now)`,
    );
    this.insertEvent = this.capture.insertStatement('shipment_events',
      `INSERT INTO shipment_events (id, shipment_id, order_id, customer_id, branch_id, status, note, occurred_at, staff_id, staff_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.customerAddress = db.sqlite.prepare(
      `SELECT nullif(trim(concat_ws(', ', nullif(address_line, ''), nullif(city, ''), nullif(province, ''), nullif(postal_code, ''))), '') FROM customers WHERE id = ?`,
    ).pluck();
  }

  /** Starts a shipment for a confirmed (or paid, or completed) order: status packed. */
  create(actor: UserActor, input: ShipmentCreate): Shipment {
    const id = newId();
    this.capture.transaction(() => {
      const order = this.orders.owned(input.orderId);
      if (order.status === 'draft' || order.status === 'cancelled') throw new AppError('ORDER_STATUS', [{ path: ['orderId'], code: 'order_not_shippable' }]);
      if (this.orders.reader.shipmentRowsOf(order.id).some((s) => shipmentOpen(s.status))) throw new AppError('SHIPMENT_STATUS', [{ path: ['orderId'], code: 'shipment_open' }]);
      const address = input.address ?? ((this.customerAddress.get(order.customer_id) as string | null) || null);
      if (!address) throw new AppError('VALIDATION_FAILED', [{ path: ['address'], code: 'address_required' }]);
      const now = this.now().toISOString();
      this.insertShipment(now, {
        id,
        order_id: order.id,
        customer_id: order.customer_id,
        branch_id: order.branch_id,
        courier: input.courier,
        tracking_number: input.trackingNumber ?? null,
        address,
        recipient_name: input.recipientName ?? null,
        recipient_phone: input.recipientPhone ?? null,
        at: now,
        now,
      });
      this.event(actor, id, order.id, order.customer_id, order.branch_id, 'packed', input.note ?? null, now, now);
    });
    return this.orders.reader.shipmentOut(id);
  }

  /** A new status with its note (where the parcel is), time-stamped in the history. */
  update(actor: UserActor, input: ShipmentUpdate): Shipment {
    this.capture.transaction(() => {
      const s = this.orders.reader.shipmentRow(input.id);
      this.orders.owned(s.order_id);
      const issue = shipmentTransitionIssue(s.status, input.status);
      if (issue) throw new AppError('SHIPMENT_STATUS', [{ path: ['status'], code: issue }]);
      const now = this.now().toISOString();
      const at = input.occurredAt ? new Date(input.occurredAt).toISOString() : now;
      const before = this.capture.snapshot('shipments', s.id);
      // A back-dated entry (the courier called late) joins the history but does not undo a newer status.
      const newest = at >= s.status_at;
      this.db.sqlite
        .prepare('UPDATE shipments SET status = ?, status_at = ?, tracking_number = ?, updated_at = ? WHERE id = ?')
        .run(newest ? input.status : s.status, newest ? at : s.status_at, input.trackingNumber ?? s.tracking_number, now, s.id);
      this.capture.record('shipments', s.id, before, now);
      this.event(actor, s.id, s.order_id, s.customer_id, s.branch_id, input.status, input.note ?? null, at, now);
    });
    return this.orders.reader.shipmentOut(input.id);
  }

  get(id: string): Shipment {
    return this.orders.reader.shipmentOut(id);
  }

  private event(actor: UserActor, shipmentId: string, orderId: string, customerId: string, branchId: string, status: ShipmentStatus, note: string | null, at: string, now: string): void {
    const id = newId();
    this.insertEvent(now, id, shipmentId, orderId, customerId, branchId, status, note, at, actor.userId, actor.displayName, now);
  }
}
