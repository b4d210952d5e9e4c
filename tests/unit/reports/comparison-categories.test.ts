import { describe, expect, it } from 'vitest';
import { categoryLabel } from '../../../src/ui/cases/caseText.js';
import { buildComparison } from '../../../src/headoffice/reports/comparison.js';
import { DEFAULT_CASE_SETTINGS } from '../../../src/shared/domain/case.js';
import { CASE_CATEGORY_LABELS, branchCaseCategoryText, caseCategoryText } from '../../../src/shared/reports/labels.js';

/** A head-office service report (headOfficeService's shape), only what the comparison reads. */
function serviceReport(byCategory: { key: string; cases: number }[]) {
  const scope = (branchId: string | null, code: string | null, name: string | null) => ({
    branchId,
    code,
    name,
    cases: { total: 6, resolved: 2, open: 4, slaBreaches: 1, medianHoursToResolve: 3, satisfaction: { rated: 1, average: 4 }, byCategory, byDepartment: [] },
    interactions: { total: 0, byChannel: [] },
    staff: [],
    staffCount: 0,
  });
  return { from: null, to: '2026-12-04T00:00:00.000Z', asOf: '2026-12-04T00:00:00.000Z', ms: 1, all: scope(null, null, null), branches: [scope('b1', 'JKT01', 'Cabang Jakarta')] };
}

describe('head-office service comparison: cases by category in words', () => {
  const report = serviceReport([
    { key: 'delivery', cases: 3 },
    { key: 'suku_cadang_habis', cases: 2 },
    { key: '-', cases: 1 },
  ]);

  it('names a built-in category in the reader language, and a branch category from its code with the code beside it', () => {
    const rows = (locale: 'id' | 'en') => buildComparison('service', report, locale).lists.find((l) => l.key === 'categories')!.rows;
    expect(rows('id')).toEqual([['Pengiriman', 3], ['Suku cadang habis (suku_cadang_habis)', 2], ['-', 1]]);
    expect(rows('en')).toEqual([['Delivery', 3], ['Suku cadang habis (suku_cadang_habis)', 2], ['-', 1]]);
  });

  it('names the built-in categories as the case screens do, in both languages', () => {
    for (const { code } of DEFAULT_CASE_SETTINGS.categories) {
      expect(CASE_CATEGORY_LABELS[code]?.id).toBe(categoryLabel('id', code, DEFAULT_CASE_SETTINGS.categories));
      expect(CASE_CATEGORY_LABELS[code]?.en).toBe(categoryLabel('en', code, DEFAULT_CASE_SETTINGS.categories));
    }
  });

  it('knows every built-in category', () => {
    expect(caseCategoryText('product_defect', 'id')).toBe('Produk cacat');
    expect(caseCategoryText('information', 'en')).toBe('Information request');
  });
});

describe('a case category at the branch (exports)', () => {
  const categories = [...DEFAULT_CASE_SETTINGS.categories.map((c) => (c.code === 'delivery' ? { ...c, label: 'Kurir terlambat' } : c)), { code: 'suku_cadang', label: 'Suku cadang kosong', department: null }];
  it('reads as the manager named it, a kept built-in in the reader\'s language, an unknown one as its code in words', () => {
    expect(branchCaseCategoryText('suku_cadang', 'en', categories)).toBe('Suku cadang kosong');
    expect(branchCaseCategoryText('delivery', 'en', categories)).toBe('Kurir terlambat');
    expect(branchCaseCategoryText('billing', 'id', categories)).toBe('Tagihan dan harga');
    expect(branchCaseCategoryText('billing', 'en', categories)).toBe('Billing and price');
    expect(branchCaseCategoryText('gone_one', 'id', categories)).toBe('Gone one (gone_one)');
  });
  it('knows every built-in by the label the defaults give it', () => {
    for (const c of DEFAULT_CASE_SETTINGS.categories) expect(CASE_CATEGORY_LABELS[c.code]?.id).toBe(c.label);
  });
});
