import { ERRORS, FIELD_MESSAGES, isFieldMessageKey, type ApiError, type FieldIssue, type Locale } from '../../shared/api/errors.js';

/**
 * Error texts come from the shared tables (errors.ts) in the UI's current
 * language, so an error is never worded twice; the server's message is the
 * fallback for a code this build does not know yet.
 */
export function errorText(error: ApiError, locale: Locale): string {
  const known = Object.prototype.hasOwnProperty.call(ERRORS, error.code) ? ERRORS[error.code] : null;
  return known ? known[locale] : error.message;
}

export function fieldText(issue: Pick<FieldIssue, 'code' | 'message'>, locale: Locale): string {
  return isFieldMessageKey(issue.code) ? FIELD_MESSAGES[issue.code][locale] : issue.message;
}
