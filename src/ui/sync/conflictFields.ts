import type { Locale } from '../../shared/api/errors.js';
import { maskNik } from '../../shared/domain/customer.js';
import { formatCalendarDate, formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { APPOINTMENT_STATUSES } from '../../shared/domain/appointment.js';

const APPOINTMENT_STATUS_SET: Record<string, true> = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, true]));
import type { CaseCategory } from '../../shared/domain/case.js';
import { CASE_CONFLICT_FIELDS } from '../cases/caseFields.js';
import { categoryLabel } from '../cases/caseText.js';

/** A case's columns that hold a code, and the i18n prefix of the words for it (as the case screens show them). */
const CASE_CODED_FIELDS: Record<string, string> = {
  kind: 'cases.kind',
  channel: 'channel',
  priority: 'cases.priority',
  status: 'cases.status',
  department: 'cases.department',
  routed_by: 'cases.routedBy',
};

/** Bookkeeping columns several tables share. */
const COMMON: Record<string, string> = {
  customer_id: 'sync.field.customer',
  created_at: 'sync.field.createdAt',
  created_by: 'sync.field.createdBy',
  updated_at: 'sync.field.updatedAt',
  updated_by: 'sync.field.updatedBy',
  deleted: 'sync.field.deleted',
};

/**
 * Conflicts name a synced column (`occupation`, `address_line`); people read
 * the label the customer form uses for it. Keys are i18n keys; a unit test
 * checks that every column of every field-merged table has one.
 */
export const CONFLICT_FIELD_LABELS: Record<string, Record<string, string>> = {
  customers: {
    ...COMMON,
    customer_number: 'customer.customerNumber',
    full_name: 'customer.fullName',
    nickname: 'customer.nickname',
    nik: 'customer.nik',
    birth_date: 'customer.birthDate',
    gender: 'customer.gender',
    occupation: 'customer.occupation',
    address_line: 'customer.addressLine',
    city: 'customer.city',
    province: 'customer.province',
    postal_code: 'customer.postalCode',
    tags: 'customer.tags',
    lifecycle_stage: 'customer.lifecycleStage',
    notes: 'customer.notes',
    home_branch_id: 'sync.field.homeBranch',
    archived_at: 'customer.archived',
    hobbies: 'sync.field.hobbies',
    likes: 'sync.field.likes',
    dislikes: 'sync.field.dislikes',
    ambitions: 'sync.field.ambitions',
    shopping_habits: 'sync.field.shoppingHabits',
    preferred_channel: 'sync.field.preferredChannel',
    preferred_contact_time: 'sync.field.preferredContactTime',
    preferred_language: 'sync.field.preferredLanguage',
    external_ref: 'sync.field.externalRef',
  },
  contact_points: {
    ...COMMON,
    kind: 'sync.field.contactKind',
    value: 'sync.field.contactValue',
    phone_kind: 'sync.field.phoneKind',
    label: 'sync.field.phoneLabel',
    whatsapp: 'sync.field.whatsapp',
    verified: 'sync.field.verified',
    invalid: 'sync.field.invalid',
    is_primary: 'sync.field.primary',
    position: 'sync.field.position',
  },
  customer_relations: {
    ...COMMON,
    related_customer_id: 'sync.field.relatedCustomer',
    relation: 'sync.field.relation',
  },
  customer_assets: {
    ...COMMON,
    kind: 'sync.field.assetKind',
    label: 'sync.field.assetLabel',
    identifier: 'sync.field.assetIdentifier',
    year: 'sync.field.assetYear',
    due_kind: 'sync.field.dueKind',
    due_date: 'sync.field.dueDate',
    notes: 'customer.notes',
  },
  customer_needs: {
    ...COMMON,
    kind: 'sync.field.needKind',
    text: 'sync.field.needText',
    staff_id: 'sync.field.staff',
    staff_name: 'sync.field.staff',
  },
  customer_sensitive: {
    ...COMMON,
    health_conditions: 'sync.field.healthConditions',
    financial_notes: 'sync.field.financialNotes',
    children: 'sync.field.children',
    export_consent: 'sync.field.exportConsent',
  },
  appointments: {
    ...COMMON,
    branch_id: 'appointment.field.branch',
    asset_id: 'appointment.field.asset',
    service_item_id: 'appointment.field.serviceItem',
    service_sku: 'appointment.field.serviceSku',
    service_name: 'appointment.field.serviceName',
    service_price: 'appointment.field.servicePrice',
    duration_minutes: 'appointment.field.duration',
    starts_at: 'appointment.field.startsAt',
    ends_at: 'appointment.field.endsAt',
    technician_id: 'appointment.field.technician',
    technician_name: 'appointment.field.technicianName',
    status: 'appointment.field.status',
    status_changed_at: 'appointment.field.statusChangedAt',
    qc_result: 'appointment.field.qcResult',
    notes: 'appointment.field.notes',
    created_by_name: 'appointment.field.createdByName',
  },
  cases: { ...COMMON, ...CASE_CONFLICT_FIELDS },
  // Orders and shipments (S2, S3): labels in src/ui/orders/texts.*.json.
  orders: {
    ...COMMON,
    staff_name: 'sync.field.staff',
    order_number: 'orders.field.order_number',
    branch_id: 'orders.field.branch_id',
    status: 'orders.field.status',
    discount_kind: 'orders.field.discount_kind',
    discount_value: 'orders.field.discount_value',
    gross: 'orders.field.gross',
    subtotal: 'orders.field.subtotal',
    line_discounts: 'orders.field.line_discounts',
    order_discount: 'orders.field.order_discount',
    total: 'orders.field.total',
    cost: 'orders.field.cost',
    item_count: 'orders.field.item_count',
    notes: 'orders.field.notes',
    staff_id: 'orders.field.staff_id',
    transaction_id: 'orders.field.transaction_id',
    confirmed_at: 'orders.field.confirmed_at',
    paid_at: 'orders.field.paid_at',
    completed_at: 'orders.field.completed_at',
    cancelled_at: 'orders.field.cancelled_at',
    cancel_reason: 'orders.field.cancel_reason',
  },
  order_lines: {
    ...COMMON,
    order_id: 'orders.field.order_id',
    position: 'orders.field.position',
    catalogue_item_id: 'orders.field.catalogue_item_id',
    sku: 'orders.field.sku',
    name: 'orders.field.name',
    kind: 'orders.field.kind',
    quantity: 'orders.field.quantity',
    unit_price: 'orders.field.unit_price',
    list_price: 'orders.field.list_price',
    unit_cost: 'orders.field.unit_cost',
    discount_kind: 'orders.field.discount_kind',
    discount_value: 'orders.field.discount_value',
    gross: 'orders.field.gross',
    discount: 'orders.field.discount',
    total: 'orders.field.total',
  },
  // Contact plans (T2): labels of the plan dialog (src/ui/agenda/texts.*.json).
  contact_plans: {
    ...COMMON,
    branch_id: 'agenda.conflictField.branch',
    staff_id: 'agenda.plan.staff',
    staff_name: 'agenda.conflictField.staffName',
    channel: 'agenda.plan.channel',
    purpose: 'agenda.plan.purpose',
    reason: 'agenda.plan.reason',
    first_date: 'agenda.conflictField.firstDate',
    due_date: 'agenda.plan.date',
    due_time: 'agenda.conflictField.dueTime',
    recurrence_unit: 'agenda.conflictField.recurrenceUnit',
    recurrence_every: 'agenda.plan.every',
    until_date: 'agenda.conflictField.untilDate',
    occurrence: 'agenda.conflictField.occurrence',
    status: 'agenda.conflictField.status',
  },
  shipments: {
    ...COMMON,
    order_id: 'orders.field.order_id',
    branch_id: 'orders.field.branch_id',
    courier: 'shipments.field.courier',
    tracking_number: 'shipments.field.tracking_number',
    address: 'shipments.field.address',
    recipient_name: 'shipments.field.recipient_name',
    recipient_phone: 'shipments.field.recipient_phone',
    status: 'shipments.field.status',
    status_at: 'shipments.field.status_at',
  },
};

/** What a row of a table other than customers is, so "Tahun" reads "Aset · Tahun". */
export const CONFLICT_TABLE_LABELS: Record<string, string> = {
  contact_points: 'sync.table.contactPoints',
  customer_relations: 'sync.table.relations',
  customer_assets: 'sync.table.assets',
  customer_needs: 'sync.table.needs',
  customer_sensitive: 'sync.table.sensitive',
  appointments: 'appointment.conflictTable',
  cases: 'cases.field.table',
  orders: 'orders.table.orders',
  order_lines: 'orders.table.orderLines',
  shipments: 'orders.table.shipments',
  contact_plans: 'agenda.conflictField.table',
};

/** The i18n key naming a conflict's field, or null for a column this build does not know. */
export function conflictFieldKey(table: string, field: string): string | null {
  return CONFLICT_FIELD_LABELS[table]?.[field] ?? null;
}

/** "Pekerjaan", or "Aset · Tahun" for a field of a customer's asset; the column name when unknown. */
export function conflictFieldText(table: string, field: string, t: (key: string) => string): string {
  const fieldKey = conflictFieldKey(table, field);
  const name = fieldKey ? t(fieldKey) : field;
  const tableKey = CONFLICT_TABLE_LABELS[table];
  return tableKey ? `${t(tableKey)} · ${name}` : name;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ConflictValue = string | number | boolean | null;

/**
 * Where a conflict's value belongs: its table, and the branch's case
 * categories when known. The branch loads them from its case settings; the
 * head office has none (the labels a manager typed stay at the branch), so
 * there a branch's own category reads as its code in words.
 */
export interface ConflictWhere {
  table?: string;
  categories?: readonly CaseCategory[];
}

/** The stored code behind a value shown in words (a case's category), to show beside it; null for other fields. */
export function conflictValueCode(table: string | undefined, field: string, value: ConflictValue): string | null {
  if (table !== 'cases' || field !== 'category' || value === null || value === '') return null;
  return String(value);
}

const BOOLEAN_FIELDS = new Set(['deleted', 'whatsapp', 'verified', 'invalid', 'is_primary', 'export_consent']);
const INSTANT_FIELDS = new Set(['archived_at', 'created_at', 'updated_at', 'starts_at', 'ends_at', 'status_changed_at']);

/**
 * A conflict's value as the profile would show it: dates in the branch's
 * format, codes in words, phones as 0812-3456-7890, the NIK masked (C1).
 * Values travel as SQLite stores them (booleans 0/1, tags as JSON text).
 */
export function formatConflictValue(field: string, value: ConflictValue, t: Translate, locale: Locale, zone: BranchTimeZone, where: ConflictWhere = {}): string {
  if (value === null || value === '') return t('sync.conflicts.empty');
  if (conflictValueCode(where.table, field, value) !== null) return categoryLabel(locale, String(value), where.categories);
  if (BOOLEAN_FIELDS.has(field)) return value === 1 || value === true ? t('sync.conflicts.yes') : t('sync.conflicts.no');
  const text = String(value);
  if (field === 'birth_date' || field === 'due_date') return formatCalendarDate(text, locale);
  if (INSTANT_FIELDS.has(field)) return formatInstant(text, zone, locale);
  if (field === 'nik') return maskNik(text) ?? text;
  if (field === 'gender') return t(`gender.${text}`);
  if (field === 'lifecycle_stage') return t(`stage.${text}`);
  if (where.table === 'cases') {
    // A case's coded fields in the words of the case screens (an unknown code shows as stored).
    const key = CASE_CODED_FIELDS[field];
    if (key) return t(`${key}.${text}`, { defaultValue: text });
  }
  if (field === 'status' && text in APPOINTMENT_STATUS_SET) return t(`appointment.status.${text}`);
  if (field === 'label') return t(`phoneLabel.${text}`);
  if (field === 'value' && text.startsWith('+')) return formatPhone(text);
  if (field === 'tags' || field === 'hobbies') {
    try {
      const tags = JSON.parse(text) as unknown;
      if (Array.isArray(tags)) return tags.length > 0 ? tags.join(', ') : t('sync.conflicts.empty');
    } catch {
      // not JSON: shown as stored
    }
  }
  return text;
}
