import { z } from 'zod';
import { ROLES } from './procedure.js';
import { TIME_ZONES } from '../domain/dates.js';

/** Field schemas reused by several procedure groups. Messages are FIELD_MESSAGES keys. */
export const id = z.string({ message: 'required' }).min(1, { message: 'required' }).max(64, { message: 'too_long' });
export const locale = z.enum(['id', 'en'], { message: 'invalid_value' });
export const roleSchema = z.enum(ROLES, { message: 'invalid_value' });
export const timeZone = z.enum(Object.keys(TIME_ZONES) as [keyof typeof TIME_ZONES, ...(keyof typeof TIME_ZONES)[]], {
  message: 'invalid_time_zone',
});
export const username = z
  .string({ message: 'required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._]{3,32}$/, { message: 'invalid_username' });
export const password = z.string({ message: 'required' }).min(8, { message: 'weak_password' }).max(200, { message: 'too_long' });
export const displayName = z.string({ message: 'required' }).trim().min(1, { message: 'required' }).max(100, { message: 'too_long' });

export const actorSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  locale,
});

export const branchInfoSchema = z.object({
  initialised: z.boolean(),
  branchId: z.string().nullable(),
  branchCode: z.string().nullable(),
  branchName: z.string().nullable(),
  timeZone: timeZone.nullable(),
  /** Head-office enrolment state; filled in by the sync work. */
  enrolled: z.boolean(),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  createdAt: z.string(),
});

