import type { z } from 'zod';
import {
  AppError,
  ERRORS,
  fieldMessage,
  isFieldMessageKey,
  makeError,
  type ApiError,
  type FieldIssue,
  type FieldMessageKey,
  type Locale,
} from '../shared/api/errors.js';

/**
 * Turning failures into the shared error shape, for both the HTTP server and
 * the CLI, so the head office words each error exactly as the branch does.
 */

/** zod issues -> VALIDATION_FAILED with one field issue per problem. */
export function validationError(error: z.ZodError): AppError {
  const fields: { path: (string | number)[]; code: FieldMessageKey }[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      // A misspelt key (time_zone for timeZone) must not be silently ignored.
      for (const key of issue.keys) fields.push({ path: [...path, key], code: 'invalid' });
    } else {
      fields.push({ path, code: isFieldMessageKey(issue.message) ? issue.message : 'invalid' });
    }
  }
  return new AppError('VALIDATION_FAILED', fields);
}

/** Parses with a zod schema; failure throws VALIDATION_FAILED. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

export interface RenderedError {
  status: number;
  error: ApiError;
}

/** Anything thrown -> status and ApiError. Unknown errors are INTERNAL and say nothing of their cause. */
export function renderError(error: unknown, locale: Locale): RenderedError {
  if (error instanceof AppError) {
    const fields: FieldIssue[] | undefined = error.fields?.map((f) => ({
      path: f.path,
      code: f.code,
      message: fieldMessage(f.code, locale),
    }));
    return { status: ERRORS[error.code].status, error: makeError(error.code, locale, fields) };
  }
  return { status: ERRORS.INTERNAL.status, error: makeError('INTERNAL', locale) };
}

/** True for PostgreSQL's unique_violation, whichever driver (or drizzle wrapper) raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
