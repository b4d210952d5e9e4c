import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { id } from '../fields.js';
import { orderCreateSchema, orderListSchema, orderQuerySchema, orderSchema, orderStatusInputSchema, orderUpdateSchema } from '../../domain/order.js';
import { shipmentCreateSchema, shipmentSchema, shipmentUpdateSchema } from '../../domain/shipment.js';

/**
 * Orders (S2) and shipments (S3). Lines come from the catalogue; completing
 * an order writes its purchase (transaction and line items), so reports count
 * it. Orders and shipments are changed only at the branch that took the
 * order; every branch serving the customer reads them.
 */
export const orderProcedures = {
  'orders.create': procedure({
    summary: 'Start a draft order for a customer with lines from the catalogue (quantity, optional price and discount), and an order discount.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: orderCreateSchema,
    output: orderSchema,
  }),
  'orders.update': procedure({
    summary: "Change a draft order's lines (the whole list), discount or notes.",
    access: { roles: ALL_STAFF },
    mutates: true,
    input: orderUpdateSchema,
    output: orderSchema,
  }),
  'orders.setStatus': procedure({
    summary: 'Move an order: confirmed, paid, completed (writes the purchase) or cancelled (with a reason).',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: orderStatusInputSchema,
    output: orderSchema,
  }),
  'orders.get': procedure({
    summary: 'One order by id or number, with its lines, totals and shipments with their history.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ id }),
    output: orderSchema,
  }),
  'orders.list': procedure({
    summary: 'Orders, newest first: of one customer, by status, or found by number or customer name.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: orderQuerySchema,
    output: orderListSchema,
  }),
  'shipments.create': procedure({
    summary: 'Ship a confirmed order: courier, tracking number, address (the customer\'s by default); starts as packed.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: shipmentCreateSchema,
    output: shipmentSchema,
  }),
  'shipments.update': procedure({
    summary: 'A new shipment status (shipped, in transit, delivered, failed, returned) with a note, kept in its time-stamped history.',
    access: { roles: ALL_STAFF },
    mutates: true,
    input: shipmentUpdateSchema,
    output: shipmentSchema,
  }),
  'shipments.get': procedure({
    summary: 'One shipment with its history, newest first.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.strictObject({ id }),
    output: shipmentSchema,
  }),
} satisfies Record<string, Procedure>;
