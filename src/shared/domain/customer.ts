import { z } from 'zod';
import { isIsoDate } from './dates.js';
import { normalisePhone } from './phone.js';
import { CHANNELS } from './interaction.js';
import { familyInputSchema, familyMemberSchema } from './profile.js';

/**
 * The customer record (REQUIREMENTS C1, C2) as it crosses the contract.
 * Messages are keys of FIELD_MESSAGES so every layer shows the same words.
 */

export const GENDERS = ['female', 'male'] as const;
export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'at_risk', 'lapsed'] as const;
export const PHONE_LABELS = ['mobile', 'home', 'work', 'other'] as const;

const optionalText = (max: number) =>
  z
    .string({ message: 'invalid_type' })
    .trim()
    .max(max, { message: 'too_long' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional();

export const birthDateSchema = z
  .string({ message: 'invalid_type' })
  .trim()
  .refine(isIsoDate, { message: 'invalid_date' })
  .refine((d) => d >= '1900-01-01', { message: 'too_old' })
  // Compared with tomorrow in UTC so a birth today in WIT (UTC+9) is accepted.
  .refine((d) => d <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), { message: 'future_date' });

export const phoneInputSchema = z.object({
  number: z
    .string({ message: 'required' })
    .trim()
    .min(1, { message: 'required' })
    .refine((s) => normalisePhone(s) !== null, { message: 'invalid_phone' }),
  label: z.enum(PHONE_LABELS, { message: 'invalid_value' }).default('mobile'),
  whatsapp: z.boolean({ message: 'invalid_type' }).default(false),
  verified: z.boolean({ message: 'invalid_type' }).default(false),
  invalid: z.boolean({ message: 'invalid_type' }).default(false),
});

export const emailInputSchema = z.object({
  address: z
    .string({ message: 'required' })
    .trim()
    .toLowerCase()
    .min(1, { message: 'required' })
    .max(254, { message: 'too_long' })
    .pipe(z.email({ message: 'invalid_email' })),
  verified: z.boolean({ message: 'invalid_type' }).default(false),
  invalid: z.boolean({ message: 'invalid_type' }).default(false),
});

export const addressSchema = z.object({
  line: optionalText(300),
  city: optionalText(100),
  province: optionalText(100),
  postalCode: z
    .string({ message: 'invalid_type' })
    .trim()
    .refine((s) => s === '' || /^\d{5}$/.test(s), { message: 'invalid' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
});

const tagSchema = z
  .string({ message: 'invalid_type' })
  .trim()
  .min(1, { message: 'invalid_tag' })
  .max(40, { message: 'invalid_tag' })
  .refine((t) => !t.includes(','), { message: 'invalid_tag' });

const hobbySchema = z
  .string({ message: 'invalid_type' })
  .trim()
  .min(1, { message: 'invalid_tag' })
  .max(60, { message: 'invalid_tag' })
  .refine((t) => !t.includes(','), { message: 'invalid_tag' });

const noDuplicate = <T>(key: (v: T) => string) => (list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const k = key(v);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: 'duplicate_contact', path: [i] });
    seen.add(k);
  });
};

/** Fields a clerk edits. Create requires fullName; update takes any subset. */
export const customerFieldsSchema = z.object({
  fullName: z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
  nickname: optionalText(60),
  nik: z
    .string({ message: 'invalid_type' })
    .trim()
    .refine((s) => s === '' || /^\d{16}$/.test(s), { message: 'invalid_nik' })
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  birthDate: z
    .union([z.literal('').transform(() => null), birthDateSchema])
    .nullable()
    .optional(),
  gender: z.enum(GENDERS, { message: 'invalid_value' }).nullable().optional(),
  occupation: optionalText(100),
  address: addressSchema.optional(),
  phones: z
    .array(phoneInputSchema)
    .max(10, { message: 'too_many' })
    .superRefine(noDuplicate((p) => normalisePhone(p.number)?.e164 ?? p.number))
    .optional(),
  emails: z
    .array(emailInputSchema)
    .max(10, { message: 'too_many' })
    .superRefine(noDuplicate((e) => e.address))
    .optional(),
  tags: z.array(tagSchema).max(30, { message: 'too_many' }).optional(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES, { message: 'invalid_value' }).optional(),
  notes: optionalText(4000),
  // C1 profiling: who they are beyond the identity card.
  hobbies: z.array(hobbySchema).max(20, { message: 'too_many' }).optional(),
  likes: optionalText(1000),
  dislikes: optionalText(1000),
  ambitions: optionalText(1000),
  shoppingHabits: optionalText(1000),
  preferredChannel: z.enum(CHANNELS, { message: 'invalid_value' }).nullable().optional(),
  preferredContactTime: optionalText(100),
  preferredLanguage: optionalText(40),
  /** The customer's number in the system the data came from (imports match on it). */
  externalRef: optionalText(64),
  /** Family members as links to other customers; the whole list, like phones. */
  family: z
    .array(familyInputSchema)
    .max(30, { message: 'too_many' })
    .superRefine(noDuplicate((f) => f.customerId))
    .optional(),
});

export const customerCreateSchema = customerFieldsSchema;
export const customerPatchSchema = customerFieldsSchema.partial();

export type CustomerCreateInput = z.input<typeof customerCreateSchema>;
export type CustomerCreate = z.output<typeof customerCreateSchema>;
export type CustomerPatch = z.output<typeof customerPatchSchema>;

export const phoneSchema = z.object({
  id: z.string(),
  e164: z.string(),
  display: z.string(),
  kind: z.enum(['mobile', 'landline']),
  label: z.enum(PHONE_LABELS),
  whatsapp: z.boolean(),
  verified: z.boolean(),
  invalid: z.boolean(),
  primary: z.boolean(),
});

export const emailSchema = z.object({
  id: z.string(),
  address: z.string(),
  verified: z.boolean(),
  invalid: z.boolean(),
  primary: z.boolean(),
});

export const customerSchema = z.object({
  id: z.string(),
  customerNumber: z.string(),
  fullName: z.string(),
  nickname: z.string().nullable(),
  nik: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  occupation: z.string().nullable(),
  address: z.object({
    line: z.string().nullable(),
    city: z.string().nullable(),
    province: z.string().nullable(),
    postalCode: z.string().nullable(),
  }),
  phones: z.array(phoneSchema),
  emails: z.array(emailSchema),
  tags: z.array(z.string()),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  notes: z.string().nullable(),
  hobbies: z.array(z.string()),
  likes: z.string().nullable(),
  dislikes: z.string().nullable(),
  ambitions: z.string().nullable(),
  shoppingHabits: z.string().nullable(),
  preferredChannel: z.enum(CHANNELS).nullable(),
  preferredContactTime: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  externalRef: z.string().nullable(),
  family: z.array(familyMemberSchema),
  homeBranchId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type Customer = z.infer<typeof customerSchema>;

/** One line of the customer list and of search results. */
export const customerRowSchema = z.object({
  id: z.string(),
  customerNumber: z.string(),
  fullName: z.string(),
  primaryPhone: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  city: z.string().nullable(),
  birthDate: z.string().nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  archived: z.boolean(),
});
export type CustomerRow = z.infer<typeof customerRowSchema>;

export const CUSTOMER_SORTS = ['name', 'customerNumber', 'createdAt', 'city'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Masks a NIK for screens: 3174********0001. */
export function maskNik(nik: string | null): string | null {
  if (!nik) return nik;
  return nik.length === 16 ? `${nik.slice(0, 4)}${'*'.repeat(8)}${nik.slice(12)}` : '*'.repeat(nik.length);
}
