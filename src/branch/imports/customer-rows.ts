import { isFieldMessageKey, type FieldMessageKey } from '../../shared/api/errors.js';
import { customerPatchSchema, GENDERS, LIFECYCLE_STAGES, PHONE_LABELS, type CustomerPatch } from '../../shared/domain/customer.js';
import { CHANNELS } from '../../shared/domain/interaction.js';
import { isIsoDate } from '../../shared/domain/dates.js';
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

  const plain = plainPatch(raw);
  const parsed = plain ? ({ success: true, data: plain } as const) : customerPatchSchema.safeParse(raw);
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


// --- The common row without zod's machinery --------------------------------

type Schema = { _zod: { def: { type: string; innerType?: Schema; in?: Schema; out?: Schema; shape?: Record<string, Schema>; element?: Schema; pattern?: RegExp } }; maxLength?: number | null };

/** The schema under optional/nullable wrappers and transforms. */
function inner(s: Schema): Schema {
  for (;;) {
    const d = s._zod.def;
    if ((d.type === 'optional' || d.type === 'nullable') && d.innerType) s = d.innerType;
    else if (d.type === 'pipe' && d.in && d.in._zod.def.type !== 'string') s = d.in;
    else return s;
  }
}

/** A string field's length limit, read from the schema itself (so the two cannot drift). */
function maxLength(s: Schema): number {
  let t = inner(s);
  if (t._zod.def.type === 'pipe') t = t._zod.def.in!;
  if (typeof t.maxLength !== 'number') throw new Error('customer-rows: a text field of customerPatchSchema has no length limit to read');
  return t.maxLength;
}

const SHAPE = (customerPatchSchema as unknown as Schema)._zod.def.shape!;
const ADDRESS_SHAPE = inner(SHAPE.address)._zod.def.shape!;
const TEXT_MAX = Object.fromEntries(TEXT.map((f) => [f, maxLength(SHAPE[f])])) as Record<string, number>;
const ADDRESS_MAX = { line: maxLength(ADDRESS_SHAPE.line), city: maxLength(ADDRESS_SHAPE.city), province: maxLength(ADDRESS_SHAPE.province) } as Record<string, number>;
const EMAIL_SCHEMA = inner(inner(SHAPE.emails)._zod.def.element!)._zod.def.shape!.address;
const EMAIL_MAX = maxLength(EMAIL_SCHEMA);
const EMAIL_PATTERN = EMAIL_SCHEMA._zod.def.out?._zod.def.pattern;
if (!(EMAIL_PATTERN instanceof RegExp)) throw new Error('customer-rows: the email rule of customerPatchSchema has no pattern to read');
const has = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/**
 * The patch customerPatchSchema would give for a row whose every value is
 * plainly within its rules, or null when anything is not (or is unusual:
 * tags, hobbies), and the row goes through the schema itself. A refusal
 * therefore always carries the schema's own message; this only skips the
 * schema's machinery (a third of reading a row) for the common valid row.
 * Lengths and the email pattern are read from the schema;
 * tests/unit/frontoffice/customer-rows.test.ts checks the two agree.
 */
export function plainPatch(raw: Record<string, unknown>): CustomerPatch | null {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const max = TEXT_MAX[key];
    if (max !== undefined) {
      if (typeof value !== 'string' || value.length > max || value !== value.trim() || value === '') return null;
      out[key] = value;
      continue;
    }
    switch (key) {
      case 'nik':
        if (typeof value !== 'string' || !/^\d{16}$/.test(value)) return null;
        out.nik = value;
        break;
      case 'birthDate':
        if (typeof value !== 'string' || !isIsoDate(value) || value < '1900-01-01' || value > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)) return null;
        out.birthDate = value;
        break;
      case 'gender':
        if (!has(GENDERS, value)) return null;
        out.gender = value;
        break;
      case 'lifecycleStage':
        if (!has(LIFECYCLE_STAGES, value)) return null;
        out.lifecycleStage = value;
        break;
      case 'preferredChannel':
        if (!has(CHANNELS, value)) return null;
        out.preferredChannel = value;
        break;
      case 'address': {
        const address: Record<string, string> = {};
        for (const [part, v] of Object.entries(value as Record<string, unknown>)) {
          if (typeof v !== 'string' || v === '' || v !== v.trim()) return null;
          if (part === 'postalCode') {
            if (!/^\d{5}$/.test(v)) return null;
          } else if (ADDRESS_MAX[part] === undefined || v.length > ADDRESS_MAX[part]) return null;
          address[part] = v;
        }
        out.address = address;
        break;
      }
      case 'phones': {
        const list = value as { number: unknown; label: unknown; whatsapp: unknown }[];
        if (list.length > 10) return null;
        const seen = new Set<string>();
        const phones = [];
        for (const p of list) {
          if (typeof p.number !== 'string' || p.number !== p.number.trim() || !has(PHONE_LABELS, p.label) || typeof p.whatsapp !== 'boolean') return null;
          const n = normalisePhone(p.number);
          if (!n || seen.has(n.e164)) return null;
          seen.add(n.e164);
          phones.push({ number: p.number, label: p.label, whatsapp: p.whatsapp, verified: false, invalid: false });
        }
        out.phones = phones;
        break;
      }
      case 'emails': {
        const list = value as { address: unknown }[];
        if (list.length > 10) return null;
        const seen = new Set<string>();
        const emails = [];
        for (const e of list) {
          if (typeof e.address !== 'string') return null;
          const address = e.address.trim().toLowerCase();
          if (address === '' || address.length > EMAIL_MAX || !EMAIL_PATTERN!.test(address) || seen.has(address)) return null;
          seen.add(address);
          emails.push({ address, verified: false, invalid: false });
        }
        out.emails = emails;
        break;
      }
      default:
        return null; // tags, hobbies and anything new: the schema decides
    }
  }
  return out as CustomerPatch;
}
