import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBranchCore } from '../../../src/branch/core.js';

/** `simpul report <name>`: the window's reports as JSON and files from the command line, for scheduled exports. */
const dir = mkdtempSync(join(tmpdir(), 'simpul-report-cli-'));
const simpul = (...args: string[]) => spawnSync(process.execPath, ['bin/simpul.mjs', '--data-dir', dir, ...args], { encoding: 'utf8' });
const json = (...args: string[]) => {
  const r = simpul('--json', ...args);
  if (r.status !== 0) throw new Error(`simpul ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

beforeAll(() => {
  json('init', '--branch-name', 'Cabang Solo', '--branch-code', 'SLO01', '--manager', 'sari', '--manager-name', 'Sari', '--manager-password', 'rahasia123');
  json('seed', '--customers', '300', '--transactions', '1500', '--seed', '7');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simpul report', () => {
  it('prints the same report the window gets, as JSON', async () => {
    const cli = json('report', 'rfm', '--from', '2020-01-01');
    const core = openBranchCore({ dataDir: dir, checkOutput: false });
    try {
      const direct = await core.dispatch(core.systemActor, 'reports.rfm', { period: { from: '2020-01-01' } });
      expect(direct.ok).toBe(true);
      if (!direct.ok) return;
      const { meta: _a, ...fromCli } = cli;
      const { meta: _b, ...fromCore } = direct.value as typeof cli;
      expect(fromCli).toEqual(fromCore);
    } finally {
      core.close();
    }
    expect(cli.buyers).toBeGreaterThan(100);
    expect(cli.recency.reduce((s: number, b: { customers: number }) => s + b.customers, 0)).toBe(cli.buyers);
  });

  it('writes the export file with --format (the same exporter as the window; formats are tested there)', () => {
    const out = join(dir, 'top.csv');
    const written = json('report', 'top', '--format', 'csv', '--out', out);
    expect(written.file).toBe(out);
    const body = readFileSync(out);
    expect(body.length).toBe(written.bytes);
    expect(body.toString('utf8')).toContain('10 teratas menurut belanja');
  });

  it('fits the model and prints text tables for people', () => {
    const run = json('report', 'fit');
    expect(run.fittedOn).toBeGreaterThan(100);
    const text = simpul('report', 'prediction', '--horizon', '26');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Prediksi pelanggan');
    expect(text.stdout).toContain('BG/NBD r');
  });

  it('covers every report of the window, the drill-down list included', { timeout: 300_000 }, async () => {
    const rfm = json('report', 'rfm');
    const champions = json('report', 'customers', '--filter', '{"segments":["champions"]}', '--limit', '500');
    expect(champions.total).toBe(rfm.segments.find((s: { bucket: string }) => s.bucket === 'champions').customers);
    expect(champions.rows.every((r: { segment: string }) => r.segment === 'champions')).toBe(true);
    const page = json('report', 'customers', '--filter', '{"buyers":"buyers"}', '--offset', '10', '--limit', '5');
    expect(page.rows).toHaveLength(5);
    expect(page.total).toBe(rfm.buyers);
    // rfm, top and prediction are run by the other tests.
    for (const name of ['profitability', 'coverage', 'patterns', 'anomalies', 'service']) expect(json('report', name)).toHaveProperty('meta');
    const badFilter = simpul('report', 'customers', '--filter', '{segments');
    expect(badFilter.status).toBe(2);
    expect(badFilter.stderr).toContain('--filter');
    const badSegment = simpul('--json', 'report', 'customers', '--filter', '{"segments":["vip"]}');
    expect(badSegment.status).toBe(1);
    expect(JSON.parse(badSegment.stdout).error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bad arguments with exit 2 and an unknown report by name', () => {
    const badDate = simpul('report', 'rfm', '--from', '2026-13-01');
    expect(badDate.status).toBe(2);
    expect(badDate.stderr).toContain('YYYY-MM-DD');
    const unknown = simpul('report', 'laba');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown report "laba"');
  });
});
