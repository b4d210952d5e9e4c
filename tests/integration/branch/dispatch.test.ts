import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBranch, rowCounts, type TestBranch } from '../../support/branch.js';
import { contract } from '../../../src/shared/api/contract.js';
import { ERRORS, FIELD_MESSAGES } from '../../../src/shared/api/errors.js';

let b: TestBranch;
beforeEach(async () => {
  b = await makeBranch();
});
afterEach(() => b.cleanup());

async function signInAs(role: string) {
  await b.ok('users.create', { username: `staf.${role}`, displayName: `Staf ${role}`, password: 'rahasia-staf', role });
  const r = await b.core.call(null, 'auth.signIn', { username: `staf.${role}`, password: 'rahasia-staf' });
  if (!r.ok) throw new Error('sign in failed');
  return (r.value as { sessionToken: string }).sessionToken;
}

describe('the dispatcher', () => {
  it('refuses an unknown procedure', async () => {
    const r = await b.core.call(b.session, 'customers.dropAll', {});
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: ERRORS.UNKNOWN_METHOD.id } });
  });

  it('runs nothing without a signed-in actor except sign-in and setup', async () => {
    for (const method of Object.keys(contract)) {
      const r = await b.core.call('not-a-session', method, {});
      const anonymous = contract[method as keyof typeof contract].access === 'anonymous';
      if (!anonymous) expect(!r.ok && r.error.code, method).toBe('NOT_SIGNED_IN');
    }
  });

  it('applies roles from the contract: a front-office clerk cannot archive or add staff', async () => {
    const front = await signInAs('front_office');
    const c = await b.ok('customers.create', { fullName: 'Budi' });
    const before = rowCounts(b.core);
    const archive = await b.core.call(front, 'customers.archive', { id: c.id });
    expect(!archive.ok && archive.error.code).toBe('FORBIDDEN');
    const addStaff = await b.core.call(front, 'users.create', { username: 'baru', displayName: 'Baru', password: 'rahasia-baru', role: 'branch_manager' });
    expect(!addStaff.ok && addStaff.error.code).toBe('FORBIDDEN');
    expect(rowCounts(b.core)).toEqual(before);
    expect((await b.core.call(front, 'customers.create', { fullName: 'Boleh' })).ok).toBe(true);
  });

  it('rejects wrong types with field messages', async () => {
    const r = await b.core.call(b.session, 'customers.list', { offset: 'nol', limit: 2.5, sort: 'salary' });
    expect(!r.ok && r.error.fields?.map((f) => [f.path[0], f.code])).toEqual([
      ['offset', 'invalid_type'],
      ['limit', 'invalid_type'],
      ['sort', 'invalid_value'],
    ]);
  });

  it('rejects unknown fields instead of silently dropping them', async () => {
    const r = await b.core.call(b.session, 'customers.create', { fullName: 'Budi', salary: 10 });
    expect(!r.ok && r.error.fields).toEqual([{ path: ['salary'], code: 'invalid', message: FIELD_MESSAGES.invalid.id }]);
  });

  it('answers in the session language', async () => {
    await b.ok('auth.setLocale', { locale: 'en' });
    const r = await b.core.call(b.session, 'customers.get', { id: 'nope' });
    expect(!r.ok && r.error.message).toBe(ERRORS.NOT_FOUND.en);
  });

  it('turns an unexpected failure into INTERNAL and rolls the write back', async () => {
    const before = rowCounts(b.core);
    b.core.services.db.sqlite.exec('CREATE TRIGGER boom BEFORE INSERT ON contact_points BEGIN SELECT RAISE(ABORT, \'disk trouble\'); END');
    const r = await b.core.call(b.session, 'customers.create', { fullName: 'Budi', phones: [{ number: '081234567890' }] });
    expect(!r.ok && r.error.code).toBe('INTERNAL');
    expect(rowCounts(b.core)).toEqual(before);
  });

  it('signs in only with the right password, and sign-out ends the session', async () => {
    const wrong = await b.core.call(null, 'auth.signIn', { username: 'manajer', password: 'salah-sekali' });
    expect(!wrong.ok && wrong.error.code).toBe('INVALID_CREDENTIALS');
    const nobody = await b.core.call(null, 'auth.signIn', { username: 'siapa', password: 'salah-sekali' });
    expect(!nobody.ok && nobody.error.code).toBe('INVALID_CREDENTIALS');
    await b.ok('auth.signOut', {});
    const after = await b.core.call(b.session, 'customers.list', {});
    expect(!after.ok && after.error.code).toBe('NOT_SIGNED_IN');
  });

  it('sets a branch up only once', async () => {
    const r = await b.core.call(null, 'setup.initialise', {
      branchName: 'Lain',
      branchCode: 'LAIN1',
      manager: { username: 'lain', displayName: 'Lain', password: 'rahasia-lain' },
    });
    expect(!r.ok && r.error.code).toBe('ALREADY_INITIALISED');
  });
});
