import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../support/texts.js';
import { auditDetailLines, auditInstant } from '../../../src/ui/imports/auditDetail.js';

type Tree = { [key: string]: string | Tree };
const texts = { id: loadTexts('id') as Tree, en: loadTexts('en') as Tree };

function lookup(tree: Tree, key: string): string | undefined {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  return typeof value === 'string' ? value : undefined;
}
/** i18next's t over the real texts: the key's text, else the defaultValue, else a marker that fails the test. */
const tOf = (locale: 'id' | 'en') => (key: string, options?: { defaultValue?: string }) => lookup(texts[locale], key) ?? options?.defaultValue ?? `MISSING:${key}`;

const read = (detail: Record<string, unknown>, locale: 'id' | 'en' = 'id', customers = {}) =>
  auditDetailLines(detail, { t: tOf(locale), locale, zone: 'WIB', customers }).map((l) => `${l.label}: ${l.value}`);

describe('audit log details in words', () => {
  it('an export reads as labelled Indonesian text, with yes and no', () => {
    const lines = read({ format: 'xlsx', rows: 12500, fileName: 'pelanggan-BDG01-2026-12-04.xlsx', includeArchived: false, includeSensitive: true });
    expect(lines).toEqual(['Format: Excel', 'Jumlah baris: 12.500', 'Berkas: pelanggan-BDG01-2026-12-04.xlsx', 'Termasuk arsip: Tidak', 'Termasuk data sensitif: Ya']);
  });

  it('and in English on request', () => {
    expect(read({ format: 'csv', rows: 12500, includeSensitive: false }, 'en')).toEqual(['Format: CSV', 'Rows: 12,500', 'Sensitive data included: No']);
  });

  it('an import names its kind and result in words; changed sensitive fields by their labels', () => {
    expect(read({ fileName: 'a.csv', kind: 'customers', status: 'done', created: 2, updated: 1, invalidRows: 0 })).toEqual([
      'Berkas: a.csv',
      'Jenis data: Pelanggan',
      'Hasil: Selesai',
      'Dibuat: 2',
      'Diperbarui: 1',
      'Baris salah: 0',
    ]);
    expect(read({ fields: ['healthConditions', 'financialNotes'] })).toEqual(['Data yang diubah: Kondisi kesehatan, Data keuangan']);
  });

  it('dates as dd/mm/yyyy HH:mm in the branch zone, money in Rupiah, customers by name and number', () => {
    const customers = { c1: { fullName: 'Siti Aminah', customerNumber: 'BDG01-000042' } };
    expect(read({ at: '2026-11-22T07:05:00.000Z', birthDate: '1988-03-14', amount: 1250000, customerId: 'c1', customerIds: ['c1', 'gone'] }, 'id', customers)).toEqual([
      'At: 22/11/2026 14:05 WIB',
      'Birth date: 14/03/1988',
      'Jumlah: Rp1.250.000',
      'Pelanggan: Siti Aminah (BDG01-000042)',
      'Pelanggan: Siti Aminah (BDG01-000042), Pelanggan tidak ada di cabang ini',
    ]);
    expect(auditInstant('2026-12-31T23:30:00.000Z', 'WIT')).toBe('01/01/2027 08:30 WIT');
  });

  it('an unknown key still shows, readable, never as JSON', () => {
    const lines = read({ batchSize: 2000, source_system: 'kasir lama', options: { dryRun: true, limit: 5 }, tags: ['VIP', 'arisan'], discountTotal: 15000 });
    expect(lines).toEqual(['Batch size: 2.000', 'Source system: kasir lama', 'Options: Dry run Ya; Limit 5', 'Tags: VIP, arisan', 'Discount total: Rp15.000']);
    expect(lines.join('\n')).not.toMatch(/[{}"[\]]/);
  });

  it('every known key has a label in both languages', () => {
    for (const key of ['fileName', 'kind', 'status', 'created', 'updated', 'invalidRows', 'removed', 'archived', 'restored', 'kept', 'format', 'rows', 'includeArchived', 'includeSensitive', 'fields', 'customerId']) {
      expect(lookup(texts.id, `audit.detail.${key}`), key).toBeTruthy();
      expect(lookup(texts.en, `audit.detail.${key}`), key).toBeTruthy();
    }
  });
});
