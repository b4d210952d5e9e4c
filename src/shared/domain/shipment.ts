import { z } from 'zod';
import type { FieldMessageKey } from '../api/errors.js';

/**
 * Shipments (REQUIREMENTS S3): an order sent to the customer by a courier,
 * with a status and its time-stamped history, which staff read out when the
 * customer asks where the order is. Each status change is a history entry
 * (append-only); the shipment row keeps the latest.
 *
 * disiapkan (packed) -> dikirim (shipped) -> dalam perjalanan (in transit,
 * repeatable: each hub is an entry) -> terkirim (delivered); a failed
 * delivery can be tried again or returned; delivered goods can come back
 * (returned). Returned is final.
 */
export const SHIPMENT_STATUSES = ['packed', 'shipped', 'in_transit', 'delivered', 'failed', 'returned'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  packed: ['shipped', 'returned'],
  shipped: ['in_transit', 'delivered', 'failed', 'returned'],
  in_transit: ['in_transit', 'delivered', 'failed', 'returned'],
  failed: ['shipped', 'in_transit', 'delivered', 'returned'],
  delivered: ['returned'],
  returned: [],
};

/** Why a shipment status change is refused, or null when it is allowed. */
export function shipmentTransitionIssue(from: ShipmentStatus, to: ShipmentStatus): FieldMessageKey | null {
  if (SHIPMENT_TRANSITIONS[from].includes(to)) return null;
  if (from === 'returned') return 'shipment_returned';
  if (from === to) return 'shipment_same_status';
  return 'shipment_bad_step';
}

/** A shipment still on its way (a new one for the same order waits until this one ends). */
export function shipmentOpen(status: ShipmentStatus): boolean {
  return status !== 'delivered' && status !== 'returned';
}

const id = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(64, { message: 'too_long' });
const text = (max: number) => z.string({ message: 'invalid_type' }).trim().max(max, { message: 'too_long' });
const optionalText = (max: number) =>
  text(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const shipmentCreateSchema = z.strictObject(
  {
    orderId: id,
    courier: text(80).min(1, { message: 'required' }),
    trackingNumber: optionalText(80),
    /** Where it goes; defaults to the customer's address on file. */
    address: optionalText(500),
    recipientName: optionalText(200),
    recipientPhone: optionalText(40),
    note: optionalText(1000),
  },
  { message: 'invalid_type' },
);
export type ShipmentCreate = z.output<typeof shipmentCreateSchema>;

export const shipmentUpdateSchema = z.strictObject(
  {
    id,
    status: z.enum(SHIPMENT_STATUSES, { message: 'invalid_value' }),
    /** Where the parcel is or what happened ("Tiba di gudang Surabaya"). */
    note: optionalText(1000),
    /** The courier's tracking number, when it is known only once shipped. */
    trackingNumber: optionalText(80),
    /** When it happened (UTC ISO); defaults to now. Not in the future. */
    occurredAt: z
      .string({ message: 'invalid_type' })
      .datetime({ offset: true, message: 'invalid_date' })
      .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, { message: 'future_time' })
      .optional(),
  },
  { message: 'invalid_type' },
);
export type ShipmentUpdate = z.output<typeof shipmentUpdateSchema>;

export const shipmentEventSchema = z.object({
  id: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  note: z.string().nullable(),
  occurredAt: z.string(),
  staffName: z.string(),
});
export type ShipmentEvent = z.infer<typeof shipmentEventSchema>;

export const shipmentSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  customerId: z.string(),
  courier: z.string(),
  trackingNumber: z.string().nullable(),
  address: z.string().nullable(),
  recipientName: z.string().nullable(),
  recipientPhone: z.string().nullable(),
  status: z.enum(SHIPMENT_STATUSES),
  statusAt: z.string(),
  createdAt: z.string(),
  /** Newest first. */
  history: z.array(shipmentEventSchema),
});
export type Shipment = z.infer<typeof shipmentSchema>;
