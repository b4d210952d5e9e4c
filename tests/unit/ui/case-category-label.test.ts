import { describe, expect, it } from 'vitest';
import { DEFAULT_CASE_SETTINGS } from '../../../src/shared/domain/case.js';
import { categoryLabel, codeFromLabel } from '../../../src/ui/cases/caseText.js';

describe('case categories are named by their label, never their code', () => {
  const settings = [
    ...DEFAULT_CASE_SETTINGS.categories.map((c) => (c.code === 'delivery' ? { ...c, label: 'Pengiriman barang' } : c)),
    { code: 'suku_cadang', label: 'Suku cadang kosong', department: null },
  ];

  it('a built-in category nobody renamed reads in the reader language', () => {
    expect(categoryLabel('id', 'product_defect', settings)).toBe('Produk cacat');
    expect(categoryLabel('en', 'product_defect', settings)).toBe('Product defect');
  });

  it("the manager's label wins over the built-in translation, in both languages", () => {
    expect(categoryLabel('id', 'delivery', settings)).toBe('Pengiriman barang');
    expect(categoryLabel('en', 'delivery', settings)).toBe('Pengiriman barang');
  });

  it("a branch's own category shows its label; without settings or label, a readable name rather than the code", () => {
    expect(categoryLabel('id', 'suku_cadang', settings)).toBe('Suku cadang kosong');
    expect(categoryLabel('en', 'suku_cadang', settings)).toBe('Suku cadang kosong');
    expect(categoryLabel('id', 'suku_cadang')).toBe('Suku cadang');
    expect(categoryLabel('id', 'repair')).toBe('Perbaikan dan servis');
  });

  it('a new category gets a valid code from its name', () => {
    expect(codeFromLabel('Suku cadang kosong')).toBe('suku_cadang_kosong');
    expect(codeFromLabel('  Garansi & klaim (resmi)! ')).toBe('garansi_klaim_resmi');
    expect(codeFromLabel('123 Kéluhan')).toBe('keluhan');
    expect(codeFromLabel('x'.repeat(60))).toHaveLength(40);
  });
});
