import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';

let b: TestBranch;
const ids: Record<string, string> = {};
beforeAll(async () => {
  b = await makeBranch({ code: 'SBY02' });
  const people = [
    { key: 'budi', fullName: 'Budi Santoso', phones: [{ number: '+62 812-3456-7890' }], emails: [{ address: 'budi.s@gmail.com' }] },
    { key: 'budiman', fullName: 'Budiman Hartono', phones: [{ number: '0813 9999 0000' }] },
    { key: 'siti', fullName: 'Siti Nurhaliza', nickname: 'Ita', nik: '3578014506900002', phones: [{ number: '(031) 555-7788' }] },
    { key: 'agus', fullName: 'Agus Budiarto', emails: [{ address: 'agus@yahoo.co.id' }] },
    { key: 'dewi', fullName: 'Dèwi Lestari' },
  ];
  for (const { key, ...p } of people) ids[key] = (await b.ok('customers.create', p)).id;
});
afterAll(() => b.cleanup());

const find = async (query: string) => {
  const r = await b.ok('customers.search', { query });
  return { names: r.rows.map((x: any) => x.fullName), matchedAs: r.matchedAs };
};

describe('search finds customers the way clerks type', () => {
  it.each(['081234567890', '0812-3456', '0812 3456 7890', '+62 812 3456', '62812345', '812-3456-7890'])(
    'phone typed as %s',
    async (q) => {
      expect(await find(q)).toEqual({ names: ['Budi Santoso'], matchedAs: 'phone' });
    },
  );

  it('a landline typed with its area code', async () => {
    expect((await find('031 555 77')).names).toEqual(['Siti Nurhaliza']);
  });

  it('name prefix, exact and prefix first, then names with a matching word', async () => {
    expect((await find('bud')).names).toEqual(['Budi Santoso', 'Budiman Hartono', 'Agus Budiarto']);
    expect((await find('budi')).names[0]).toBe('Budi Santoso');
  });

  it('several words in any order', async () => {
    expect((await find('santo bud')).names).toEqual(['Budi Santoso']);
  });

  it('ignores accents and case', async () => {
    expect((await find('DEWI')).names).toEqual(['Dèwi Lestari']);
    expect((await find('lestâri')).names).toEqual(['Dèwi Lestari']);
  });

  it('nickname, email, NIK and customer number', async () => {
    expect((await find('ita')).names).toEqual(['Siti Nurhaliza']);
    expect((await find('agus@yah')).names).toEqual(['Agus Budiarto']);
    expect((await find('budi.s@gmail.com')).names).toEqual(['Budi Santoso']);
    expect((await find('3578014506900002')).names).toEqual(['Siti Nurhaliza']);
    expect((await find('SBY02-000004')).names).toEqual(['Agus Budiarto']);
  });

  it('customer numbers typed short, padded or as a prefix', async () => {
    expect((await find('SBY02-4')).names).toEqual(['Agus Budiarto']);
    expect((await find('sby02-000004')).names).toEqual(['Agus Budiarto']);
    expect((await find('SBY02-00000')).names.sort()).toEqual(['Agus Budiarto', 'Budi Santoso', 'Budiman Hartono', 'Dèwi Lestari', 'Siti Nurhaliza']);
    expect((await find('XYZ99-1')).names).toEqual([]);
  });

  it('an email typed in part, with its dots and @', async () => {
    expect((await find('budi.s@gm')).names).toEqual(['Budi Santoso']);
    expect((await find('agus@yahoo.co')).names).toEqual(['Agus Budiarto']);
    expect((await find('@gmail')).names).toEqual([]);
  });

  it('rebuilds the search index when its document format changes', async () => {
    const { db } = b.core.services;
    db.sqlite.prepare("INSERT INTO customer_search (customer_search) VALUES ('delete-all')").run();
    expect((await find('budi')).names).toEqual([]);
    db.sqlite.prepare("UPDATE branch_settings SET value = '1' WHERE key = 'search_index_version'").run();
    b.core.services.customers.ensureSearchIndex();
    expect((await find('budi')).names).toEqual(['Budi Santoso', 'Budiman Hartono', 'Agus Budiarto']);
  });

  it('treats FTS syntax as plain text', async () => {
    for (const q of ['"', 'budi OR siti', 'NEAR(budi', '*', 'bud*i', "'; DROP TABLE customers; --", '{name}: x', '^budi']) {
      const r = await b.core.call(b.session, 'customers.search', { query: q });
      expect(r.ok, q).toBe(true);
    }
    expect((await find('budi OR siti')).names).toEqual([]);
  });

  it('an empty query returns nothing and says so', async () => {
    expect(await find('   ')).toEqual({ names: [], matchedAs: 'empty' });
  });

  it('respects the limit', async () => {
    const r = await b.ok('customers.search', { query: 'b', limit: 1 });
    expect(r.rows).toHaveLength(1);
  });
});
