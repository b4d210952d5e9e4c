import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixture, NOW, type Fixture } from './fixture.js';

/**
 * Reports in the report worker (src/branch/reports/runner.ts): the same
 * numbers as on the core's thread, the core's event loop free while one
 * computes, errors carried over, and a newer request for the same report
 * superseding the older one.
 */
let fx: Fixture;
const REPORTS: [string, unknown][] = [
  ['reports.rfm', {}],
  ['reports.rfm', { period: { from: '2025-11-23', to: '2026-11-22' } }],
  ['reports.top', {}],
  ['reports.profitability', {}],
  ['reports.coverage', {}],
  ['reports.patterns', {}],
  ['reports.anomalies', { status: 'all' }],
  ['reports.service', {}],
  ['reports.prediction', {}],
  ['reports.customers', { filter: { segments: ['champions', 'loyal'] } }],
];
const withoutTiming = (value: unknown) => JSON.parse(JSON.stringify(value, (k, v) => (k === 'elapsedMs' || k === 'ms' ? 0 : v)));
const inline = new Map<number, unknown>();

beforeAll(async () => {
  fx = await makeFixture();
  await fx.branch.ok('reports.fitPrediction', {});
  for (const [i, [method, input]] of REPORTS.entries()) inline.set(i, withoutTiming(await fx.branch.ok(method, input)));
  fx.branch.core.runReportsInWorker();
}, 60_000);
afterAll(() => fx.branch.cleanup());

describe('reports in the report worker', () => {
  it('gives every report the same numbers as the core thread', async () => {
    expect(fx.branch.core.services.reportRunner).toBeDefined();
    for (const [i, [method, input]] of REPORTS.entries()) {
      expect([method, withoutTiming(await fx.branch.ok(method, input))]).toEqual([method, inline.get(i)]);
    }
  }, 60_000);

  it('leaves the core free to answer other requests while a report computes', async () => {
    const runner = fx.branch.core.services.reportRunner!;
    const report = fx.branch.ok('reports.rfm', { period: { from: '2026-01-01', to: '2026-06-30' } });
    // The report is in the worker; the core's thread answers a customer search at the counter meanwhile.
    expect(runner.pending).toBe(1);
    const search = await fx.branch.ok<{ rows: unknown[] }>('customers.search', { query: 'Ani' });
    expect(search.rows.length).toBeGreaterThan(0);
    expect(runner.pending).toBe(1);
    await report;
    expect(runner.pending).toBe(0);
  });

  it('passes a report error on as the same error', async () => {
    const unknown = await fx.branch.core.call(fx.branch.session, 'segments.members', { id: '01935f3c-0000-7000-8000-000000000000' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // And a saved segment's members come from the worker too.
    const saved = await fx.branch.ok<{ id: string }>('segments.save', { name: 'Juara', filter: { segments: ['champions'] } });
    const members = await fx.branch.ok<{ total: number }>('segments.members', { id: saved.id });
    expect(members.total).toBe((inline.get(9) as { rows: { segment: string }[] }).rows.filter((r) => r.segment === 'champions').length);
  });

  it('lets a newer request for the same report supersede the older one, and keeps the others', async () => {
    const { core, session } = fx.branch;
    const older = core.call(session, 'reports.rfm', { period: { from: '2024-01-01', to: '2026-11-22' } });
    const other = core.call(session, 'reports.top', {});
    const newer = core.call(session, 'reports.rfm', {});
    const [a, b, c] = await Promise.all([older, other, newer]);
    expect(a).toMatchObject({ ok: false, error: { code: 'SUPERSEDED' } });
    expect(b.ok).toBe(true);
    expect(c.ok).toBe(true);
    expect(withoutTiming((c as { value: unknown }).value)).toEqual(inline.get(0));
    // The worker that was stopped is replaced: later reports still run.
    expect((await core.call(session, 'reports.coverage', {})).ok).toBe(true);
    expect(core.services.reportRunner!.pending).toBe(0);
  });

  it('uses the core clock of each request', () => {
    expect(fx.branch.core.services.reports.ctx.now()).toEqual(NOW);
  });
});
