import type { ApiError, FieldIssue } from '../../shared/api/errors.js';

/** Field issues keyed by their path ("phones.0.number"), the first issue per field winning. */
export type FieldErrors = Record<string, FieldIssue>;

/**
 * Turns VALIDATION_FAILED's issues into a lookup by path. `prefix` is removed
 * from the front (customers.update reports ['patch', 'emails', 0, 'address']).
 */
export function fieldErrorsOf(error: ApiError | null, prefix?: string): FieldErrors {
  const result: FieldErrors = {};
  if (!error || error.code !== 'VALIDATION_FAILED' || !error.fields) return result;
  for (const issue of error.fields) {
    const path = prefix && issue.path[0] === prefix ? issue.path.slice(1) : issue.path;
    const key = path.join('.');
    if (!(key in result)) result[key] = { ...issue, path };
  }
  return result;
}

export function pathKey(...parts: (string | number)[]): string {
  return parts.join('.');
}
