import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../../src/shared/domain/import-guess.js';
import { nameSimilarity, SIMILAR_NAME } from '../../../src/shared/domain/matching.js';
import { completeness, COMPLETENESS_ITEMS, inverseRelation } from '../../../src/shared/domain/profile.js';
import { detectDelimiter, cellText } from '../../../src/branch/imports/reader.js';
import { csvCell } from '../../../src/branch/exports/columns.js';

describe('guessing a mapping', () => {
  it('reads the CDNOW header and English headers', () => {
    const g = guessMapping('transactions', ['customer_id', 'date', 'number_of_cds', 'dollar_value'], [['00001', '19970101', '1', '11.77']]);
    expect(g.columns.map((c) => c.field)).toEqual(['customerRef', 'occurredAt', 'itemCount', 'amount']);
    expect([g.dateFormat, g.numberFormat]).toEqual(['YYYYMMDD', 'en']);
  });

  it('tells "tidak suka" from "suka" and a second phone from the first', () => {
    const g = guessMapping('customers', ['Nama Lengkap', 'HP', 'Telepon 2', 'Suka', 'Tidak Suka', 'NIK'], []);
    expect(g.columns.map((c) => c.field)).toEqual(['fullName', 'phone', 'phone2', 'likes', 'dislikes', 'nik']);
  });

  it('guesses nothing it cannot tell, and no field twice', () => {
    const g = guessMapping('customers', ['Nama', 'Name', 'Warna favorit'], []);
    expect(g.columns).toEqual([{ column: 0, field: 'fullName' }]);
  });
});

describe('similar names (duplicate warning)', () => {
  it('accepts typos, word order and a left-out part; refuses other people', () => {
    expect(nameSimilarity('Siti Nurhaliza', 'Siti Nurhalisa')).toBeGreaterThanOrEqual(SIMILAR_NAME);
    expect(nameSimilarity('Nurhaliza Siti', 'siti  nurhaliza')).toBeGreaterThanOrEqual(SIMILAR_NAME);
    expect(nameSimilarity('Siti Nurhaliza', 'Siti Nurhaliza binti Ahmad')).toBeGreaterThanOrEqual(SIMILAR_NAME);
    expect(nameSimilarity('M. Rizki Pratama', 'Muhammad Rizki Pratama')).toBeGreaterThanOrEqual(SIMILAR_NAME);
    expect(nameSimilarity('José Ramírez', 'Jose Ramirez')).toBe(1);
    expect(nameSimilarity('Siti Aminah', 'Siti Nurhaliza')).toBeLessThan(SIMILAR_NAME);
    expect(nameSimilarity('Budi Santoso', 'Bambang Santoso')).toBeLessThan(SIMILAR_NAME);
    expect(nameSimilarity('Siti', 'Siti Aminah')).toBeLessThan(SIMILAR_NAME);
  });
});

describe('profile completeness and family', () => {
  it('weighs the parts to 100 and lists what is missing, heaviest first', () => {
    expect(COMPLETENESS_ITEMS.reduce((s, i) => s + i.weight, 0)).toBe(100);
    const none = Object.fromEntries(COMPLETENESS_ITEMS.map((i) => [i.key, false])) as never;
    expect(completeness(none)).toEqual({ score: 0, missing: COMPLETENESS_ITEMS.map((i) => i.key) });
    expect(completeness({ ...(none as object), mobile: true, gender: true } as never)).toMatchObject({ score: 18 });
    expect([inverseRelation('parent'), inverseRelation('child'), inverseRelation('spouse')]).toEqual(['child', 'parent', 'spouse']);
  });
});

describe('file reading and writing helpers', () => {
  it('detects the delimiter from the first lines', () => {
    expect(detectDelimiter(['a;b;c', '1;2;3'])).toBe(';');
    expect(detectDelimiter(['nama,"alamat, kota",hp', 'Budi,"Jl. A, Bandung",0812'])).toBe(',');
    expect(detectDelimiter([' 00001 19970101  1   11.77', ' 00002 19970112  5   77.00'])).toBe('whitespace');
    expect(detectDelimiter(['a\tb', '1\t2'])).toBe('tab');
  });

  it('turns Excel values into the text a clerk sees', () => {
    expect(cellText(new Date(Date.UTC(1993, 7, 11)), false)).toBe('1993-08-11');
    expect(cellText(11.77, true)).toBe('11,77');
    expect(cellText(81299990000, true)).toBe('81299990000');
    expect(cellText({ richText: [{ text: 'Budi ' }, { text: 'Santoso' }] }, false)).toBe('Budi Santoso');
    expect(cellText({ formula: 'A1*2', result: 4 }, false)).toBe('4');
  });

  it('writes CSV cells that Excel cannot run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5000')).toBe('-5000');
    expect(csvCell('Jl. Dago, Bandung')).toBe('"Jl. Dago, Bandung"');
    expect(csvCell(null)).toBe('');
  });
});
