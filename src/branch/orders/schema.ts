import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { customers } from '../db/schema.js';
import { CATALOGUE_KINDS } from '../../shared/domain/catalogue.js';
import { DISCOUNT_KINDS, ORDER_STATUSES } from '../../shared/domain/order.js';
import { SHIPMENT_STATUSES } from '../../shared/domain/shipment.js';

/**
 * Orders and shipments (S2, S3), synced in the customer's scope. Only the
 * branch that took an order changes it or its shipments (the service checks
 * branch_id); every branch serving the customer reads them. Money is whole
 * Rupiah. Totals are stored with the order so any branch shows them without
 * the catalogue of the day they were sold.
 */
export const orders = sqliteTable(
  'orders',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    orderNumber: text('order_number').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    discountKind: text('discount_kind', { enum: DISCOUNT_KINDS }),
    /** Rupiah, or basis points for a percentage. */
    discountValue: integer('discount_value'),
    gross: integer('gross').notNull(),
    subtotal: integer('subtotal').notNull(),
    lineDiscounts: integer('line_discounts').notNull(),
    orderDiscount: integer('order_discount').notNull(),
    total: integer('total').notNull(),
    cost: integer('cost').notNull(),
    itemCount: integer('item_count').notNull(),
    notes: text('notes'),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
    transactionId: text('transaction_id'),
    createdAt: text('created_at').notNull(),
    confirmedAt: text('confirmed_at'),
    paidAt: text('paid_at'),
    completedAt: text('completed_at'),
    cancelledAt: text('cancelled_at'),
    cancelReason: text('cancel_reason'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('orders_customer').on(t.customerId, t.createdAt),
    index('orders_created').on(t.createdAt),
    index('orders_status').on(t.status, t.createdAt),
    index('orders_number').on(t.orderNumber),
  ],
);

/** The lines of an order. Editable while the order is a draft; name, SKU and list price are kept as sold. */
export const orderLines = sqliteTable(
  'order_lines',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    position: integer('position').notNull(),
    catalogueItemId: text('catalogue_item_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: CATALOGUE_KINDS }).notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    listPrice: integer('list_price').notNull(),
    unitCost: integer('unit_cost').notNull(),
    discountKind: text('discount_kind', { enum: DISCOUNT_KINDS }),
    discountValue: integer('discount_value'),
    gross: integer('gross').notNull(),
    discount: integer('discount').notNull(),
    total: integer('total').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('order_lines_order').on(t.orderId, t.position)],
);

/**
 * What a purchase consisted of: one row per product of a transaction,
 * written with it (append-only). Reports read (transaction_id, product_id):
 * products bought together (A4). product_id is the catalogue item's id.
 */
export const lineItems = sqliteTable(
  'line_items',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    transactionId: text('transaction_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    orderId: text('order_id'),
    productId: text('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    unitCost: integer('unit_cost').notNull(),
    discount: integer('discount').notNull(),
    amount: integer('amount').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('line_items_transaction').on(t.transactionId, t.productId), index('line_items_product').on(t.productId)],
);

export const shipments = sqliteTable(
  'shipments',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    courier: text('courier').notNull(),
    trackingNumber: text('tracking_number'),
    address: text('address'),
    recipientName: text('recipient_name'),
    recipientPhone: text('recipient_phone'),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    statusAt: text('status_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('shipments_order').on(t.orderId, t.createdAt)],
);

/** A shipment's history: one row per status, written once (append-only). */
export const shipmentEvents = sqliteTable(
  'shipment_events',
  {
    seq: integer('seq').primaryKey(),
    id: text('id').notNull().unique(),
    shipmentId: text('shipment_id').notNull(),
    orderId: text('order_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    branchId: text('branch_id').notNull(),
    status: text('status', { enum: SHIPMENT_STATUSES }).notNull(),
    note: text('note'),
    occurredAt: text('occurred_at').notNull(),
    staffId: text('staff_id').notNull(),
    staffName: text('staff_name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('shipment_events_shipment').on(t.shipmentId, t.occurredAt), index('shipment_events_customer').on(t.customerId, t.occurredAt)],
);
