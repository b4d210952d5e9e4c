import type { Statement } from 'better-sqlite3';
import type { BranchDatabase } from '../db/open.js';
import type { TimelineEntry, TimelineKind } from '../../shared/domain/profile.js';
import { parseItems } from '../appointments/rows.js';

/**
 * The customer timeline (C5) as a merge of sources. Each source reads one
 * table for one customer, newest first, from its own index on (customer,
 * time); the merge takes the newest across sources. A later feature (cases,
 * appointments, campaign messages) joins by adding a kind to
 * TIMELINE_KINDS and one entry to TIMELINE_SOURCES: nothing else changes.
 *
 * Every source's SQL selects `id` and `at` (UTC ISO) plus its own columns,
 * and takes the named parameters @customer, @at, @id and @limit: rows
 * strictly older than the cursor (@at, @id), newest first.
 */
export interface TimelineSource {
  kind: TimelineKind;
  sql: string;
  toEntry(row: Record<string, unknown>): TimelineEntry;
}

const OLDER = (at: string, id = 'id') => `(${at} < @at OR (${at} = @at AND ${id} < @id))`;

export const TIMELINE_SOURCES: TimelineSource[] = [
  {
    kind: 'interaction',
    sql: `SELECT id, occurred_at AS at, channel, direction, exchange, purpose, outcome, duration_minutes, notes, staff_name
          FROM interactions WHERE customer_id = @customer AND ${OLDER('occurred_at')} ORDER BY occurred_at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'interaction',
      id: r.id as string,
      at: r.at as string,
      channel: r.channel,
      direction: r.direction,
      exchange: r.exchange,
      purpose: r.purpose,
      outcome: r.outcome,
      durationMinutes: (r.duration_minutes as number | null) ?? null,
      notes: (r.notes as string | null) ?? null,
      staffName: r.staff_name as string,
    }) as TimelineEntry,
  },
  {
    kind: 'purchase',
    sql: `SELECT id, occurred_at AS at, kind, amount, item_count FROM transactions
          WHERE customer_id = @customer AND voided_at IS NULL AND ${OLDER('occurred_at')} ORDER BY occurred_at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({ kind: 'purchase', id: r.id as string, at: r.at as string, type: r.kind as 'sale' | 'refund', amount: r.amount as number, itemCount: r.item_count as number }),
  },
  {
    kind: 'profile',
    sql: `SELECT id, at, source, fields, staff_name FROM (
            SELECT id, changed_at AS at, source, fields, staff_name FROM profile_changes WHERE customer_id = @customer
            UNION ALL
            SELECT c.id, c.created_at, 'created', '[]', coalesce(u.display_name, '') FROM customers c LEFT JOIN users u ON u.id = c.created_by WHERE c.id = @customer
          ) WHERE ${OLDER('at')} ORDER BY at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'profile',
      id: r.id as string,
      at: r.at as string,
      source: r.source as 'created',
      fields: JSON.parse(r.fields as string) as string[],
      staffName: r.staff_name as string,
    }),
  },
  {
    kind: 'need',
    sql: `SELECT id, created_at AS at, kind, text, staff_name FROM customer_needs
          WHERE customer_id = @customer AND deleted = 0 AND ${OLDER('created_at')} ORDER BY created_at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({ kind: 'need', id: r.id as string, at: r.at as string, needKind: r.kind as 'need' | 'want', text: r.text as string, staffName: r.staff_name as string }),
  },
  {
    kind: 'appointment',
    sql: `SELECT e.id, e.at, e.appointment_id, e.kind, e.from_status, e.to_status, e.starts_at, e.note, e.staff_name,
                 coalesce(a.service_name, '') AS service_name, s.label AS asset_label
          FROM appointment_events e
          LEFT JOIN appointments a ON a.id = e.appointment_id
          LEFT JOIN customer_assets s ON s.id = a.asset_id
          WHERE e.customer_id = @customer AND ${OLDER('e.at', 'e.id')} ORDER BY e.at DESC, e.id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'appointment',
      id: r.id as string,
      at: r.at as string,
      appointmentId: r.appointment_id as string,
      event: r.kind,
      fromStatus: r.from_status ?? null,
      toStatus: r.to_status,
      serviceName: r.service_name as string,
      startsAt: (r.starts_at as string | null) ?? null,
      assetLabel: (r.asset_label as string | null) ?? null,
      note: (r.note as string | null) ?? null,
      staffName: r.staff_name as string,
    }) as TimelineEntry,
  },
  {
    kind: 'qc',
    sql: `SELECT q.id, q.inspected_at AS at, q.appointment_id, q.result, q.items, q.notes, q.inspector_name, coalesce(a.service_name, '') AS service_name
          FROM qc_reports q LEFT JOIN appointments a ON a.id = q.appointment_id
          WHERE q.customer_id = @customer AND ${OLDER('q.inspected_at', 'q.id')} ORDER BY q.inspected_at DESC, q.id DESC LIMIT @limit`,
    toEntry: (r) => {
      const items = parseItems(r.items as string);
      return {
        kind: 'qc',
        id: r.id as string,
        at: r.at as string,
        appointmentId: r.appointment_id as string,
        serviceName: r.service_name as string,
        result: r.result as 'pass' | 'fail',
        itemCount: items.length,
        failedItems: items.filter((i) => !i.passed).map((i) => i.label),
        notes: (r.notes as string | null) ?? null,
        staffName: r.inspector_name as string,
      };
    },
  },
  {
    kind: 'case',
    sql: `SELECT id, opened_at AS at, case_number, subject, kind, status, department, opened_by_name FROM cases
          WHERE customer_id = @customer AND deleted = 0 AND ${OLDER('opened_at', 'id')} ORDER BY opened_at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'case',
      id: r.id as string,
      at: r.at as string,
      caseNumber: r.case_number as string,
      subject: r.subject as string,
      caseKind: r.kind as 'complaint',
      status: r.status as 'open',
      department: r.department as 'service',
      staffName: r.opened_by_name as string,
    }),
  },
  {
    kind: 'order',
    sql: `SELECT id, created_at AS at, order_number, status, total, item_count, staff_name FROM orders
          WHERE customer_id = @customer AND ${OLDER('created_at')} ORDER BY created_at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'order',
      id: r.id as string,
      at: r.at as string,
      orderNumber: r.order_number as string,
      status: r.status,
      total: r.total as number,
      itemCount: r.item_count as number,
      staffName: r.staff_name as string,
    }) as TimelineEntry,
  },
  {
    kind: 'shipment',
    sql: `SELECT e.id, e.occurred_at AS at, e.shipment_id, e.order_id, o.order_number, e.status, s.courier, s.tracking_number, e.note, e.staff_name
          FROM shipment_events e JOIN shipments s ON s.id = e.shipment_id JOIN orders o ON o.id = e.order_id
          WHERE e.customer_id = @customer AND ${OLDER('e.occurred_at').replace('id <', 'e.id <')} ORDER BY e.occurred_at DESC, e.id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'shipment',
      id: r.id as string,
      at: r.at as string,
      shipmentId: r.shipment_id as string,
      orderId: r.order_id as string,
      orderNumber: r.order_number as string,
      status: r.status,
      courier: r.courier as string,
      trackingNumber: (r.tracking_number as string | null) ?? null,
      note: (r.note as string | null) ?? null,
      staffName: r.staff_name as string,
    }) as TimelineEntry,
  },
  {
    // Contact plans (T2) as made, and the agenda actions that are not a logged contact (those are interactions).
    kind: 'plan',
    sql: `SELECT id, at, event, source, due_date, due_time, new_date, channel, reason, status, staff_name FROM (
            SELECT id, created_at AS at, 'planned' AS event, 'plan' AS source, due_date, due_time, NULL AS new_date, channel, reason, status, staff_name
              FROM contact_plans WHERE customer_id = @customer
            UNION ALL
            SELECT id, created_at, action, source, due_date, NULL, new_date, NULL, reason, NULL, staff_name
              FROM agenda_outcomes WHERE customer_id = @customer AND action <> 'done'
          ) WHERE ${OLDER('at')} ORDER BY at DESC, id DESC LIMIT @limit`,
    toEntry: (r) => ({
      kind: 'plan',
      id: r.id as string,
      at: r.at as string,
      event: r.event as 'planned',
      source: r.source as string,
      dueDate: r.due_date as string,
      dueTime: (r.due_time as string | null) ?? null,
      newDate: (r.new_date as string | null) ?? null,
      channel: (r.channel as 'phone' | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      status: (r.status as 'open' | null) ?? null,
      staffName: r.staff_name as string,
    }),
  },
];

/** Past every stored time: the first page. */
const NEWEST = { at: '9999-12-31T23:59:59.999Z', id: '\uffff' };

export class Timeline {
  private readonly statements = new Map<TimelineKind, Statement>();

  constructor(
    db: BranchDatabase,
    private readonly sources: TimelineSource[] = TIMELINE_SOURCES,
  ) {
    for (const s of sources) this.statements.set(s.kind, db.sqlite.prepare(s.sql));
  }

  /** Newest first; `hasMore` when older entries remain. */
  page(customerId: string, options: { before?: { at: string; id: string }; limit: number; kinds?: TimelineKind[] }): { entries: TimelineEntry[]; hasMore: boolean } {
    const cursor = options.before ?? NEWEST;
    const want = options.limit + 1;
    const lists = this.sources
      .filter((s) => !options.kinds || options.kinds.includes(s.kind))
      .map((s) => (this.statements.get(s.kind)!.all({ customer: customerId, at: cursor.at, id: cursor.id, limit: want }) as Record<string, unknown>[]).map(s.toEntry));
    // Each list is sorted newest first: merge them, keeping the newest head each time.
    const heads = lists.map(() => 0);
    const merged: TimelineEntry[] = [];
    while (merged.length < want) {
      let best = -1;
      for (let i = 0; i < lists.length; i++) {
        const e = lists[i][heads[i]];
        if (!e) continue;
        const b = best >= 0 ? lists[best][heads[best]] : null;
        if (!b || e.at > b.at || (e.at === b.at && e.id > b.id)) best = i;
      }
      if (best < 0) break;
      merged.push(lists[best][heads[best]]);
      heads[best] += 1;
    }
    return { entries: merged.slice(0, options.limit), hasMore: merged.length > options.limit };
  }
}
