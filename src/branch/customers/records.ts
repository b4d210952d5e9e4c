import type { Customer, CustomerRow } from '../../shared/domain/customer.js';
import type { FamilyMember } from '../../shared/domain/profile.js';
import { formatPhone, phoneSearchKeys } from '../../shared/domain/phone.js';
import type { ContactPointRecord, CustomerRecord } from '../db/schema.js';

/** Row shapes read by the list and search queries. */
export interface CustomerRowRecord {
  id: string;
  customer_number: string;
  full_name: string;
  city: string | null;
  birth_date: string | null;
  lifecycle_stage: CustomerRow['lifecycleStage'];
  archived_at: string | null;
  phone: string | null;
  email: string | null;
}

/** Columns and primary contacts for list pages and search results. */
export const ROW_COLUMNS = `c.id, c.customer_number, c.full_name, c.city, c.birth_date, c.lifecycle_stage, c.archived_at,
  (SELECT p.value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'phone' AND p.is_primary = 1 AND p.deleted = 0) AS phone,
  (SELECT p.value FROM contact_points p WHERE p.customer_id = c.id AND p.kind = 'email' AND p.is_primary = 1 AND p.deleted = 0) AS email`;

export function toCustomerRow(r: CustomerRowRecord): CustomerRow {
  return {
    id: r.id,
    customerNumber: r.customer_number,
    fullName: r.full_name,
    primaryPhone: r.phone,
    primaryEmail: r.email,
    city: r.city,
    birthDate: r.birth_date,
    lifecycleStage: r.lifecycle_stage,
    archived: r.archived_at !== null,
  };
}

export function toCustomer(c: CustomerRecord, contacts: ContactPointRecord[], family: FamilyMember[] = []): Customer {
  const live = contacts.filter((p) => !p.deleted).sort((a, b) => a.position - b.position);
  return {
    id: c.id,
    customerNumber: c.customerNumber,
    fullName: c.fullName,
    nickname: c.nickname,
    nik: c.nik,
    birthDate: c.birthDate,
    gender: c.gender,
    occupation: c.occupation,
    address: { line: c.addressLine, city: c.city, province: c.province, postalCode: c.postalCode },
    phones: live
      .filter((p) => p.kind === 'phone')
      .map((p) => ({
        id: p.id,
        e164: p.value,
        display: formatPhone(p.value),
        kind: p.phoneKind ?? 'mobile',
        label: p.label ?? 'mobile',
        whatsapp: p.whatsapp,
        verified: p.verified,
        invalid: p.invalid,
        primary: p.isPrimary,
      })),
    emails: live
      .filter((p) => p.kind === 'email')
      .map((p) => ({ id: p.id, address: p.value, verified: p.verified, invalid: p.invalid, primary: p.isPrimary })),
    tags: JSON.parse(c.tags) as string[],
    lifecycleStage: c.lifecycleStage,
    notes: c.notes,
    hobbies: c.hobbies ? (JSON.parse(c.hobbies) as string[]) : [],
    likes: c.likes,
    dislikes: c.dislikes,
    ambitions: c.ambitions,
    shoppingHabits: c.shoppingHabits,
    preferredChannel: c.preferredChannel as Customer['preferredChannel'],
    preferredContactTime: c.preferredContactTime,
    preferredLanguage: c.preferredLanguage,
    externalRef: c.externalRef,
    family,
    homeBranchId: c.homeBranchId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    archivedAt: c.archivedAt,
  };
}

/**
 * The three FTS columns for one customer (see drizzle/branch/0001_customer_search.sql).
 * Emails and customer numbers are indexed as one compact token each
 * ("budi.s@gmail.com" -> "budisgmailcom", "JKT01-000042" -> "jkt01000042"):
 * split into words, "gmail", "com" and the branch code would each match most
 * of the branch, and every email or number query would walk those doclists.
 */
export const SEARCH_INDEX_VERSION = 2;

export function compactToken(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function searchDocument(
  c: { fullName: string; nickname: string | null; customerNumber: string; nik: string | null },
  phones: string[],
  emails: string[],
): { name: string; contact: string; ident: string } {
  return {
    name: [c.fullName, c.nickname].filter(Boolean).join(' '),
    contact: [...phones.flatMap(phoneSearchKeys), ...emails.map(compactToken)].join(' '),
    ident: [compactToken(c.customerNumber), c.nik].filter(Boolean).join(' '),
  };
}
