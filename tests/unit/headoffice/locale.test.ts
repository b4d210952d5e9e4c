import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage } from '../../../src/headoffice/http/locale.js';

describe('head-office answer language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['id', 'id'],
    ['id-ID', 'id'],
    ['ID', 'id'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en-US;q=0.8', 'id'],
    ['en;q=0.4, id;q=0.8', 'id'],
    ['fr-FR, id;q=0.5', 'id'],
    ['fr-FR, de', 'en'],
    ['id;q=0, en', 'en'],
    [['id', 'en;q=0.1'], 'id'],
  ] as const)('Accept-Language %j -> %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header as string | string[] | undefined)).toBe(expected);
  });
});
