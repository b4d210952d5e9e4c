import { z } from 'zod';

/**
 * The product and service catalogue (REQUIREMENTS S5). Maintained by the
 * head office and synced down to every branch as reference data: a branch
 * reads it (orders pick their lines from it) and never writes it. Items are
 * never deleted; a retired item stays readable (old orders name it) but is
 * not offered for new orders.
 */
export const CATALOGUE_KINDS = ['product', 'service'] as const;
export type CatalogueKind = (typeof CATALOGUE_KINDS)[number];

/** SKU or service code: what a clerk types to find the item, 1-32 letters, digits, dot, dash, slash or underscore; stored upper case. */
export const skuSchema = z
  .string({ message: 'required' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9._/-]{0,31}$/, { message: 'invalid_sku' });

const name = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(200, { message: 'too_long' });
const category = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(80, { message: 'too_long' });
/** Integer Rupiah, 0 .. Rp1 T. */
const rupiah = z
  .number({ message: 'invalid_type' })
  .int({ message: 'invalid_amount' })
  .min(0, { message: 'invalid_amount' })
  .max(1_000_000_000_000, { message: 'invalid_amount' });
/** Typical length of a service in minutes (a car service: 120). */
const duration = z
  .number({ message: 'invalid_type' })
  .int({ message: 'invalid_number' })
  .min(1, { message: 'invalid_number' })
  .max(60 * 24 * 30, { message: 'invalid_number' });
const description = z
  .string({ message: 'invalid_type' })
  .trim()
  .max(2000, { message: 'too_long' })
  .transform((s) => (s === '' ? null : s));

export const catalogueItemCreateSchema = z
  .strictObject(
    {
      sku: skuSchema,
      name,
      kind: z.enum(CATALOGUE_KINDS, { message: 'invalid_value' }),
      category,
      unitPrice: rupiah,
      unitCost: rupiah.default(0),
      durationMinutes: duration.nullable().optional(),
      description: description.nullable().optional(),
    },
    { message: 'invalid_type' },
  )
  .superRefine((item, ctx) => {
    if (item.kind === 'product' && item.durationMinutes != null) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'product_duration' });
  });
export type CatalogueItemCreate = z.input<typeof catalogueItemCreateSchema>;

/** The fields to change; the others stay. The kind of an item never changes (orders and appointments rely on it). */
export const catalogueItemPatchSchema = z
  .strictObject(
    {
      sku: skuSchema,
      name,
      category,
      unitPrice: rupiah,
      unitCost: rupiah,
      durationMinutes: duration.nullable(),
      description: description.nullable(),
    },
    { message: 'invalid_type' },
  )
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'required' });
export type CatalogueItemPatch = z.input<typeof catalogueItemPatchSchema>;

export const catalogueItemSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  kind: z.enum(CATALOGUE_KINDS),
  category: z.string(),
  unitPrice: z.number().int(),
  unitCost: z.number().int(),
  durationMinutes: z.number().int().nullable(),
  description: z.string().nullable(),
  /** Null while the item is offered; the time it was retired otherwise. */
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CatalogueItem = z.infer<typeof catalogueItemSchema>;

/** Which items a list shows. */
export const CATALOGUE_STATUSES = ['active', 'retired', 'all'] as const;

export const catalogueQuerySchema = z.strictObject({
  /** Name (any word's start) or SKU prefix; empty lists everything. */
  query: z.string({ message: 'invalid_type' }).trim().max(100, { message: 'too_long' }).default(''),
  kind: z.enum(CATALOGUE_KINDS, { message: 'invalid_value' }).optional(),
  category: z.string({ message: 'invalid_type' }).trim().max(80, { message: 'too_long' }).optional(),
  status: z.enum(CATALOGUE_STATUSES, { message: 'invalid_value' }).default('active'),
  offset: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(0, { message: 'invalid_number' }).default(0),
  limit: z.number({ message: 'invalid_type' }).int({ message: 'invalid_number' }).min(1, { message: 'invalid_number' }).max(500, { message: 'invalid_number' }).default(50),
});
export type CatalogueQuery = z.output<typeof catalogueQuerySchema>;

export const catalogueListSchema = z.object({
  total: z.number().int(),
  items: z.array(catalogueItemSchema),
  /** Every category in use, for filters. */
  categories: z.array(z.string()),
});
export type CatalogueList = z.infer<typeof catalogueListSchema>;

/** The synced row (SQLite column names, as in src/shared/sync/tables.ts) of an item. */
export interface CatalogueRow {
  sku: string;
  name: string;
  kind: CatalogueKind;
  category: string;
  unit_price: number;
  unit_cost: number;
  duration_minutes: number | null;
  description: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

export function catalogueItemFromRow(id: string, r: CatalogueRow): CatalogueItem {
  return {
    id,
    sku: r.sku,
    name: r.name,
    kind: r.kind,
    category: r.category,
    unitPrice: r.unit_price,
    unitCost: r.unit_cost,
    durationMinutes: r.duration_minutes ?? null,
    description: r.description ?? null,
    retiredAt: r.retired_at ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
