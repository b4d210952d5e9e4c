import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleBranchHealth, ConsoleOverview } from '../../shared/console/api.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { relativeTime } from '../sync/relativeTime.js';
import { formatDuration, healthTone, healthWarnings, type HealthWarning } from './healthWarnings.js';
import { REFRESH_MS, useOverview } from './overviewStore.js';

/**
 * "Kesehatan sinkronisasi" (B9): every branch's last sync, pending changes,
 * open conflicts, data age, schema version and status, refreshed on its own,
 * with the branches that have not synced for long shown first and in red.
 */
export function HealthPage() {
  const { t } = useTranslation();
  const { overview, error, loadedAt, loading, refresh } = useOverview();
  const now = useNow();
  const locale = currentLocale();
  const [search, setSearch] = useState('');
  const [onlyAttention, setOnlyAttention] = useState(false);

  if (!overview) {
    return (
      <div className="console-page">
        <PageHead />
        {error ? <ErrorBanner error={error} action={<button type="button" className="button button--small" onClick={() => void refresh()}>{t('console.retry')}</button>} /> : <p className="muted">{t('common.loading')}</p>}
      </div>
    );
  }

  const rows = overview.branches.map((branch) => ({ branch, warnings: healthWarnings(branch, overview) }));
  const rank = { danger: 0, warning: 1, info: 2, ok: 3 } as const;
  rows.sort((a, b) => Number(a.branch.status === 'revoked') - Number(b.branch.status === 'revoked') || rank[healthTone(a.warnings)] - rank[healthTone(b.warnings)] || a.branch.code.localeCompare(b.branch.code));
  const stale = rows.filter((r) => r.warnings.some((w) => w.kind === 'stale'));
  const active = rows.filter((r) => r.branch.status === 'active' && r.branch.enrolled);
  const needing = rows.filter((r) => r.warnings.some((w) => w.tone !== 'info'));
  const needle = search.trim().toLowerCase();
  const shown = rows.filter(
    (r) => (!onlyAttention || needing.includes(r)) && (!needle || r.branch.code.toLowerCase().includes(needle) || r.branch.name.toLowerCase().includes(needle)),
  );

  return (
    <div className="console-page">
      <PageHead>
        <div className="console-refresh">
          <span className="muted" data-testid="health-refreshed">
            {t('console.health.refreshed', { every: Math.round(REFRESH_MS / 1000), when: loadedAt ? new Date(loadedAt).toLocaleTimeString(locale === 'id' ? 'id-ID' : 'en-GB') : '-' })}
          </span>
          <button type="button" className="button button--small" disabled={loading} onClick={() => void refresh()}>
            {loading ? <span className="spinner" aria-hidden="true" /> : null}
            {t('console.refresh')}
          </button>
        </div>
      </PageHead>
      {error && <ErrorBanner error={error} />}
      {overview.branches.length === 0 ? (
        <div className="console-empty">
          <p>{t('console.health.noBranches')}</p>
          <a className="button button--primary" href="#/branches">{t('console.health.addFirst')}</a>
        </div>
      ) : stale.length > 0 ? (
        <Banner tone="error" title={t('console.health.staleSummary', { count: stale.length, hours: Math.round(overview.staleAfterSeconds / 3600) })}>
          <ul className="console-stale" data-testid="stale-codes">
            {stale.map((r) => (
              <li key={r.branch.branchId}>
                <span className="console-code mono">{r.branch.code}</span>
                {r.branch.name}
              </li>
            ))}
          </ul>
        </Banner>
      ) : active.length > 0 ? (
        <Banner tone="success" title={t('console.health.allFresh', { hours: Math.round(overview.staleAfterSeconds / 3600) })} />
      ) : null}
      {overview.branches.length > 0 && (
        <div className="console-toolbar">
          <input
            type="search"
            className="input console-toolbar__search"
            placeholder={t('console.health.search')}
            aria-label={t('console.health.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="segmented" role="group" aria-label={t('sync.conflicts.filter')}>
            <button type="button" aria-pressed={!onlyAttention} onClick={() => setOnlyAttention(false)}>
              {t('console.health.showAll', { count: rows.length })}
            </button>
            <button type="button" aria-pressed={onlyAttention} onClick={() => setOnlyAttention(true)}>
              {t('console.health.showAttention', { count: needing.length })}
            </button>
          </div>
        </div>
      )}
      {overview.branches.length > 0 && shown.length === 0 && <p className="console-empty">{t('console.health.noneShown')}</p>}
      {shown.length > 0 && (
        <div className="card console-table-wrap">
          <table className="console-table console-table--health" aria-label={t('console.health.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('console.health.col.branch')}</th>
                <th scope="col">{t('console.health.col.status')}</th>
                <th scope="col">{t('console.health.col.lastSync')}</th>
                <th scope="col" className="num">{t('console.health.col.pending')}</th>
                <th scope="col" className="num">{t('console.health.col.behind')}</th>
                <th scope="col" className="num">{t('console.health.col.conflicts')}</th>
                <th scope="col">{t('console.health.col.dataAge')}</th>
                <th scope="col" className="num">{t('console.health.col.schema')}</th>
                <th scope="col" className="console-table__notes">{t('console.health.col.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ branch, warnings }) => (
                <HealthRow key={branch.branchId} branch={branch} warnings={warnings} overview={overview} elapsed={loadedAt ? Math.max(0, now - loadedAt) : 0} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted console-footnote">{t('console.health.footnote')}</p>
    </div>
  );
}

function PageHead({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="console-page__header">
      <div>
        <h1>{t('console.health.title')}</h1>
        <p className="muted">{t('console.health.intro')}</p>
      </div>
      {children}
    </header>
  );
}

function HealthRow({ branch, warnings, overview, elapsed }: { branch: ConsoleBranchHealth; warnings: HealthWarning[]; overview: ConsoleOverview; elapsed: number }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const tone = branch.status === 'revoked' ? 'revoked' : healthTone(warnings);
  // Ages are measured on the head office's clock, then moved on by the time since its answer arrived.
  const lastSync = branch.lastPullAt;
  const ago = lastSync ? (relativeTime(lastSync, Date.parse(overview.serverTime) + elapsed, locale) ?? t('console.justNow')) : null;
  return (
    <tr className={`console-row console-row--${tone}`} data-testid={`health-${branch.code}`} data-tone={tone}>
      <th scope="row">
        <span className="console-code mono">{branch.code}</span>
        <span className="console-row__name">{branch.name}</span>
      </th>
      <td>
        <StatusBadge branch={branch} />
      </td>
      <td className="console-nowrap" data-testid="health-last-sync">
        {lastSync ? (
          <time dateTime={lastSync} title={formatInstant(lastSync, branch.timeZone, locale)}>
            {ago}
          </time>
        ) : (
          <span className="muted">{t('console.health.never')}</span>
        )}
      </td>
      <td className="num" data-testid="health-pending">{branch.pending}</td>
      <td className="num" data-testid="health-behind">{branch.behind}</td>
      <td className="num" data-testid="health-conflicts">
        {branch.openConflicts > 0 ? <a href="#/conflicts">{branch.openConflicts}</a> : 0}
      </td>
      <td className="console-nowrap" data-testid="health-data-age">{dataAge(branch.dataAgeSeconds === null ? null : branch.dataAgeSeconds + Math.round(elapsed / 1000), t, locale)}</td>
      <td className="num" data-testid="health-schema">{branch.schemaVersion ?? <span className="muted">-</span>}</td>
      <td>
        {warnings.length === 0 ? (
          <span className="console-ok">{branch.status === 'revoked' ? t('console.health.revokedNote') : t('console.health.ok')}</span>
        ) : (
          <ul className="console-warnings">
            {warnings.map((w) => (
              <li key={w.kind} className={`console-warning console-warning--${w.tone}`}>
                {warningText(w, t, locale)}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function StatusBadge({ branch }: { branch: ConsoleBranchHealth }) {
  const { t } = useTranslation();
  if (branch.status === 'revoked') return <span className="badge badge--archived">{t('console.status.revoked')}</span>;
  if (!branch.enrolled) return <span className="badge badge--prospect">{t('console.status.notEnrolled')}</span>;
  return <span className="badge badge--active">{t('console.status.active')}</span>;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function dataAge(seconds: number | null, t: Translate, locale: 'id' | 'en') {
  if (seconds === null) return <span className="muted">-</span>;
  return seconds < 60 ? t('console.health.underMinute') : formatDuration(seconds, locale);
}

export function warningText(w: HealthWarning, t: Translate, locale: 'id' | 'en'): string {
  switch (w.kind) {
    case 'stale':
      return t('console.warning.stale', { duration: formatDuration(w.seconds, locale) });
    case 'neverSynced':
      return t('console.warning.neverSynced');
    case 'notEnrolled':
      return w.tokenWaiting ? t('console.warning.tokenWaiting') : t('console.warning.notEnrolled');
    case 'oldSchema':
      return t('console.warning.oldSchema', { branch: w.branch, headOffice: w.headOffice });
    case 'clockSkew':
      return t(w.ms > 0 ? 'console.warning.clockAhead' : 'console.warning.clockBehind', { duration: formatDuration(Math.round(w.ms / 1000), locale) });
    case 'refused':
      return t('console.warning.refused', { count: w.count });
    case 'conflicts':
      return t('console.warning.conflicts', { count: w.count });
  }
}

/** This page's clock, ticking every 30 s so "5 menit yang lalu" moves on between refreshes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
