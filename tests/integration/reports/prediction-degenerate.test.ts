import { afterAll, describe, expect, it } from 'vitest';
import { makeBranch, type TestBranch } from '../../support/branch.js';
import { addPurchases, type Purchase } from '../../support/purchases.js';

/**
 * Prediction at a branch on degenerate spend. A bench left thousands of
 * repeat buyers whose purchases all had one amount: Gamma-Gamma's likelihood
 * then rises without bound as p and q grow, the fit ran p out to the
 * millions and beyond, and the scoring's (v + xm)p overflowed (at the head
 * office a float overflow error; here Infinity or NaN). The fit must say it
 * cannot fit (each buyer's own mean sale is the expected value then), and
 * scoring must stay finite for any finite parameters.
 */

const NOW = new Date('2026-11-22T03:00:00.000Z');
const DAY = 86_400_000;
const branches: TestBranch[] = [];
afterAll(() => branches.forEach((b) => b.cleanup()));

/** 40 repeat buyers (`repeats` of them, weeks apart; 1-4 by default) and 10 one-time buyers; `amount(i, j)` is buyer i's purchase j. */
async function branchWith(amount: (i: number, j: number) => number, repeatsOf: (i: number) => number = (i) => 1 + (i % 4)) {
  const branch = await makeBranch({ now: () => NOW });
  branches.push(branch);
  const rows: Purchase[] = [];
  for (let i = 0; i < 50; i++) {
    const { id } = await branch.ok<{ id: string }>('customers.create', { fullName: `Pembeli ${i}`, phones: [], emails: [] });
    const repeats = i < 40 ? repeatsOf(i) : 0;
    const first = Date.parse('2026-01-05T03:00:00.000Z') + i * 2 * DAY;
    for (let j = 0; j <= repeats; j++) rows.push({ customerId: id, occurredAt: new Date(first + j * (20 + (i % 7)) * DAY).toISOString(), amount: amount(i, j), cost: 0 });
  }
  addPurchases(branch.core, rows);
  return branch;
}

/** Every number of a prediction report (the totals, the bins, every retained line): finite. */
function expectFinite(report: { expected: Record<string, number> | null; distribution: { revenue: number }[]; retain: Record<string, unknown>[] }) {
  expect(report.expected).not.toBeNull();
  for (const v of Object.values(report.expected!)) expect(Number.isFinite(v)).toBe(true);
  for (const line of report.retain) for (const v of Object.values(line)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
}

describe('prediction on degenerate spend (branch, SQLite)', () => {
  it('every purchase the same amount: no Gamma-Gamma fit, each buyer valued at their own mean, nothing overflows', async () => {
    // One or two repeats each: the code before fitted this, "converged", at p = 1.3e13, q = 9e13.
    const branch = await branchWith(() => 100_000, (i) => 1 + (i % 2));
    const run = await branch.ok('reports.fitPrediction', {});
    expect(run.repeatCustomers).toBe(40);
    expect(run.gammaGamma).toBeNull();
    const report = await branch.ok('reports.prediction', { horizonWeeks: 26 });
    expectFinite(report);
    // Without a Gamma-Gamma fit the expected value per purchase is the buyer's own mean sale: 100,000 for everyone.
    expect(report.expected.value).toBeCloseTo(report.expected.purchases * 100_000, 3);
    for (const line of report.retain) expect(line.expectedValue).toBe(100_000);
  });

  it('a stored run with a runaway fit (huge but finite p, q, v) scores finite values, the pass and the list alike', async () => {
    const branch = await branchWith(() => 100_000);
    const run = await branch.ok('reports.fitPrediction', {});
    // Equation 5 as written, (v + xm)p / (px + q - 1), overflows to Infinity with these; its value is about 4e8 for x = 2.
    const huge = { p: 1e300, q: 5e299, v: 1e9 };
    branch.core.services.db.sqlite.prepare('UPDATE prediction_runs SET gamma_gamma = ? WHERE id = ?').run(JSON.stringify(huge), run.id);
    const report = await branch.ok('reports.prediction', { horizonWeeks: 26 });
    expect(report.run.gammaGamma).toEqual(huge);
    expectFinite(report);
    expect(report.expected.value).toBeGreaterThan(0);
    // Parameters that cannot score (q <= 1: an infinite population mean) are read as no fit.
    branch.core.services.db.sqlite.prepare('UPDATE prediction_runs SET gamma_gamma = ? WHERE id = ?').run(JSON.stringify({ p: 1e6, q: 0.5, v: 1 }), run.id);
    const unusable = await branch.ok('reports.prediction', { horizonWeeks: 26 });
    expect(unusable.run.gammaGamma).toBeNull();
    expect(unusable.expected.value).toBeCloseTo(unusable.expected.purchases * 100_000, 3);
  });

  it('a near-degenerate spend (1% spread) still fits Gamma-Gamma, with large finite p and q and values near the common level', async () => {
    let s = 3 * 7919;
    const uniform = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const levels = Array.from({ length: 50 }, () => 100_000 * (1 + 0.01 * 1.73 * uniform()));
    const branch = await branchWith((i) => Math.round(levels[i] * (1 + 0.01 * 1.73 * uniform())));
    const run = await branch.ok('reports.fitPrediction', {});
    expect(run.gammaGamma).not.toBeNull();
    expect(run.gammaGamma.p).toBeGreaterThan(1000);
    expect(run.gammaGamma.p).toBeLessThan(1e7);
    expect(run.gammaGamma.q).toBeGreaterThan(1000);
    expect(run.gammaGamma.q).toBeLessThan(1e7);
    const report = await branch.ok('reports.prediction', { horizonWeeks: 26 });
    expectFinite(report);
    const perPurchase = report.expected.value / report.expected.purchases;
    expect(perPurchase).toBeGreaterThan(97_000);
    expect(perPurchase).toBeLessThan(103_000);
  });
});
