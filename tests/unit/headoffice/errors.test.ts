import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ERRORS } from '../../../src/shared/api/errors.js';
import { isUniqueViolation, parseInput, renderError, validationError } from '../../../src/headoffice/errors.js';

describe('head-office error rendering', () => {
  it('turns zod issues into field issues keyed by the shared field messages', () => {
    const schema = z.strictObject({ code: z.string({ message: 'required' }), zone: z.enum(['WIB'], { message: 'invalid_time_zone' }) });
    const error = validationError(schema.safeParse({ zone: 'UTC', colour: 'red' }).error!);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { path: ['code'], code: 'required' },
        { path: ['zone'], code: 'invalid_time_zone' },
        { path: ['colour'], code: 'invalid' },
      ]),
    );
  });

  it('falls back to the generic field message for zod messages it does not know', () => {
    const error = validationError(z.string().min(3).safeParse('ab').error!);
    expect(error.fields).toEqual([{ path: [], code: 'invalid' }]);
  });

  it('parseInput returns the parsed value or throws VALIDATION_FAILED', () => {
    expect(parseInput(z.string().trim(), ' x ')).toBe('x');
    expect(() => parseInput(z.string(), 1)).toThrow(AppError);
  });

  it('renders an AppError with its status and messages in the asked language', () => {
    const rendered = renderError(new AppError('VALIDATION_FAILED', [{ path: ['code'], code: 'invalid_branch_code' }]), 'id');
    expect(rendered).toEqual({
      status: 400,
      error: {
        code: 'VALIDATION_FAILED',
        message: ERRORS.VALIDATION_FAILED.id,
        fields: [{ path: ['code'], code: 'invalid_branch_code', message: 'Kode cabang 2-8 huruf besar atau angka, misalnya JKT01.' }],
      },
    });
  });

  it('renders anything else as INTERNAL without its cause', () => {
    const rendered = renderError(new Error('password authentication failed for user "postgres"'), 'en');
    expect(rendered).toEqual({ status: 500, error: { code: 'INTERNAL', message: ERRORS.INTERNAL.en } });
  });

  it('recognises a unique violation from either driver, wrapped or not', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: { code: '23505' } }))).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: { code: '23503' } }))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
