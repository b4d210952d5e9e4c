import type { BranchCore } from '../../src/branch/core.js';
import { newId } from '../../src/shared/domain/ids.js';

export interface TestItem {
  sku: string;
  name: string;
  kind?: 'product' | 'service';
  category?: string;
  unitPrice: number;
  unitCost?: number;
  retired?: boolean;
}

/**
 * Puts catalogue items into a branch as a pull from the head office would:
 * through sync's applier, the only writer the catalogue's guard triggers let
 * in (tests/integration/sync/catalogue.test.ts proves the real path).
 */
export function receiveCatalogue(core: BranchCore, items: TestItem[]): Record<string, string> {
  const ids: Record<string, string> = {};
  const now = new Date().toISOString();
  const db = core.services.db;
  const insert = db.sqlite.prepare(
    `INSERT INTO catalogue_items (id, sku, name, kind, category, unit_price, unit_cost, retired_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.asSyncApplier(() => {
    for (const i of items) {
      const id = newId();
      ids[i.sku] = id;
      insert.run(id, i.sku, i.name, i.kind ?? 'product', i.category ?? 'Umum', i.unitPrice, i.unitCost ?? 0, i.retired ? now : null, now, now);
    }
  });
  return ids;
}

/** A small workshop catalogue: two products, a service and a retired product. */
export const WORKSHOP: TestItem[] = [
  { sku: 'OLI-10W40', name: 'Oli mesin 10W-40 1 L', category: 'Oli', unitPrice: 85_000, unitCost: 61_000 },
  { sku: 'BAN-80-90', name: 'Ban tubeless 80/90-14', category: 'Ban', unitPrice: 250_000, unitCost: 180_000 },
  { sku: 'SRV-BERKALA', name: 'Servis berkala 10.000 km', kind: 'service', category: 'Servis', unitPrice: 350_000, unitCost: 200_000 },
  { sku: 'AKI-LAMA', name: 'Aki kering model lama', category: 'Aki', unitPrice: 400_000, unitCost: 300_000, retired: true },
];
