import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CONSOLE_LIST_LIMIT, CONSOLE_PATHS, type ConsoleConflict, type ConsoleConflictSide } from '../../shared/console/api.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { conflictFieldText, conflictValueCode, formatConflictValue } from '../sync/conflictFields.js';
import { adminCall } from './consoleApi.js';
import { useOverview } from './overviewStore.js';
import { useConsoleList } from './useConsoleList.js';

type Keep = 'winner' | 'loser';

/**
 * "Konflik" at the head office (B4): every branch's conflicts, each with
 * both values side by side and which branch made which edit. A decision
 * here reaches every branch at its next sync. Resolved ones are hidden
 * unless "Semua" is chosen.
 */
export function ConsoleConflictsPage({ adminName }: { adminName: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  // openCount: a conflict arriving from a branch (seen by the overview refresh) shows up here too.
  const openCount = useOverview((s) => s.overview?.openConflicts);
  const { items: conflicts, error, changed: resolved } = useConsoleList<ConsoleConflict>(CONSOLE_PATHS.conflicts, filter, openCount);

  return (
    <div className="console-page">
      <header className="console-page__header">
        <div>
          <h1>{t('console.conflicts.title')}</h1>
          <p className="muted">{t('console.conflicts.intro')}</p>
        </div>
        <div className="segmented" role="group" aria-label={t('sync.conflicts.filter')}>
          {(['open', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {value === 'open' ? t('sync.conflicts.filterOpen') : t('sync.conflicts.filterAll')}
            </button>
          ))}
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      {conflicts && conflicts.length >= CONSOLE_LIST_LIMIT && <Banner tone="info" title={t('console.listLimit', { count: CONSOLE_LIST_LIMIT })} />}
      {conflicts === null && !error && <p className="muted">{t('common.loading')}</p>}
      {conflicts?.length === 0 && <p className="console-empty">{filter === 'open' ? t('sync.conflicts.noneOpen') : t('sync.conflicts.none')}</p>}
      {conflicts && conflicts.length > 0 && (
        <ul className="conflict-list" aria-label={t('console.conflicts.title')}>
          {conflicts.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} adminName={adminName} onResolved={resolved} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConflictCard({ conflict, adminName, onResolved }: { conflict: ConsoleConflict; adminName: string; onResolved(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [confirming, setConfirming] = useState<Keep | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const field = conflictFieldText(conflict.tableName, conflict.field, t);
  // No case categories here: a branch's labels stay in its case settings (not synced), so a built-in
  // category reads as its built-in name and a branch's own one as its code in words; the code shows below.
  const show = (value: ConsoleConflictSide['value']) => formatConflictValue(conflict.field, value, t, locale, 'WIB', { table: conflict.tableName });
  const code = (value: ConsoleConflictSide['value']) => conflictValueCode(conflict.tableName, conflict.field, value);
  const name = conflict.customer?.fullName ?? t('console.conflicts.unknownCustomer');
  const open = conflict.status === 'open';
  // Edited again after the conflict: taking the other value back would overwrite that newer edit.
  const changedSince = JSON.stringify(conflict.currentValue) !== JSON.stringify(conflict.winner.value);

  async function resolve(keep: Keep) {
    setBusy(true);
    const result = await adminCall<ConsoleConflict>(CONSOLE_PATHS.resolveConflict(conflict.id), { body: { keep, by: adminName } });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setConfirming(null);
    setError(null);
    onResolved();
  }

  const side = (keep: Keep) => {
    const s = keep === 'winner' ? conflict.winner : conflict.loser;
    const chosen = (conflict.status === 'kept' && keep === 'winner') || (conflict.status === 'reversed' && keep === 'loser');
    return (
      <div className={`conflict-value ${chosen ? 'conflict-value--chosen' : ''}`} data-testid={`conflict-${keep}`}>
        <span className="conflict-value__label">
          {keep === 'loser' ? t('sync.conflicts.loser') : open ? t('sync.conflicts.winner') : t('sync.conflicts.automatic')}
          {chosen && <span className="conflict-value__chosen">✓ {t('sync.conflicts.inUse')}</span>}
        </span>
        <span className="conflict-value__text">{show(s.value)}</span>
        {code(s.value) !== null && <span className="muted conflict-value__code" data-testid={`conflict-${keep}-code`} title={t('console.conflicts.codeNote')}>{t('sync.conflicts.code', { code: code(s.value) })}</span>}
        <span className="conflict-value__origin" data-testid={`conflict-${keep}-origin`}>
          {originText(s, t, locale)}
        </span>
        {open && (
          <button type="button" className="button button--small" disabled={busy || (keep === 'loser' && changedSince)} onClick={() => setConfirming(keep)}>
            {keep === 'winner' ? t('sync.conflicts.keepWinner') : t('sync.conflicts.keepLoser')}
          </button>
        )}
      </div>
    );
  };

  return (
    <li className="card conflict" aria-label={`${name} · ${field}`} data-status={conflict.status}>
      <div className="conflict__head">
        <div>
          <span className="conflict__customer">{name}</span>
          {conflict.customer?.customerNumber && <span className="muted mono console-conflict__number">{conflict.customer.customerNumber}</span>}
          <span className="conflict__field">{field}</span>
        </div>
        <span className="muted conflict__when">{t('sync.conflicts.detected', { when: formatInstant(conflict.detectedAt, 'WIB', locale) })}</span>
      </div>
      <div className="conflict__values">
        {side('winner')}
        {side('loser')}
      </div>
      {open && changedSince && (
        <Banner tone="info" title={t('console.conflicts.changedSince', { value: show(conflict.currentValue) })}>
          {t('console.conflicts.changedSinceBody')}
        </Banner>
      )}
      {!open && (
        <p className="conflict__resolution" data-testid="conflict-resolution">
          {t(conflict.status === 'kept' ? 'sync.conflicts.resolvedKept' : 'sync.conflicts.resolvedReversed', {
            who: conflict.resolvedBy ?? t('sync.conflicts.someone'),
            when: conflict.resolvedAt ? formatInstant(conflict.resolvedAt, 'WIB', locale) : '',
            value: show(conflict.status === 'kept' ? conflict.winner.value : conflict.loser.value),
          })}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {confirming && (
        <Banner
          tone="warning"
          title={t('sync.conflicts.confirmTitle', { field, name, value: show(confirming === 'winner' ? conflict.winner.value : conflict.loser.value) })}
          action={
            <span className="conflict__confirm-actions">
              <button type="button" className="button button--small" onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
              <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void resolve(confirming)}>
                {t('sync.conflicts.confirm')}
              </button>
            </span>
          }
        >
          {confirming === 'loser' ? t('console.conflicts.confirmLoserBody') : t('console.conflicts.confirmWinnerBody')}
        </Banner>
      )}
    </li>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function originText(side: ConsoleConflictSide, t: Translate, locale: 'id' | 'en'): string {
  const who = side.branchCode === 'headoffice' ? t('console.conflicts.headOffice') : side.branchCode ? t('console.conflicts.branch', { code: side.branchCode }) : t('console.conflicts.unknownBranch');
  return side.editedAt ? t('console.conflicts.origin', { who, when: formatInstant(side.editedAt, 'WIB', locale) }) : who;
}
