import { describe, expect, it } from 'vitest';
import { TIME_ZONES } from '../../../src/shared/domain/dates.js';
import { BRANCH_TIME_ZONES } from '../../../src/headoffice/db/schema.js';
import { hashSecret, newSecret } from '../../../src/headoffice/secrets.js';

describe('head-office schema and secrets', () => {
  it('allows exactly the shared Indonesian time zones', () => {
    expect([...BRANCH_TIME_ZONES].sort()).toEqual(Object.keys(TIME_ZONES).sort());
  });

  it('makes 32-byte base64url secrets that do not repeat', () => {
    const secrets = new Set(Array.from({ length: 100 }, newSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
  });

  it('hashes secrets to sha256 hex', () => {
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
