import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectShape, readRows } from '../../../src/branch/imports/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'simpul-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading import files', () => {
  it('reads every row of a large file while the reader waits between chunks, with progress to the end', async () => {
    const file = join(dir, 'besar.csv');
    let text = 'Nama,HP\n';
    for (let i = 0; i < 40_000; i++) text += `Pelanggan ${i},0812${10_000_000 + i}\n`;
    writeFileSync(file, text);
    const { shape } = await detectShape(file, 'customers', { delimiter: 'auto', hasHeader: 'auto' });
    const fractions: number[] = [];
    let rows = 0;
    let last = 0;
    for await (const r of readRows(file, shape, { decimalComma: false, onProgress: (f) => fractions.push(f) })) {
      rows += 1;
      last = r.row;
      if (rows % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect([rows, last]).toEqual([40_000, 40_001]);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions[20_000]).toBeGreaterThan(0.4);
    expect(fractions[20_000]).toBeLessThan(0.6);
  });

  it('numbers rows as a spreadsheet does, counting blank lines and quoted line breaks as one record', async () => {
    const file = join(dir, 'baris.csv');
    writeFileSync(file, '\uFEFFNama;Alamat\r\nBudi;"Jl. Dago 1;\r\nBandung"\r\n\r\nSiti;Cimahi\r\n');
    const { shape } = await detectShape(file, 'customers', { delimiter: 'auto', hasHeader: 'auto' });
    expect(shape).toMatchObject({ delimiter: ';', hasHeader: true, headers: ['Nama', 'Alamat'] });
    const rows = [];
    for await (const r of readRows(file, shape, { decimalComma: false })) rows.push([r.row, ...r.cells]);
    expect(rows).toEqual([[2, 'Budi', 'Jl. Dago 1;\r\nBandung'], [4, 'Siti', 'Cimahi']]);
  });
});
