import { describe, expect, it } from 'vitest';
import { loadTexts } from '../../support/texts.js';
import { SYNCED_TABLES } from '../../../src/shared/sync/tables.js';
import { conflictFieldKey, conflictValueCode, formatConflictValue } from '../../../src/ui/sync/conflictFields.js';

type Tree = { [key: string]: string | Tree };
const texts = {
  id: loadTexts('id') as Tree,
  en: loadTexts('en') as Tree,
};

function lookup(tree: Tree, key: string): string | undefined {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree);
  return typeof value === 'string' ? value : undefined;
}

/** A stand-in for i18next's t over the real Indonesian texts (no interpolation needed here). */
const t = (key: string) => lookup(texts.id, key) ?? `MISSING:${key}`;

describe('conflict review: fields in words', () => {
  it('every field that can conflict has a label in Indonesian and English', () => {
    const missing: string[] = [];
    // Reference tables (the catalogue) have one writer, the head office: they never conflict.
    for (const table of SYNCED_TABLES.filter((x) => x.policy === 'fields' && x.scope.kind !== 'reference')) {
      for (const column of Object.keys(table.columns)) {
        const key = conflictFieldKey(table.name, column);
        if (!key || !lookup(texts.id, key) || !lookup(texts.en, key)) missing.push(`${table.name}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('uses the customer form labels for profile fields', () => {
    expect(t(conflictFieldKey('customers', 'address_line')!)).toBe('Jalan, nomor, RT/RW');
    expect(t(conflictFieldKey('customers', 'occupation')!)).toBe('Pekerjaan');
    expect(t(conflictFieldKey('customers', 'nickname')!)).toBe('Nama panggilan');
    expect(conflictFieldKey('customers', 'no_such_column')).toBeNull();
  });

  it('shows values as the profile does: dates, codes in words, phones, masked NIK, tags, yes/no, empty', () => {
    const show = (field: string, value: string | number | boolean | null) => formatConflictValue(field, value, t, 'id', 'WIB');
    expect(show('birth_date', '1988-03-14')).toBe('14 Mar 1988');
    expect(show('gender', 'female')).toBe('Perempuan');
    expect(show('lifecycle_stage', 'at_risk')).toBe('Berisiko');
    expect(show('nik', '3174012345670001')).toBe('3174********0001');
    expect(show('value', '+6281234567890')).toBe('0812-3456-7890');
    expect(show('value', 'siti@contoh.co.id')).toBe('siti@contoh.co.id');
    expect(show('tags', '["VIP","arisan"]')).toBe('VIP, arisan');
    expect(show('tags', '[]')).toBe('(kosong)');
    expect(show('whatsapp', 1)).toBe('Ya');
    expect(show('deleted', 0)).toBe('Tidak');
    expect(show('nickname', null)).toBe('(kosong)');
    expect(show('archived_at', '2026-11-22T07:05:00.000Z')).toBe('22 Nov 2026 14.05 WIB');
  });
});

describe('conflict review: a case category by its label', () => {
  // i18next's fallback: the defaultValue when the key has no text.
  const tr = (key: string, options?: Record<string, unknown>) => lookup(texts.id, key) ?? (options?.defaultValue as string | undefined) ?? `MISSING:${key}`;
  const show = (value: string | null, categories?: { code: string; label: string; department: null }[]) =>
    formatConflictValue('category', value, tr, 'id', 'WIB', { table: 'cases', categories });

  it('shows the branch manager label, a built-in name, or the code in words, never the bare code', () => {
    const own = [
      { code: 'suku_cadang', label: 'Suku cadang kosong', department: null },
      { code: 'delivery', label: 'Pengiriman', department: null },
    ];
    expect(show('suku_cadang', own)).toBe('Suku cadang kosong');
    expect(show('delivery', own)).toBe('Pengiriman');
    // The head office has no case settings of the branch.
    expect(show('delivery')).toBe('Pengiriman');
    expect(show('suku_cadang')).toBe('Suku cadang');
    expect(show(null)).toBe('(kosong)');
  });

  it('keeps the code to show beside the label, for a case category only', () => {
    expect(conflictValueCode('cases', 'category', 'suku_cadang')).toBe('suku_cadang');
    expect(conflictValueCode('cases', 'category', null)).toBeNull();
    expect(conflictValueCode('cases', 'subject', 'Oli bocor')).toBeNull();
    expect(conflictValueCode('customers', 'occupation', 'Guru')).toBeNull();
  });
});

describe('conflict review: a case\'s coded fields in words', () => {
  const tr = (key: string, options?: Record<string, unknown>) => lookup(texts.id, key) ?? (options?.defaultValue as string | undefined) ?? `MISSING:${key}`;
  const show = (field: string, value: string) => formatConflictValue(field, value, tr, 'id', 'WIB', { table: 'cases' });

  it('shows priority, status, department, kind, channel and routing as the case screens do, an unknown code as stored', () => {
    expect(show('priority', 'urgent')).toBe(lookup(texts.id, 'cases.priority.urgent'));
    expect(show('status', 'waiting_customer')).toBe(lookup(texts.id, 'cases.status.waiting_customer'));
    expect(show('department', 'quality_control')).toBe(lookup(texts.id, 'cases.department.quality_control'));
    expect(show('kind', 'complaint')).toBe(lookup(texts.id, 'cases.kind.complaint'));
    expect(show('channel', 'whatsapp')).toBe(lookup(texts.id, 'channel.whatsapp'));
    expect(show('routed_by', 'manual')).toBe('dipilih staf');
    for (const [field, value] of [['priority', 'urgent'], ['status', 'waiting_customer'], ['department', 'quality_control'], ['kind', 'complaint'], ['channel', 'whatsapp']]) {
      expect(show(field, value)).not.toBe(value);
    }
    expect(show('department', 'no_such_department')).toBe('no_such_department');
    // Outside cases, status stays an appointment's (or the value as stored).
    expect(formatConflictValue('status', 'waiting_customer', tr, 'id', 'WIB', { table: 'appointments' })).toBe('waiting_customer');
  });
});
