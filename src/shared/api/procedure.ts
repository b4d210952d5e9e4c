import type { z } from 'zod';

export const ROLES = ['front_office', 'back_office', 'branch_manager', 'ho_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone who works at a branch. */
export const ALL_STAFF: readonly Role[] = ROLES;

/**
 * Who is calling. Every call carries one: a signed-in user, or the anonymous
 * actor, which may call only procedures declared with access 'anonymous'
 * (sign-in and first-time setup).
 */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      username: string;
      displayName: string;
      role: Role;
      locale: 'id' | 'en';
    }
  | { kind: 'anonymous'; locale: 'id' | 'en' };

export type Access = { roles: readonly Role[] } | 'anonymous';

export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** One line for people reading the contract and the CLI help. */
  summary: string;
  /** True for procedures that change data (the UI refreshes lists after them). */
  mutates: boolean;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: Procedure<I, O>): Procedure<I, O> {
  return def;
}
