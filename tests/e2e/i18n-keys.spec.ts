import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadTexts } from '../support/texts.js';

/** Static checks of the UI texts; no browser needed. */
type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const id = keysOf(loadTexts('id') as Tree);
const en = keysOf(loadTexts('en') as Tree);

test('Indonesian and English texts have exactly the same keys', () => {
  expect(en.filter((k) => !id.includes(k))).toEqual([]);
  expect(id.filter((k) => !en.includes(k))).toEqual([]);
});

test('every text key written in the UI code exists', () => {
  const known = new Set(id.map((k) => k.replace(/_(one|other)$/, '')));
  const missing: string[] = [];
  for (const file of sourceFiles('src/ui')) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
      if (!known.has(match[1])) missing.push(`${file}: ${match[1]}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every value of the contract enumerations shown on screen has a text', async () => {
  const { LIFECYCLE_STAGES, GENDERS, PHONE_LABELS, CUSTOMER_SORTS } = await import('../../src/shared/domain/customer.js');
  const { ROLES } = await import('../../src/shared/api/procedure.js');
  const { TIME_ZONES } = await import('../../src/shared/domain/dates.js');
  const { ORDER_STATUSES } = await import('../../src/shared/domain/order.js');
  const { SHIPMENT_STATUSES } = await import('../../src/shared/domain/shipment.js');
  const { TIMELINE_KINDS } = await import('../../src/shared/domain/profile.js');
  const needed = [
    ...ORDER_STATUSES.map((s) => `orders.status.${s}`),
    ...SHIPMENT_STATUSES.map((s) => `shipments.status.${s}`),
    ...TIMELINE_KINDS.map((k) => `timeline.kind.${k}`),
    ...LIFECYCLE_STAGES.map((s) => `stage.${s}`),
    ...GENDERS.map((g) => `gender.${g}`),
    ...PHONE_LABELS.map((l) => `phoneLabel.${l}`),
    ...ROLES.map((r) => `role.${r}`),
    ...Object.keys(TIME_ZONES).map((z) => `timeZone.${z}`),
    ...CUSTOMER_SORTS.flatMap((s) => [`sort.${s}.asc`, `sort.${s}.desc`]),
  ];
  expect(needed.filter((k) => !id.includes(k))).toEqual([]);
});
