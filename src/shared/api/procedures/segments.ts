import { z } from 'zod';
import { procedure, type Procedure } from '../procedure.js';
import { customerFilterSchema } from '../../reports/filters.js';
import { id } from '../fields.js';
import { customerLineSchema, REPORT_ROLES } from './reports.js';

/** Saved customer filters (REQUIREMENTS M1), used by campaign work. */
export const segmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  filter: customerFilterSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

const name = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(80, { message: 'too_long' });
const description = z.string({ message: 'invalid_type' }).trim().max(500, { message: 'too_long' }).nullable().optional();

export const segmentProcedures = {
  'segments.list': procedure({ summary: 'Saved segments with their filters.', access: { roles: REPORT_ROLES }, mutates: false, input: z.object({}).strict(), output: z.array(segmentSchema) }),
  'segments.save': procedure({
    summary: 'Save a customer filter as a named segment (new, or change an existing one by id).',
    access: { roles: REPORT_ROLES },
    mutates: true,
    input: z.object({ id: id.optional(), name, description, filter: customerFilterSchema }).strict(),
    output: segmentSchema,
  }),
  'segments.delete': procedure({ summary: 'Delete a saved segment.', access: { roles: REPORT_ROLES }, mutates: true, input: z.object({ id }).strict(), output: z.object({ id: z.string() }) }),
  'segments.members': procedure({
    summary: "A segment's member count and a page of its members, evaluated now over all purchases.",
    access: { roles: REPORT_ROLES },
    mutates: false,
    input: z.object({ id, offset: z.number().int().min(0).max(10_000_000).default(0), limit: z.number().int().min(1).max(500, { message: 'too_many' }).default(50) }).strict(),
    output: z.object({ segment: segmentSchema, total: z.number().int(), rows: z.array(customerLineSchema) }),
  }),
} satisfies Record<string, Procedure>;
