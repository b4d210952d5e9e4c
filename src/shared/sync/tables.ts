/**
 * The synced tables, declared once for both ends. A table joins sync by
 * adding an entry here (and its branch-side apply hook): the branch captures
 * its changes, the head office validates, merges and routes them by scope.
 *
 * Column names are the SQLite column names; values travel as SQLite stores
 * them (booleans as 0/1, JSON columns as text).
 */

export type ColumnType = 'text' | 'integer' | 'boolean' | 'json';

export interface SyncedColumn {
  type: ColumnType;
  nullable?: boolean;
  /**
   * Bookkeeping columns (updated_at, updated_by) change with every edit; they
   * merge by clock like any field but their concurrent edits are not
   * conflicts worth a person's time.
   */
  quiet?: boolean;
  /** Sync schema version that introduced the column (B8: older branches neither send nor receive it). */
  since?: number;
  /**
   * On an 'append' table: the one column that may still change after the
   * row is written, from null to a value (a void mark). Any other change to
   * an append row is refused.
   */
  amendable?: boolean;
}

export type SyncScope =
  /** Rows of a customer: routed to the customer's home branch and the branches serving them. */
  | { kind: 'customer'; customerColumn: string }
  /** Reference data written by the head office only, sent to every branch. */
  | { kind: 'reference' };

export interface SyncedTable {
  name: string;
  scope: SyncScope;
  /** 'fields': profile-like, merged field by field. 'append': rows are written once and never changed. */
  policy: 'fields' | 'append';
  columns: Record<string, SyncedColumn>;
  /** Column naming the branch that created the row. */
  ownerColumn?: string;
  /**
   * Sensitive data (health, finances): its conflicts, which show both values,
   * are listed only to roles with sensitive-data access (SENSITIVE_ROLES).
   */
  sensitive?: boolean;
}

/** Tables whose conflicts only roles with sensitive-data access may see. */
export function sensitiveTables(): string[] {
  return SYNCED_TABLES.filter((t) => t.sensitive).map((t) => t.name);
}

/** Sync schema version of this build. Bump when a synced column or table is added. */
export const SYNC_SCHEMA_VERSION = 4;
/** Oldest branch schema the head office still serves (B8). */
export const MIN_SYNC_SCHEMA_VERSION = 1;

/** Marks every column of a table as new in sync schema `version`. */
function since(version: number, columns: Record<string, SyncedColumn>): Record<string, SyncedColumn> {
  return Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, { ...c, since: version }]));
}
const v3 = (columns: Record<string, SyncedColumn>) => since(3, columns);
/** Version 4: contact plans, reminders, cases, orders, shipments, appointments (front office, T2-T3, S1-S4). */
export const v4 = (columns: Record<string, SyncedColumn>) => since(4, columns);

export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    name: 'customers',
    scope: { kind: 'customer', customerColumn: 'id' },
    policy: 'fields',
    ownerColumn: 'home_branch_id',
    columns: {
      customer_number: { type: 'text' },
      full_name: { type: 'text' },
      nickname: { type: 'text', nullable: true },
      nik: { type: 'text', nullable: true },
      birth_date: { type: 'text', nullable: true },
      gender: { type: 'text', nullable: true },
      occupation: { type: 'text', nullable: true },
      address_line: { type: 'text', nullable: true },
      city: { type: 'text', nullable: true },
      province: { type: 'text', nullable: true },
      postal_code: { type: 'text', nullable: true },
      tags: { type: 'json' },
      lifecycle_stage: { type: 'text' },
      notes: { type: 'text', nullable: true },
      home_branch_id: { type: 'text' },
      created_at: { type: 'text' },
      created_by: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      updated_by: { type: 'text', quiet: true },
      archived_at: { type: 'text', nullable: true },
      deleted: { type: 'boolean' },
      // Version 2 (front office, C1 and C8). Nullable: a version-1 branch creates customers without them.
      hobbies: { type: 'json', nullable: true, since: 2 },
      likes: { type: 'text', nullable: true, since: 2 },
      dislikes: { type: 'text', nullable: true, since: 2 },
      ambitions: { type: 'text', nullable: true, since: 2 },
      shopping_habits: { type: 'text', nullable: true, since: 2 },
      preferred_channel: { type: 'text', nullable: true, since: 2 },
      preferred_contact_time: { type: 'text', nullable: true, since: 2 },
      preferred_language: { type: 'text', nullable: true, since: 2 },
      external_ref: { type: 'text', nullable: true, since: 2 },
    },
  },
  {
    name: 'contact_points',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    columns: {
      customer_id: { type: 'text' },
      kind: { type: 'text' },
      value: { type: 'text' },
      phone_kind: { type: 'text', nullable: true },
      label: { type: 'text', nullable: true },
      whatsapp: { type: 'boolean' },
      verified: { type: 'boolean' },
      invalid: { type: 'boolean' },
      is_primary: { type: 'boolean' },
      position: { type: 'integer' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      deleted: { type: 'boolean' },
    },
  },
  {
    name: 'transactions',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: {
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      occurred_at: { type: 'text' },
      kind: { type: 'text' },
      amount: { type: 'integer' },
      cost: { type: 'integer' },
      discount: { type: 'integer' },
      item_count: { type: 'integer' },
      created_at: { type: 'text' },
      voided_at: { type: 'text', nullable: true, since: 2, amendable: true, quiet: true },
    },
  },
  // Version 2: Customer 360 and the interaction log (front office).
  {
    name: 'customer_relations',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    columns: {
      customer_id: { type: 'text' },
      related_customer_id: { type: 'text' },
      relation: { type: 'text' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      deleted: { type: 'boolean' },
    },
  },
  {
    name: 'customer_assets',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    columns: {
      customer_id: { type: 'text' },
      kind: { type: 'text' },
      label: { type: 'text' },
      identifier: { type: 'text', nullable: true },
      year: { type: 'integer', nullable: true },
      due_kind: { type: 'text', nullable: true },
      due_date: { type: 'text', nullable: true },
      notes: { type: 'text', nullable: true },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      deleted: { type: 'boolean' },
    },
  },
  {
    name: 'customer_needs',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    columns: {
      customer_id: { type: 'text' },
      kind: { type: 'text' },
      text: { type: 'text' },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      created_at: { type: 'text' },
      deleted: { type: 'boolean' },
    },
  },
  {
    name: 'customer_sensitive',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    sensitive: true,
    columns: {
      customer_id: { type: 'text' },
      health_conditions: { type: 'text', nullable: true },
      financial_notes: { type: 'text', nullable: true },
      children: { type: 'text', nullable: true },
      export_consent: { type: 'boolean' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      updated_by: { type: 'text', quiet: true },
    },
  },
  {
    name: 'profile_changes',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: {
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      changed_at: { type: 'text' },
      source: { type: 'text' },
      fields: { type: 'json' },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
    },
  },
  {
    name: 'interactions',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: {
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      occurred_at: { type: 'text' },
      channel: { type: 'text' },
      direction: { type: 'text' },
      exchange: { type: 'text' },
      purpose: { type: 'text' },
      outcome: { type: 'text' },
      duration_minutes: { type: 'integer', nullable: true },
      notes: { type: 'text', nullable: true },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      created_at: { type: 'text' },
    },
  },
  // Version 3: the product and service catalogue (S5), reference data written by the head office only.
  // Whole tables new in 3: a version-2 branch neither gets their rows nor counts them.
  {
    name: 'catalogue_items',
    scope: { kind: 'reference' },
    policy: 'fields',
    columns: v3({
      sku: { type: 'text' },
      name: { type: 'text' },
      kind: { type: 'text' },
      category: { type: 'text' },
      unit_price: { type: 'integer' },
      unit_cost: { type: 'integer' },
      duration_minutes: { type: 'integer', nullable: true },
      description: { type: 'text', nullable: true },
      retired_at: { type: 'text', nullable: true },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
    }),
  },
  // Version 4: service appointments with their history and quality-control reports (S4).
  {
    name: 'appointments',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    ownerColumn: 'branch_id',
    columns: v4({
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      asset_id: { type: 'text', nullable: true },
      service_item_id: { type: 'text' },
      service_sku: { type: 'text' },
      service_name: { type: 'text' },
      service_price: { type: 'integer' },
      duration_minutes: { type: 'integer' },
      starts_at: { type: 'text' },
      ends_at: { type: 'text' },
      technician_id: { type: 'text' },
      technician_name: { type: 'text' },
      status: { type: 'text' },
      status_changed_at: { type: 'text', quiet: true },
      qc_result: { type: 'text', nullable: true },
      notes: { type: 'text', nullable: true },
      created_at: { type: 'text' },
      created_by: { type: 'text' },
      created_by_name: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
    }),
  },
  {
    name: 'appointment_events',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      appointment_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      at: { type: 'text' },
      kind: { type: 'text' },
      from_status: { type: 'text', nullable: true },
      to_status: { type: 'text' },
      starts_at: { type: 'text', nullable: true },
      technician_name: { type: 'text', nullable: true },
      note: { type: 'text', nullable: true },
      asset_due_date: { type: 'text', nullable: true },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      created_at: { type: 'text' },
    }),
  },
  {
    name: 'qc_reports',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      appointment_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      inspected_at: { type: 'text' },
      inspector_id: { type: 'text' },
      inspector_name: { type: 'text' },
      result: { type: 'text' },
      items: { type: 'json' },
      notes: { type: 'text', nullable: true },
      created_at: { type: 'text' },
    }),
  },
  // Version 4: cases (S1). The case merges field by field (status, assignee,
  // department, deadlines move); its history is append-only, so two branches
  // working the same case both keep every step they recorded.
  {
    name: 'cases',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    ownerColumn: 'branch_id',
    columns: v4({
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      case_number: { type: 'text' },
      kind: { type: 'text' },
      channel: { type: 'text' },
      category: { type: 'text' },
      priority: { type: 'text' },
      subject: { type: 'text' },
      description: { type: 'text', nullable: true },
      department: { type: 'text' },
      routed_by: { type: 'text' },
      assignee_id: { type: 'text', nullable: true },
      assignee_name: { type: 'text', nullable: true },
      status: { type: 'text' },
      opened_at: { type: 'text' },
      opened_by: { type: 'text' },
      opened_by_name: { type: 'text' },
      first_response_due_at: { type: 'text' },
      first_responded_at: { type: 'text', nullable: true },
      sla_due_at: { type: 'text' },
      head_office_due_at: { type: 'text' },
      resolved_at: { type: 'text', nullable: true },
      closed_at: { type: 'text', nullable: true },
      resolution: { type: 'text', nullable: true },
      satisfaction: { type: 'integer', nullable: true },
      satisfaction_note: { type: 'text', nullable: true },
      escalation_level: { type: 'integer' },
      escalated_at: { type: 'text', nullable: true },
      reopen_count: { type: 'integer' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      updated_by: { type: 'text', quiet: true },
      deleted: { type: 'boolean' },
    }),
  },
  {
    name: 'case_events',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      case_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      at: { type: 'text' },
      kind: { type: 'text' },
      from_value: { type: 'text', nullable: true },
      to_value: { type: 'text', nullable: true },
      note: { type: 'text', nullable: true },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
    }),
  },
  // Version 4: orders, their lines, the line items of completed orders' purchases, shipments and their history (S2, S3).
  {
    name: 'orders',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    ownerColumn: 'branch_id',
    columns: v4({
      order_number: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      status: { type: 'text' },
      discount_kind: { type: 'text', nullable: true },
      discount_value: { type: 'integer', nullable: true },
      gross: { type: 'integer' },
      subtotal: { type: 'integer' },
      line_discounts: { type: 'integer' },
      order_discount: { type: 'integer' },
      total: { type: 'integer' },
      cost: { type: 'integer' },
      item_count: { type: 'integer' },
      notes: { type: 'text', nullable: true },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      transaction_id: { type: 'text', nullable: true },
      created_at: { type: 'text' },
      confirmed_at: { type: 'text', nullable: true },
      paid_at: { type: 'text', nullable: true },
      completed_at: { type: 'text', nullable: true },
      cancelled_at: { type: 'text', nullable: true },
      cancel_reason: { type: 'text', nullable: true },
      updated_at: { type: 'text', quiet: true },
    }),
  },
  {
    name: 'order_lines',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    columns: v4({
      order_id: { type: 'text' },
      customer_id: { type: 'text' },
      position: { type: 'integer' },
      catalogue_item_id: { type: 'text' },
      sku: { type: 'text' },
      name: { type: 'text' },
      kind: { type: 'text' },
      quantity: { type: 'integer' },
      unit_price: { type: 'integer' },
      list_price: { type: 'integer' },
      unit_cost: { type: 'integer' },
      discount_kind: { type: 'text', nullable: true },
      discount_value: { type: 'integer', nullable: true },
      gross: { type: 'integer' },
      discount: { type: 'integer' },
      total: { type: 'integer' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
      deleted: { type: 'boolean' },
    }),
  },
  {
    name: 'line_items',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      transaction_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      order_id: { type: 'text', nullable: true },
      product_id: { type: 'text' },
      quantity: { type: 'integer' },
      unit_price: { type: 'integer' },
      unit_cost: { type: 'integer' },
      discount: { type: 'integer' },
      amount: { type: 'integer' },
      created_at: { type: 'text' },
    }),
  },
  {
    name: 'shipments',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    ownerColumn: 'branch_id',
    columns: v4({
      order_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      courier: { type: 'text' },
      tracking_number: { type: 'text', nullable: true },
      address: { type: 'text', nullable: true },
      recipient_name: { type: 'text', nullable: true },
      recipient_phone: { type: 'text', nullable: true },
      status: { type: 'text' },
      status_at: { type: 'text' },
      created_at: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
    }),
  },
  {
    name: 'shipment_events',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      shipment_id: { type: 'text' },
      order_id: { type: 'text' },
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      status: { type: 'text' },
      note: { type: 'text', nullable: true },
      occurred_at: { type: 'text' },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      created_at: { type: 'text' },
    }),
  },
  // Version 4: contact plans and what was done with agenda items (T2, T3).
  {
    name: 'contact_plans',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'fields',
    ownerColumn: 'branch_id',
    columns: v4({
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      channel: { type: 'text' },
      purpose: { type: 'text' },
      reason: { type: 'text', nullable: true },
      first_date: { type: 'text' },
      due_date: { type: 'text' },
      due_time: { type: 'text', nullable: true },
      recurrence_unit: { type: 'text', nullable: true },
      recurrence_every: { type: 'integer', nullable: true },
      until_date: { type: 'text', nullable: true },
      occurrence: { type: 'integer' },
      status: { type: 'text' },
      created_at: { type: 'text' },
      created_by: { type: 'text' },
      updated_at: { type: 'text', quiet: true },
    }),
  },
  {
    name: 'agenda_outcomes',
    scope: { kind: 'customer', customerColumn: 'customer_id' },
    policy: 'append',
    ownerColumn: 'branch_id',
    columns: v4({
      customer_id: { type: 'text' },
      branch_id: { type: 'text' },
      source: { type: 'text' },
      plan_id: { type: 'text', nullable: true },
      occasion: { type: 'text' },
      action: { type: 'text' },
      due_date: { type: 'text' },
      new_date: { type: 'text', nullable: true },
      reason: { type: 'text', nullable: true },
      interaction_id: { type: 'text', nullable: true },
      staff_id: { type: 'text' },
      staff_name: { type: 'text' },
      created_at: { type: 'text' },
    }),
  },
];

const BY_NAME = new Map(SYNCED_TABLES.map((t) => [t.name, t]));

export function syncedTable(name: string): SyncedTable | undefined {
  return BY_NAME.get(name);
}

/** Whether a branch at `schemaVersion` knows the table at all (a table whose every column is newer is unknown to it). */
export function tableKnownAt(table: SyncedTable, schemaVersion: number): boolean {
  return Object.values(table.columns).some((c) => (c.since ?? 1) <= schemaVersion);
}

/** Reference tables (head office only, sent to every branch) a branch at `schemaVersion` knows. */
export function referenceTablesAt(schemaVersion: number): SyncedTable[] {
  return SYNCED_TABLES.filter((t) => t.scope.kind === 'reference' && tableKnownAt(t, schemaVersion));
}

/**
 * Tables with a column a branch first knows when it moves from schema `from`
 * to `to`: rows it pulled before lack those columns (or were never sent), so
 * the head office sends them again once (B8).
 */
export function tablesGainedBetween(from: number, to: number): SyncedTable[] {
  return SYNCED_TABLES.filter((t) => Object.values(t.columns).some((c) => (c.since ?? 1) > from && (c.since ?? 1) <= to));
}

/** Columns a branch at `schemaVersion` knows. */
export function columnsFor(table: SyncedTable, schemaVersion: number): string[] {
  return Object.entries(table.columns)
    .filter(([, c]) => (c.since ?? 1) <= schemaVersion)
    .map(([name]) => name);
}

/** Checks one value against its column; returns a reason or null. */
export function checkValue(column: SyncedColumn, value: unknown): string | null {
  if (value === null) return column.nullable ? null : 'must not be null';
  switch (column.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? null : 'must be text of at most 10,000 characters';
    case 'integer':
      return Number.isSafeInteger(value) ? null : 'must be a whole number';
    case 'boolean':
      return value === 0 || value === 1 || value === true || value === false ? null : 'must be 0 or 1';
    case 'json':
      if (typeof value !== 'string' || value.length > 10_000) return 'must be JSON text';
      try {
        JSON.parse(value);
        return null;
      } catch {
        return 'must be JSON text';
      }
  }
}

/**
 * One row as the text both ends hash for scope checksums: its id, then each
 * column in declared order (booleans as 0/1, missing as null).
 */
export function canonicalRow(rowId: string, fields: Record<string, unknown>, columns: string[]): string {
  let s = rowId;
  for (const c of columns) {
    const v = fields[c];
    s += `\u0001${v === true ? '1' : v === false ? '0' : v === undefined || v === null ? 'null' : JSON.stringify(v)}`;
  }
  return `${s}\u0002`;
}
