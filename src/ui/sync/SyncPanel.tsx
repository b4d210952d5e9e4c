import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../shared/api/errors.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { transport } from '../app/api.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { errorText } from '../lib/errorText.js';
import { formatCount } from '../lib/numbers.js';
import { useSession } from '../session/sessionStore.js';
import { relativeTime } from './relativeTime.js';
import { progressFraction, useSync, type SyncOutcome, type SyncProgress } from './syncStore.js';
import './syncPanel.css';

const REFRESH_MS = 30_000;

/** Ctrl+Shift+S (Cmd+Shift+S): sync now from anywhere in the window. */
export function isSyncShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 's';
}

/**
 * Always in the sidebar: when the branch last synced, what waits to be sent,
 * open conflicts, and the "Sinkronkan sekarang" button with its progress
 * and summary. Also keeps the sync store fed (events, every 30 s).
 */
export function SyncPanel() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const role = useSession((s) => s.actor?.role);
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const { status, statusError, running, progress, outcome, finishedRuns } = useSync();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const sync = useSync.getState();
    void sync.refresh();
    const off = transport?.onEvent((event) => useSync.getState().onCoreEvent(event));
    const timer = setInterval(() => {
      setNow(Date.now());
      void useSync.getState().refresh();
    }, REFRESH_MS);
    // Capture phase: the customer form's Ctrl+S must not also save on Ctrl+Shift+S.
    const onKey = (event: KeyboardEvent) => {
      if (!isSyncShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const state = useSync.getState();
      if (state.status?.enrolled) void state.syncNow();
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      off?.();
      clearInterval(timer);
      window.removeEventListener('keydown', onKey, true);
      useSync.getState().reset();
    };
  }, []);

  // Relative times follow the status (refreshed every 30 s) and each run.
  useEffect(() => setNow(Date.now()), [status]);

  const canEnrol = canCall('sync.enrol', role);
  const lastError = status?.lastError ?? null;
  const state = !status ? 'unknown' : !status.enrolled ? 'notEnrolled' : running ? 'running' : lastError ? (lastError.code === 'UNAVAILABLE' ? 'offline' : 'error') : 'ok';

  return (
    <section className="sync-panel" aria-labelledby="sync-panel-title" data-testid="sync-panel" data-state={state} data-finished-runs={finishedRuns}>
      <h2 className="sync-panel__title" id="sync-panel-title">{t('sync.title')}</h2>
      <p className={`sync-state sync-state--${state}`} role="status" data-testid="sync-state">
        <span className="sync-state__dot" aria-hidden="true" />
        {t(`sync.state.${state}`)}
      </p>
      {statusError && <p className="sync-panel__error">{errorText(statusError, locale)}</p>}

      {status && !status.enrolled && (
        <p className="sync-panel__note">
          {canEnrol ? <a href="#/sync">{t('sync.enrolLink')}</a> : t('sync.askManager')}
        </p>
      )}

      {status?.enrolled && (
        <>
          {lastError && !running && outcome?.ok !== false && (
            <p className="sync-panel__error" title={lastError.message} data-testid="sync-last-error">
              {errorText({ code: lastError.code as ErrorCode, message: lastError.message }, locale)}
            </p>
          )}
          <dl className="sync-facts">
            <div>
              <dt>{t('sync.lastSynced')}</dt>
              <dd data-testid="sync-last-synced">
                {status.lastSyncAt ? (
                  <time dateTime={status.lastSyncAt} title={formatInstant(status.lastSyncAt, zone, locale)}>
                    {relativeTime(status.lastSyncAt, now, locale) ?? t('sync.justNow')}
                  </time>
                ) : (
                  t('sync.never')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('sync.pending')}</dt>
              <dd data-testid="sync-pending">{formatCount(status.pending)}</dd>
            </div>
            <div>
              <dt>{t('sync.openConflicts')}</dt>
              <dd>
                <a href="#/sync/conflicts" className={status.openConflicts > 0 ? 'sync-facts__alert' : undefined} data-testid="sync-conflicts-link">
                  {formatCount(status.openConflicts)}
                </a>
              </dd>
            </div>
          </dl>
          <button
            type="button"
            className="button button--primary sync-panel__button"
            disabled={running}
            aria-keyshortcuts="Control+Shift+S"
            onClick={() => void useSync.getState().syncNow()}
          >
            {running ? <><span className="spinner spinner--light" aria-hidden="true" /> {t('sync.running')}</> : t('sync.now')}
          </button>
          {running && <ProgressBar progress={progress} />}
          {outcome && !running && <Outcome outcome={outcome} detail={lastError?.message} />}
        </>
      )}
    </section>
  );
}

function ProgressBar({ progress }: { progress: SyncProgress | null }) {
  const { t } = useTranslation();
  const fraction = progressFraction(progress);
  const label = !progress
    ? t('sync.phase.hello')
    : progress.phase === 'push'
      ? t('sync.phase.push', { pushed: formatCount(progress.pushed), toPush: formatCount(progress.toPush) })
      : progress.phase === 'pull'
        ? t('sync.phase.pull', { pulled: formatCount(progress.pulled) })
        : t(`sync.phase.${progress.phase}`);
  return (
    <div className="sync-progress">
      <div
        className={`sync-progress__track ${fraction === null ? 'sync-progress__track--busy' : ''}`}
        role="progressbar"
        aria-label={t('sync.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
        aria-valuetext={label}
      >
        <div className="sync-progress__fill" style={{ width: fraction === null ? undefined : `${Math.round(fraction * 100)}%` }} />
      </div>
      <p className="sync-progress__label" data-testid="sync-progress-label">{label}</p>
    </div>
  );
}

/** How the run ended; a failure carries the head office's or the network's own words as a tooltip. */
function Outcome({ outcome, detail }: { outcome: SyncOutcome; detail?: string }) {
  const { t } = useTranslation();
  if (!outcome.ok) {
    return (
      <p className="sync-outcome sync-outcome--error" role="alert" data-testid="sync-outcome" title={detail}>
        <strong>{t('sync.failed')}</strong> {errorText(outcome.error, currentLocale())}
      </p>
    );
  }
  const counts = [
    ['sent', outcome.pushed, t('sync.summary.sent')],
    ['received', outcome.pulled, t('sync.summary.received')],
    ['conflicts', outcome.conflicts, t('sync.summary.conflicts')],
    ['refused', outcome.refused, t('sync.summary.refused')],
  ] as const;
  return (
    <div className="sync-outcome" role="status" data-testid="sync-outcome">
      <strong>{t('sync.done')}</strong>
      <dl className="sync-outcome__counts">
        {counts.map(([key, count, label]) =>
          count === null ? null : (
            <div key={key} className={count > 0 && (key === 'conflicts' || key === 'refused') ? 'sync-outcome__alert' : undefined}>
              <dt>{label}</dt>
              <dd data-testid={`sync-outcome-${key}`}>{formatCount(count)}</dd>
            </div>
          ),
        )}
      </dl>
    </div>
  );
}
