import type { z } from 'zod';
import { contract, isMethod } from '../../shared/api/contract.js';
import type { Actor } from '../../shared/api/procedure.js';
import {
  AppError,
  fieldMessage,
  isFieldMessageKey,
  makeError,
  type FieldIssue,
  type FieldMessageKey,
  type Locale,
  type Result,
} from '../../shared/api/errors.js';
import type { BranchServices } from '../services.js';
import { handlers, type Handler } from './handlers.js';

export interface CallContext {
  actor: Actor;
  session: string | null;
  services: BranchServices;
  /** Log of unexpected failures; tests pass a silent one. */
  log?: (message: string, error: unknown) => void;
  /** Check handler output against the contract (on in tests and development). */
  checkOutput?: boolean;
}

/**
 * The one dispatcher: unknown method -> UNKNOWN_METHOD; actor not allowed ->
 * NOT_SIGNED_IN or FORBIDDEN; input not matching the contract ->
 * VALIDATION_FAILED with field messages; handler's AppError -> its code;
 * anything else -> INTERNAL. Handlers write in transactions, so every error
 * leaves the database as it was.
 */
export async function dispatch(ctx: CallContext, method: string, input: unknown): Promise<Result<unknown>> {
  const locale: Locale = ctx.actor.locale;
  if (!isMethod(method)) return { ok: false, error: makeError('UNKNOWN_METHOD', locale) };
  const procedure = contract[method];

  if (procedure.access !== 'anonymous') {
    if (ctx.actor.kind !== 'user') return { ok: false, error: makeError('NOT_SIGNED_IN', locale) };
    if (!procedure.access.roles.includes(ctx.actor.role)) return { ok: false, error: makeError('FORBIDDEN', locale) };
  }

  const parsed = procedure.input.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, error: makeError('VALIDATION_FAILED', locale, zodIssues(parsed.error, locale)) };
  }

  try {
    const handler = handlers[method] as Handler<typeof method>;
    const value = await handler({ actor: ctx.actor, session: ctx.session, locale, services: ctx.services }, parsed.data as never);
    if (ctx.checkOutput) procedure.output.parse(value);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof AppError) {
      const fields = error.fields?.map((f) => ({ ...f, message: fieldMessage(f.code, locale) }));
      return { ok: false, error: makeError(error.code, locale, fields) };
    }
    (ctx.log ?? defaultLog)(`${method} failed`, error);
    return { ok: false, error: makeError('INTERNAL', locale) };
  }
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[simpul] ${message}:`, error);
}

/** Zod issues as field messages a clerk can read, keyed by FIELD_MESSAGES. */
export function zodIssues(error: z.ZodError, locale: Locale): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(field([...issue.path, key] as (string | number)[], 'invalid', locale));
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest: its issues name the real problem.
      const best = issue.errors.reduce((a, b) => (a.length <= b.length ? a : b));
      for (const sub of best) out.push(field(sub.path as (string | number)[], codeOf(sub), locale));
      continue;
    }
    out.push(field(issue.path as (string | number)[], codeOf(issue), locale));
  }
  return out;
}

function field(path: (string | number)[], code: FieldMessageKey, locale: Locale): FieldIssue {
  return { path, code, message: fieldMessage(code, locale) };
}

function codeOf(issue: { code: string; message: string; input?: unknown; origin?: string }): FieldMessageKey {
  if (isFieldMessageKey(issue.message)) {
    // A type error on a missing value is "required", not "wrong type".
    if (issue.message === 'invalid_type' && issue.input === undefined) return 'required';
    return issue.message;
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many' : 'too_long';
    case 'too_small':
      return issue.origin === 'string' ? 'required' : 'invalid';
    case 'invalid_value':
      return 'invalid_value';
    default:
      return 'invalid';
  }
}
