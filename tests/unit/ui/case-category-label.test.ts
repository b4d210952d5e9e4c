import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { loadTexts } from '../../support/texts.js';
import { DEFAULT_CASE_SETTINGS } from '../../../src/shared/domain/case.js';
import { categoryLabel, codeFromLabel } from '../../../src/ui/cases/caseText.js';

type Tree = { [key: string]: string | Tree };
const texts = { id: loadTexts('id') as Tree, en: loadTexts('en') as Tree };
const lookup = (tree: Tree, key: string) => {
  const v = key.split('.').reduce<string | Tree | undefined>((n, p) => (typeof n === 'object' ? n[p] : undefined), tree);
  return typeof v === 'string' ? v : undefined;
};
const tOf = (locale: 'id' | 'en') => ((key: string, o?: { defaultValue?: string }) => lookup(texts[locale], key) ?? o?.defaultValue ?? `MISSING:${key}`) as unknown as TFunction;

describe('case categories are named by their label, never their code', () => {
  const settings = [
    ...DEFAULT_CASE_SETTINGS.categories.map((c) => (c.code === 'delivery' ? { ...c, label: 'Pengiriman barang' } : c)),
    { code: 'suku_cadang', label: 'Suku cadang kosong', department: null },
  ];

  it('a built-in category nobody renamed reads in the reader language', () => {
    expect(categoryLabel(tOf('id'), 'product_defect', settings)).toBe('Produk cacat');
    expect(categoryLabel(tOf('en'), 'product_defect', settings)).not.toBe('product_defect');
    expect(categoryLabel(tOf('en'), 'product_defect', settings)).not.toBe('Produk cacat');
  });

  it("the manager's label wins over the built-in translation, in both languages", () => {
    expect(categoryLabel(tOf('id'), 'delivery', settings)).toBe('Pengiriman barang');
    expect(categoryLabel(tOf('en'), 'delivery', settings)).toBe('Pengiriman barang');
  });

  it("a branch's own category shows its label; without settings or label, a readable name rather than the code", () => {
    expect(categoryLabel(tOf('id'), 'suku_cadang', settings)).toBe('Suku cadang kosong');
    expect(categoryLabel(tOf('en'), 'suku_cadang', settings)).toBe('Suku cadang kosong');
    expect(categoryLabel(tOf('id'), 'suku_cadang')).toBe('Suku cadang');
    expect(categoryLabel(tOf('id'), 'repair')).toBe('Perbaikan dan servis');
  });

  it('a new category gets a valid code from its name', () => {
    expect(codeFromLabel('Suku cadang kosong')).toBe('suku_cadang_kosong');
    expect(codeFromLabel('  Garansi & klaim (resmi)! ')).toBe('garansi_klaim_resmi');
    expect(codeFromLabel('123 Kéluhan')).toBe('keluhan');
    expect(codeFromLabel('x'.repeat(60))).toHaveLength(40);
  });
});
