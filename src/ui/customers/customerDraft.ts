import type { FieldIssue } from '../../shared/api/errors.js';
import type { InputOf } from '../../shared/api/contract.js';
import type { Customer, CustomerRow } from '../../shared/domain/customer.js';
import { GENDERS, PHONE_LABELS } from '../../shared/domain/customer.js';
import type { Channel } from '../../shared/domain/interaction.js';
import type { Relation } from '../../shared/domain/profile.js';
import type { FieldErrors } from '../lib/fieldErrors.js';

/**
 * What the customer form holds while the clerk types, and how it becomes the
 * input of customers.create or the patch of customers.update. Blank phone and
 * email rows are left out, so issue paths from the server (['phones', 1,
 * 'number']) are mapped back to the row the clerk sees by the row's key.
 */
export type PhoneLabel = (typeof PHONE_LABELS)[number];
export type Gender = (typeof GENDERS)[number];

export interface PhoneDraft {
  key: string;
  number: string;
  label: PhoneLabel;
  whatsapp: boolean;
  verified: boolean;
  invalid: boolean;
}

export interface EmailDraft {
  key: string;
  address: string;
  verified: boolean;
  invalid: boolean;
}

export interface CustomerDraft {
  fullName: string;
  nickname: string;
  nik: string;
  birthDate: string;
  gender: Gender | '';
  occupation: string;
  address: { line: string; city: string; province: string; postalCode: string };
  phones: PhoneDraft[];
  emails: EmailDraft[];
  tags: string[];
  lifecycleStage: CustomerRow['lifecycleStage'];
  notes: string;
  hobbies: string[];
  likes: string;
  dislikes: string;
  ambitions: string;
  shoppingHabits: string;
  preferredChannel: Channel | '';
  preferredContactTime: string;
  preferredLanguage: string;
  externalRef: string;
  family: FamilyDraft[];
}

/** A family member picked by search: the link, and the name to show. */
export interface FamilyDraft {
  key: string;
  customerId: string;
  fullName: string;
  customerNumber: string;
  relation: Relation;
}

let nextKey = 0;
export function rowKey(): string {
  nextKey += 1;
  return `r${nextKey}`;
}

export function newPhone(number = ''): PhoneDraft {
  return { key: rowKey(), number, label: 'mobile', whatsapp: false, verified: false, invalid: false };
}

export function newEmail(address = ''): EmailDraft {
  return { key: rowKey(), address, verified: false, invalid: false };
}

export function emptyDraft(prefill: { name?: string; phone?: string; email?: string; nik?: string } = {}): CustomerDraft {
  return {
    fullName: prefill.name ?? '',
    nickname: '',
    nik: prefill.nik ?? '',
    birthDate: '',
    gender: '',
    occupation: '',
    address: { line: '', city: '', province: '', postalCode: '' },
    phones: [newPhone(prefill.phone ?? '')],
    emails: [newEmail(prefill.email ?? '')],
    tags: [],
    lifecycleStage: 'new',
    notes: '',
    ...EMPTY_PERSONAL,
  };
}

const EMPTY_PERSONAL = {
  hobbies: [] as string[],
  likes: '',
  dislikes: '',
  ambitions: '',
  shoppingHabits: '',
  preferredChannel: '' as const,
  preferredContactTime: '',
  preferredLanguage: '',
  externalRef: '',
  family: [] as FamilyDraft[],
};

export function draftFromCustomer(customer: Customer): CustomerDraft {
  return {
    fullName: customer.fullName,
    nickname: customer.nickname ?? '',
    nik: customer.nik ?? '',
    birthDate: customer.birthDate ?? '',
    gender: customer.gender ?? '',
    occupation: customer.occupation ?? '',
    address: {
      line: customer.address.line ?? '',
      city: customer.address.city ?? '',
      province: customer.address.province ?? '',
      postalCode: customer.address.postalCode ?? '',
    },
    // An empty row to type into when there is none; blank rows are never sent.
    phones: customer.phones.length
      ? customer.phones.map((p) => ({ key: rowKey(), number: p.display, label: p.label, whatsapp: p.whatsapp, verified: p.verified, invalid: p.invalid }))
      : [newPhone()],
    emails: customer.emails.length ? customer.emails.map((e) => ({ key: rowKey(), address: e.address, verified: e.verified, invalid: e.invalid })) : [newEmail()],
    tags: [...customer.tags],
    lifecycleStage: customer.lifecycleStage,
    notes: customer.notes ?? '',
    hobbies: [...customer.hobbies],
    likes: customer.likes ?? '',
    dislikes: customer.dislikes ?? '',
    ambitions: customer.ambitions ?? '',
    shoppingHabits: customer.shoppingHabits ?? '',
    preferredChannel: customer.preferredChannel ?? '',
    preferredContactTime: customer.preferredContactTime ?? '',
    preferredLanguage: customer.preferredLanguage ?? '',
    externalRef: customer.externalRef ?? '',
    family: customer.family.map((f) => ({ key: rowKey(), customerId: f.customerId, fullName: f.fullName ?? '', customerNumber: f.customerNumber ?? '', relation: f.relation })),
  };
}

const filledPhones = (draft: CustomerDraft) => draft.phones.filter((p) => p.number.trim() !== '');
const filledEmails = (draft: CustomerDraft) => draft.emails.filter((e) => e.address.trim() !== '');
const phoneInput = (p: PhoneDraft) => ({ number: p.number.trim(), label: p.label, whatsapp: p.whatsapp, verified: p.verified, invalid: p.invalid });
const emailInput = (e: EmailDraft) => ({ address: e.address.trim(), verified: e.verified, invalid: e.invalid });
const orNull = (text: string) => (text.trim() === '' ? null : text);

export type CreateInput = InputOf<'customers.create'>;
export type PatchInput = InputOf<'customers.update'>['patch'];

export function toCreateInput(draft: CustomerDraft): CreateInput {
  return {
    fullName: draft.fullName,
    nickname: orNull(draft.nickname),
    nik: orNull(draft.nik),
    birthDate: orNull(draft.birthDate),
    gender: draft.gender === '' ? null : draft.gender,
    occupation: orNull(draft.occupation),
    address: {
      line: orNull(draft.address.line),
      city: orNull(draft.address.city),
      province: orNull(draft.address.province),
      postalCode: orNull(draft.address.postalCode),
    },
    phones: filledPhones(draft).map(phoneInput),
    emails: filledEmails(draft).map(emailInput),
    tags: draft.tags,
    lifecycleStage: draft.lifecycleStage,
    notes: orNull(draft.notes),
    hobbies: draft.hobbies,
    likes: orNull(draft.likes),
    dislikes: orNull(draft.dislikes),
    ambitions: orNull(draft.ambitions),
    shoppingHabits: orNull(draft.shoppingHabits),
    preferredChannel: draft.preferredChannel === '' ? null : draft.preferredChannel,
    preferredContactTime: orNull(draft.preferredContactTime),
    preferredLanguage: orNull(draft.preferredLanguage),
    externalRef: orNull(draft.externalRef),
    family: draft.family.map((f) => ({ customerId: f.customerId, relation: f.relation })),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Only what the clerk changed. Phones, emails and tags go as the whole new
 * list; the address goes whole when any line of it changed, so no reading of
 * "a missing part" is needed on the other side.
 */
export function toPatch(original: CustomerDraft, draft: CustomerDraft): PatchInput {
  const before = toCreateInput(original);
  const after = toCreateInput(draft);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CreateInput)[]) {
    if (!same(before[key], after[key])) patch[key] = after[key];
  }
  return patch as PatchInput;
}

export function isDirty(original: CustomerDraft, draft: CustomerDraft): boolean {
  return Object.keys(toPatch(original, draft)).length > 0;
}

/**
 * Server issue paths refer to the list that was sent (blank rows left out);
 * the form shows errors by row key: "phones.r3.number", "emails.r7.address".
 */
export function errorsByRow(errors: FieldErrors, draft: CustomerDraft): FieldErrors {
  const phones = filledPhones(draft);
  const emails = filledEmails(draft);
  const result: FieldErrors = {};
  for (const [key, issue] of Object.entries(errors)) {
    const [list, index, ...rest] = issue.path;
    const rows = list === 'phones' ? phones : list === 'emails' ? emails : list === 'family' ? draft.family : null;
    if (rows && typeof index === 'number' && rows[index]) {
      result[[list, rows[index].key, ...rest].join('.')] = issue;
    } else {
      result[key] = issue;
    }
  }
  return result;
}

/** Issues in the order the form shows them, for the summary at the top. */
export function issueList(errors: FieldErrors): FieldIssue[] {
  return Object.values(errors);
}
