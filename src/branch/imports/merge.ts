import type { Customer, CustomerPatch } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';

type Scalar = 'fullName' | 'nickname' | 'nik' | 'birthDate' | 'gender' | 'occupation' | 'notes' | 'lifecycleStage' | 'likes' | 'dislikes' | 'ambitions' | 'shoppingHabits' | 'preferredChannel' | 'preferredContactTime' | 'preferredLanguage' | 'externalRef';
const SCALARS: Scalar[] = ['fullName', 'nickname', 'nik', 'birthDate', 'gender', 'occupation', 'notes', 'lifecycleStage', 'likes', 'dislikes', 'ambitions', 'shoppingHabits', 'preferredChannel', 'preferredContactTime', 'preferredLanguage', 'externalRef'];

/**
 * What an import row changes on an existing customer. The file adds to the
 * profile, it never erases: an empty cell leaves the value alone, tags and
 * hobbies are added to the ones already there, and phones and emails the
 * customer has stay (new ones are added; a WhatsApp mark is added). The
 * result holds only what differs, so an unchanged row writes nothing.
 */
export function importChanges(current: Customer, row: CustomerPatch): CustomerPatch {
  const out: CustomerPatch = {};
  const set = out as Record<string, unknown>;
  for (const field of SCALARS) {
    const value = row[field];
    if (value !== undefined && value !== null && value !== current[field]) set[field] = value;
  }
  if (row.address) {
    const address: NonNullable<CustomerPatch['address']> = {};
    for (const part of ['line', 'city', 'province', 'postalCode'] as const) {
      const value = row.address[part];
      if (value && value !== current.address[part]) address[part] = value;
    }
    if (Object.keys(address).length > 0) out.address = address;
  }
  for (const list of ['tags', 'hobbies'] as const) {
    const added = (row[list] ?? []).filter((t) => !current[list].includes(t));
    if (added.length > 0) out[list] = [...current[list], ...added];
  }
  if (row.phones && row.phones.length > 0) {
    const phones = current.phones.map((p) => ({ number: p.e164, label: p.label, whatsapp: p.whatsapp, verified: p.verified, invalid: p.invalid }));
    let changed = false;
    for (const p of row.phones) {
      const e164 = normalisePhone(p.number)?.e164;
      const existing = phones.find((q) => q.number === e164);
      if (!existing) {
        phones.push(p);
        changed = true;
      } else if (p.whatsapp && !existing.whatsapp) {
        existing.whatsapp = true;
        changed = true;
      }
    }
    if (changed) out.phones = phones;
  }
  if (row.emails && row.emails.length > 0) {
    const known = new Set(current.emails.map((e) => e.address));
    const added = row.emails.filter((e) => !known.has(e.address));
    if (added.length > 0) out.emails = [...current.emails.map((e) => ({ address: e.address, verified: e.verified, invalid: e.invalid })), ...added];
  }
  return out;
}
