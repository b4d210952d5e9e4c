import { z } from 'zod';

/**
 * The interaction log (REQUIREMENTS T1): every contact with a customer, on
 * every channel the source documents name ("lingkaran komunikasi"): offline
 * (counter, home visit, seminar or gathering, outlet) and online (phone, SMS,
 * email, WhatsApp, chat, social media). Order matters: the quick-log lists
 * them in this order and its first letter keys follow the Indonesian labels.
 */
export const CHANNELS = ['visit', 'phone', 'whatsapp', 'sms', 'email', 'chat', 'social', 'home_visit', 'gathering', 'outlet'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Who started the contact. */
export const DIRECTIONS = ['inbound', 'outbound'] as const;
/** One-way (a bulletin, a voicemail) or a real exchange. */
export const EXCHANGES = ['two_way', 'one_way'] as const;
/** Why we talk ("program komunikasi"): greeting, understanding, relationship, selling, plus service. */
export const PURPOSES = ['service', 'greeting', 'understanding', 'relationship', 'selling'] as const;
export const OUTCOMES = ['reached', 'follow_up', 'no_answer', 'sold', 'resolved', 'declined'] as const;

export type Direction = (typeof DIRECTIONS)[number];
export type Exchange = (typeof EXCHANGES)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Outcome = (typeof OUTCOMES)[number];

const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });

export const interactionInputSchema = z
  .object({
    customerId: id,
    channel: z.enum(CHANNELS, { message: 'invalid_value' }),
    direction: z.enum(DIRECTIONS, { message: 'invalid_value' }).default('inbound'),
    exchange: z.enum(EXCHANGES, { message: 'invalid_value' }).default('two_way'),
    purpose: z.enum(PURPOSES, { message: 'invalid_value' }),
    outcome: z.enum(OUTCOMES, { message: 'invalid_value' }).default('reached'),
    durationMinutes: z.number({ message: 'invalid_type' }).int({ message: 'invalid_type' }).min(0, { message: 'invalid' }).max(24 * 60, { message: 'invalid' }).nullable().optional(),
    notes: z
      .string({ message: 'invalid_type' })
      .trim()
      .max(4000, { message: 'too_long' })
      .transform((s) => (s === '' ? null : s))
      .nullable()
      .optional(),
    /** When it happened (UTC ISO); defaults to now. A contact cannot be logged in the future. */
    occurredAt: z
      .string({ message: 'invalid_type' })
      .datetime({ offset: true, message: 'invalid_date' })
      .refine((s) => Date.parse(s) <= Date.now() + 5 * 60_000, { message: 'future_time' })
      .optional(),
  })
  .strict();
export type InteractionInput = z.output<typeof interactionInputSchema>;

export const interactionSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  occurredAt: z.string(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  exchange: z.enum(EXCHANGES),
  purpose: z.enum(PURPOSES),
  outcome: z.enum(OUTCOMES),
  durationMinutes: z.number().int().nullable(),
  notes: z.string().nullable(),
  staffName: z.string(),
});
export type Interaction = z.infer<typeof interactionSchema>;
