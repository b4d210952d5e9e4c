import { describe, expect, it } from 'vitest';
import type { ConsoleBranchHealth } from '../../../src/shared/console/api.js';
import { formatDuration, healthTone, healthWarnings } from '../../../src/ui/console/healthWarnings.js';
import { parseConsoleRoute } from '../../../src/ui/console/consoleRoutes.js';

const NOW = '2026-12-03T09:00:00.000Z';
const context = { serverTime: NOW, schemaVersion: 4, staleAfterSeconds: 86_400 };
const healthy: ConsoleBranchHealth = {
  branchId: 'b1',
  code: 'JKT01',
  name: 'Jakarta Pusat',
  timeZone: 'WIB',
  status: 'active',
  createdAt: '2026-11-01T00:00:00.000Z',
  revokedAt: null,
  enrolled: true,
  nodes: 1,
  lastSeenAt: '2026-12-03T08:55:00.000Z',
  lastPushAt: '2026-12-03T08:55:00.000Z',
  lastPullAt: '2026-12-03T08:55:00.000Z',
  pending: 0,
  behind: 0,
  openConflicts: 0,
  quarantined: 0,
  clockSkewMs: 1200,
  dataAgeSeconds: 300,
  schemaVersion: 4,
  tokenWaiting: false,
};
const kinds = (b: Partial<ConsoleBranchHealth>) => healthWarnings({ ...healthy, ...b }, context).map((w) => w.kind);

describe('sync health warnings (B9)', () => {
  it('a branch that pulled five minutes ago on the current schema is healthy', () => {
    expect(healthWarnings(healthy, context)).toEqual([]);
    expect(healthTone([])).toBe('ok');
  });

  it('warns in red once the last pull is older than the threshold, not before', () => {
    expect(kinds({ lastPullAt: '2026-12-02T09:00:01.000Z' })).toEqual([]);
    const warnings = healthWarnings({ ...healthy, lastPullAt: '2026-11-30T09:00:00.000Z' }, context);
    expect(warnings).toEqual([{ kind: 'stale', tone: 'danger', seconds: 3 * 86_400 }]);
    expect(healthTone(warnings)).toBe('danger');
  });

  it('tells enrolled-but-never-synced apart from not enrolled, and a waiting token', () => {
    expect(kinds({ lastPullAt: null })).toEqual(['neverSynced']);
    expect(healthWarnings({ ...healthy, enrolled: false, lastPullAt: null, tokenWaiting: true }, context)).toEqual([{ kind: 'notEnrolled', tone: 'info', tokenWaiting: true }]);
  });

  it('flags an old schema, a skewed clock, refused changes and open conflicts', () => {
    expect(kinds({ schemaVersion: 3, clockSkewMs: -3_600_000, quarantined: 2, openConflicts: 1 })).toEqual(['oldSchema', 'clockSkew', 'refused', 'conflicts']);
    expect(kinds({ clockSkewMs: 299_000 })).toEqual([]);
  });

  it('says nothing about a revoked branch: it is not expected to sync', () => {
    expect(kinds({ status: 'revoked', lastPullAt: '2026-01-01T00:00:00.000Z' })).toEqual([]);
  });

  it('words durations in the largest whole unit, in both languages', () => {
    expect(formatDuration(3 * 86_400 + 5_000, 'id')).toBe('3 hari');
    expect(formatDuration(2 * 3_600 + 59, 'en')).toBe('2 hours');
    expect(formatDuration(-90, 'id')).toBe('1 menit');
  });
});

describe('console routes', () => {
  it('maps hashes to screens and anything else to sync health', () => {
    expect(parseConsoleRoute('#/conflicts')).toBe('conflicts');
    expect(parseConsoleRoute('#/branches?x=1')).toBe('branches');
    expect(parseConsoleRoute('#/nothing')).toBe('health');
    expect(parseConsoleRoute('')).toBe('health');
  });
});
