import { isFieldMessageKey, type FieldMessageKey } from '../../shared/api/errors.js';
import { customerPatchSchema, type CustomerPatch } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { parseCalendarDate, parseChannel, parseGender, parseStage, splitList } from '../../shared/domain/import-values.js';
import type { CustomerImportField } from '../../shared/domain/importing.js';
import { cell, columnLabel, type ResolvedMapping } from './mapping.js';

export interface RowIssue {
  row: number;
  column: string | null;
  field: string | null;
  code: FieldMessageKey;
  value: string | null;
}

export interface CustomerKeys {
  externalRef: string | null;
  nik: string | null;
  phones: string[];
  emails: string[];
}

export interface CustomerRowResult {
  row: number;
  /** Only the fields this row gives a value for, validated by the contract's own schema. */
  patch: CustomerPatch | null;
  keys: CustomerKeys;
  issues: RowIssue[];
  /** What the row said, by field, for previews. */
  values: Record<string, string>;
}

const TEXT: CustomerImportField[] = ['fullName', 'nickname', 'occupation', 'notes', 'likes', 'dislikes', 'ambitions', 'shoppingHabits', 'preferredContactTime', 'preferredLanguage', 'externalRef'];
const ADDRESS: Partial<Record<CustomerImportField, 'line' | 'city' | 'province' | 'postalCode'>> = { addressLine: 'line', city: 'city', province: 'province', postalCode: 'postalCode' };
const PHONE_FIELDS: CustomerImportField[] = ['phone', 'phone2', 'whatsapp'];
const EMAIL_FIELDS: CustomerImportField[] = ['email', 'email2'];

/**
 * One file row to a customer patch. Cells are read by the mapping's rules
 * (dates, L/P, "WA"), then the patch goes through the same zod schema as
 * customers.create, so an import accepts exactly what the form accepts and
 * refuses it with the same messages, pointed at the row and column.
 */
export function readCustomerRow(m: ResolvedMapping, row: number, cells: string[]): CustomerRowResult {
  const issues: RowIssue[] = [];
  const values: Record<string, string> = {};
  const raw: Record<string, unknown> = {};
  const get = (f: CustomerImportField) => {
    const v = cell(m, cells, f);
    if (v) values[f] = v;
    return v;
  };
  const issue = (field: CustomerImportField, code: FieldMessageKey, value: string | null) =>
    issues.push({ row, column: columnLabel(m, field), field, code, value: value === null ? null : value.slice(0, 200) });

  for (const f of TEXT) {
    const v = get(f);
    if (v) raw[f] = v;
  }
  const nik = get('nik');
  if (nik) raw.nik = nik.replace(/[\s.-]/g, '');
  const birth = get('birthDate');
  if (birth) {
    const date = parseCalendarDate(birth, m.mapping.dateFormat);
    if (date) raw.birthDate = date;
    else issue('birthDate', 'invalid_date', birth);
  }
  const gender = get('gender');
  if (gender) {
    const g = parseGender(gender);
    if (g) raw.gender = g;
    else issue('gender', 'invalid_value', gender);
  }
  const stage = get('lifecycleStage');
  if (stage) {
    const s = parseStage(stage);
    if (s) raw.lifecycleStage = s;
    else issue('lifecycleStage', 'invalid_value', stage);
  }
  const channel = get('preferredChannel');
  if (channel) {
    const c = parseChannel(channel);
    if (c) raw.preferredChannel = c;
    else issue('preferredChannel', 'invalid_value', channel);
  }
  const address: Record<string, string> = {};
  for (const [f, part] of Object.entries(ADDRESS) as [CustomerImportField, string][]) {
    const v = get(f);
    if (v) address[part] = v;
  }
  if (Object.keys(address).length > 0) raw.address = address;
  for (const f of ['tags', 'hobbies'] as const) {
    const v = get(f);
    if (v) raw[f] = splitList(v);
  }

  // Phones: normalised once here; the same text goes on, so later reads hit normalisePhone's cache.
  const phones: { number: string; label: 'mobile' | 'home'; whatsapp: boolean; e164: string; field: CustomerImportField }[] = [];
  for (const f of PHONE_FIELDS) {
    const v = get(f);
    if (!v) continue;
    const n = normalisePhone(v);
    if (!n) {
      issue(f, 'invalid_phone', v);
      continue;
    }
    const same = phones.find((p) => p.e164 === n.e164);
    if (same) same.whatsapp ||= f === 'whatsapp';
    else phones.push({ number: v, label: n.kind === 'mobile' ? 'mobile' : 'home', whatsapp: f === 'whatsapp', e164: n.e164, field: f });
  }
  if (phones.length > 0) raw.phones = phones.map((p) => ({ number: p.number, label: p.label, whatsapp: p.whatsapp }));
  const emails: { address: string; field: CustomerImportField }[] = [];
  for (const f of EMAIL_FIELDS) {
    const v = get(f);
    if (v && !emails.some((e) => e.address.toLowerCase() === v.toLowerCase())) emails.push({ address: v, field: f });
  }
  if (emails.length > 0) raw.emails = emails.map((e) => ({ address: e.address }));

  const parsed = customerPatchSchema.safeParse(raw);
  if (!parsed.success) {
    for (const z of parsed.error.issues) {
      const [top, index, part] = z.path as (string | number)[];
      const field: CustomerImportField =
        top === 'phones' ? (phones[index as number]?.field ?? 'phone')
        : top === 'emails' ? (emails[index as number]?.field ?? 'email')
        : top === 'address' ? ((Object.entries(ADDRESS).find(([, p]) => p === part)?.[0] as CustomerImportField) ?? 'addressLine')
        : (top as CustomerImportField);
      const code: FieldMessageKey = isFieldMessageKey(z.message) ? z.message : 'invalid';
      issue(field, code, values[field] ?? null);
    }
  }
  return {
    row,
    patch: parsed.success && issues.length === 0 ? parsed.data : null,
    keys: {
      externalRef: (raw.externalRef as string | undefined) ?? null,
      nik: parsed.success ? (parsed.data.nik ?? null) : null,
      phones: phones.map((p) => p.e164),
      emails: parsed.success ? (parsed.data.emails ?? []).map((e) => e.address) : [],
    },
    issues,
    values,
  };
}

