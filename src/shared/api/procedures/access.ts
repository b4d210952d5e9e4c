import { z } from 'zod';
import { procedure, ALL_STAFF, type Procedure } from '../procedure.js';
import { actorSchema, branchInfoSchema, displayName, locale, password, roleSchema, timeZone, userSchema, username } from '../fields.js';

/** Setup, sign-in and staff accounts (REQUIREMENTS P1). */
export const accessProcedures = {
  'setup.status': procedure({
    summary: 'Whether this branch is set up, and its name, code and time zone.',
    access: 'anonymous',
    mutates: false,
    input: z.object({}).strict(),
    output: branchInfoSchema,
  }),
  'setup.initialise': procedure({
    summary: 'First-time setup: name the branch and create its manager account.',
    access: 'anonymous',
    mutates: true,
    input: z
      .object({
        branchName: displayName,
        branchCode: z
          .string({ message: 'required' })
          .trim()
          .toUpperCase()
          .regex(/^[A-Z0-9]{2,8}$/, { message: 'invalid_branch_code' }),
        timeZone: timeZone.default('WIB'),
        manager: z.object({ username, displayName, password }).strict(),
      })
      .strict(),
    output: branchInfoSchema,
  }),
  'auth.signIn': procedure({
    summary: 'Sign in with a username and password; works offline.',
    access: 'anonymous',
    mutates: false,
    input: z.object({ username, password: z.string({ message: 'required' }).min(1, { message: 'required' }).max(200), locale: locale.optional() }).strict(),
    output: z.object({ sessionToken: z.string(), actor: actorSchema }),
  }),
  'auth.signOut': procedure({
    summary: 'End the current session.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: z.object({ signedOut: z.literal(true) }),
  }),
  'auth.me': procedure({
    summary: 'The signed-in user.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({}).strict(),
    output: actorSchema,
  }),
  'auth.setLocale': procedure({
    summary: 'Switch the language of messages for this session.',
    access: { roles: ALL_STAFF },
    mutates: false,
    input: z.object({ locale }).strict(),
    output: actorSchema,
  }),
  'users.list': procedure({
    summary: 'Staff accounts of this branch.',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: false,
    input: z.object({}).strict(),
    output: z.array(userSchema),
  }),
  'users.create': procedure({
    summary: 'Add a staff account.',
    access: { roles: ['branch_manager', 'ho_admin'] },
    mutates: true,
    input: z.object({ username, displayName, password, role: roleSchema }).strict(),
    output: userSchema,
  }),
} satisfies Record<string, Procedure>;
