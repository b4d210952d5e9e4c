import { SKEW_WARNING_MS, type ConsoleBranchHealth } from '../../shared/console/api.js';

/**
 * What the health screen warns about, worst first (B9). Pure, so the rules
 * are unit-tested; the screen turns each into words.
 */
export type HealthWarning =
  | { kind: 'stale'; tone: 'danger'; seconds: number }
  | { kind: 'neverSynced'; tone: 'warning' }
  | { kind: 'notEnrolled'; tone: 'info'; tokenWaiting: boolean }
  | { kind: 'oldSchema'; tone: 'warning'; branch: number; headOffice: number }
  | { kind: 'clockSkew'; tone: 'warning'; ms: number }
  | { kind: 'refused'; tone: 'warning'; count: number }
  | { kind: 'conflicts'; tone: 'info'; count: number };

export function healthWarnings(branch: ConsoleBranchHealth, context: { serverTime: string; schemaVersion: number; staleAfterSeconds: number }): HealthWarning[] {
  if (branch.status === 'revoked') return [];
  const out: HealthWarning[] = [];
  if (!branch.enrolled) out.push({ kind: 'notEnrolled', tone: 'info', tokenWaiting: branch.tokenWaiting });
  else if (!branch.lastPullAt) out.push({ kind: 'neverSynced', tone: 'warning' });
  else {
    const seconds = Math.max(0, Math.round((Date.parse(context.serverTime) - Date.parse(branch.lastPullAt)) / 1000));
    if (seconds > context.staleAfterSeconds) out.push({ kind: 'stale', tone: 'danger', seconds });
  }
  if (branch.schemaVersion !== null && branch.schemaVersion < context.schemaVersion) {
    out.push({ kind: 'oldSchema', tone: 'warning', branch: branch.schemaVersion, headOffice: context.schemaVersion });
  }
  if (branch.clockSkewMs !== null && Math.abs(branch.clockSkewMs) >= SKEW_WARNING_MS) out.push({ kind: 'clockSkew', tone: 'warning', ms: branch.clockSkewMs });
  if (branch.quarantined > 0) out.push({ kind: 'refused', tone: 'warning', count: branch.quarantined });
  if (branch.openConflicts > 0) out.push({ kind: 'conflicts', tone: 'info', count: branch.openConflicts });
  return out;
}

/** The row's colour: the worst of its warnings. */
export function healthTone(warnings: HealthWarning[]): 'danger' | 'warning' | 'info' | 'ok' {
  if (warnings.some((w) => w.tone === 'danger')) return 'danger';
  if (warnings.some((w) => w.tone === 'warning')) return 'warning';
  if (warnings.some((w) => w.tone === 'info')) return 'info';
  return 'ok';
}

/** "3 hari", "5 jam", "12 menit": the largest whole unit, as people say it. */
export function formatDuration(seconds: number, locale: 'id' | 'en'): string {
  const s = Math.abs(seconds);
  const [unit, size] = s >= 86_400 ? (['day', 86_400] as const) : s >= 3_600 ? (['hour', 3_600] as const) : s >= 60 ? (['minute', 60] as const) : (['second', 1] as const);
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.floor(s / size));
}
