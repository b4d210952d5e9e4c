import { makeBranch, type TestBranch } from '../../support/branch.js';
import { addPurchases, type Purchase } from '../../support/purchases.js';

/**
 * A small hand-made branch for report tests. Every expected number in the
 * tests is computed from PURCHASES and CUSTOMERS below by plain JavaScript,
 * never by the report code. "Now" is fixed: 22 Nov 2026 10:00 WIB.
 */
export const NOW = new Date('2026-11-22T03:00:00.000Z');
export const OTHER_BRANCH = 'branch-medan';

export interface FixtureCustomer {
  key: string;
  fullName: string;
  phones?: { number: string; label?: 'mobile' | 'home'; whatsapp?: boolean; invalid?: boolean }[];
  emails?: { address: string; invalid?: boolean }[];
  city?: string;
  archived?: boolean;
}

export const CUSTOMERS: FixtureCustomer[] = [
  { key: 'A', fullName: 'Ani Suryani', phones: [{ number: '0812-1111-0001', whatsapp: true }], emails: [{ address: 'ani@contoh.co.id' }], city: 'Bandung' },
  { key: 'B', fullName: 'Bayu Prakoso', phones: [{ number: '0812-1111-0002' }], city: 'Bandung' },
  { key: 'C', fullName: 'Citra Kirana', phones: [{ number: '(022) 555-0003', label: 'home' }], emails: [{ address: 'citra@contoh.co.id', invalid: true }] },
  { key: 'D', fullName: 'Dedi Kurniawan', emails: [{ address: 'dedi@contoh.co.id' }], city: 'Bogor' },
  { key: 'E', fullName: 'Eka Putri', phones: [{ number: '0812-1111-0005', invalid: true }] },
  { key: 'F', fullName: 'Fajar Nugroho', phones: [{ number: '0812-1111-0006' }] },
  { key: 'G', fullName: 'Gita Savitri', phones: [{ number: '0812-1111-0007', whatsapp: true }] },
  { key: 'H', fullName: 'Hadi Santoso', phones: [{ number: '0812-1111-0008' }] },
  { key: 'I', fullName: 'Indah Arsip', phones: [{ number: '0812-1111-0009' }], archived: true },
  { key: 'J', fullName: 'Joko Widodo', phones: [{ number: '0812-1111-0010' }], city: 'Solo' },
];

type FixturePurchase = Omit<Purchase, 'customerId'> & { key: string };
const monthly = (key: string, amount: number, cost: number, from: string, count: number): FixturePurchase[] =>
  Array.from({ length: count }, (_, i) => {
    const d = new Date(from);
    d.setUTCMonth(d.getUTCMonth() + i);
    return { key, occurredAt: d.toISOString(), amount, cost };
  });

export const PURCHASES: FixturePurchase[] = [
  // A: monthly Rp9 jt for a year, last on 12 Nov 2026: a champion, Platinum.
  ...monthly('A', 9_000_000, 6_000_000, '2025-12-12T04:00:00.000Z', 12),
  // B: twice in 17 months, last in July 2026.
  { key: 'B', occurredAt: '2025-06-01T05:00:00.000Z', amount: 5_000_000, cost: 3_500_000 },
  { key: 'B', occurredAt: '2026-07-01T05:00:00.000Z', amount: 5_000_000, cost: 3_500_000 },
  // C: first purchase three weeks ago.
  { key: 'C', occurredAt: '2026-11-01T03:00:00.000Z', amount: 750_000, cost: 500_000 },
  // D: four times in the first half of 2024: over two years ago.
  ...monthly('D', 400_000, 250_000, '2024-01-15T03:00:00.000Z', 4).map((p, i) => ({ ...p, occurredAt: new Date(Date.parse('2024-01-15T03:00:00.000Z') + i * 60 * 86_400_000).toISOString() })),
  // E: once, in 2023.
  { key: 'E', occurredAt: '2023-06-01T03:00:00.000Z', amount: 300_000, cost: 200_000 },
  // G: at this branch in September, at Medan in October.
  { key: 'G', occurredAt: '2026-09-01T03:00:00.000Z', amount: 1_000_000, cost: 700_000 },
  { key: 'G', occurredAt: '2026-10-15T03:00:00.000Z', amount: 2_000_000, cost: 1_400_000, branchId: OTHER_BRANCH },
  // H: a half-price sale, a sale at 23.30 WIB, three refunds in five days.
  { key: 'H', occurredAt: '2026-10-05T03:00:00.000Z', amount: 1_000_000, cost: 900_000, discount: 1_000_000 },
  { key: 'H', occurredAt: '2026-10-06T16:30:00.000Z', amount: 600_000, cost: 400_000 },
  { key: 'H', occurredAt: '2026-10-10T03:00:00.000Z', kind: 'refund', amount: 100_000, cost: 60_000 },
  { key: 'H', occurredAt: '2026-10-12T03:00:00.000Z', kind: 'refund', amount: 100_000, cost: 60_000 },
  { key: 'H', occurredAt: '2026-10-14T03:00:00.000Z', kind: 'refund', amount: 150_000, cost: 90_000 },
  // I: archived, so left out of every report.
  { key: 'I', occurredAt: '2026-11-20T03:00:00.000Z', amount: 50_000_000, cost: 1_000_000 },
  // J: six small sales, then one fifty times as large.
  ...[95_000, 105_000, 100_000, 98_000, 102_000, 100_000].map((amount, i) => ({ key: 'J', occurredAt: new Date(Date.parse('2026-03-02T03:00:00.000Z') + i * 14 * 86_400_000).toISOString(), amount, cost: amount / 2 })),
  { key: 'J', occurredAt: '2026-08-03T03:00:00.000Z', amount: 5_000_000, cost: 2_500_000 },
];

export interface Fixture {
  branch: TestBranch;
  ids: Record<string, string>;
  /** transaction ids by PURCHASES index */
  txIds: string[];
}

export async function makeFixture(): Promise<Fixture> {
  const branch = await makeBranch({ now: () => NOW });
  const ids: Record<string, string> = {};
  for (const c of CUSTOMERS) {
    const created = await branch.ok<{ id: string }>('customers.create', {
      fullName: c.fullName,
      phones: c.phones ?? [],
      emails: c.emails ?? [],
      ...(c.city ? { address: { city: c.city } } : {}),
    });
    ids[c.key] = created.id;
  }
  const txIds = addPurchases(branch.core, PURCHASES.map(({ key, ...p }) => ({ customerId: ids[key], ...p })));
  for (const c of CUSTOMERS.filter((x) => x.archived)) await branch.ok('customers.archive', { id: ids[c.key] });
  return { branch, ids, txIds };
}

/** Purchases of live customers, as the tests' independent view of the data. */
export function livePurchases(): FixturePurchase[] {
  const archived = new Set(CUSTOMERS.filter((c) => c.archived).map((c) => c.key));
  return PURCHASES.filter((p) => !archived.has(p.key));
}
