import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import type { CaseCategory } from '../../shared/domain/case.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { routePath } from '../app/router.js';
import { customersChanged } from '../customers/customerEvents.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { useSession } from '../session/sessionStore.js';
import { conflictFieldText, conflictValueCode, formatConflictValue } from './conflictFields.js';
import { useSync } from './syncStore.js';
import './syncPages.css';

type Conflict = OutputOf<'sync.conflicts'>[number];
type Keep = 'winner' | 'loser';

/**
 * "Konflik" (REQUIREMENTS B4): the same field changed at two branches before
 * either synced. The head office picked one value by clock; the other is
 * kept here, so a person can confirm the choice or take the other value back.
 * Front office sees them; back office and managers decide.
 */
export function ConflictsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const finishedRuns = useSync((s) => s.finishedRuns);
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [conflicts, setConflicts] = useState<Conflict[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reload, setReload] = useState(0);
  const canResolve = canCall('sync.resolveConflict', role);
  // A case's category is stored as its code; people read the label from this branch's case settings.
  const [categories, setCategories] = useState<CaseCategory[] | undefined>(undefined);
  const needsCategories = !!conflicts?.some((c) => c.tableName === 'cases' && c.field === 'category');
  const canReadCategories = canCall('cases.settings.get', role);
  useEffect(() => {
    if (!needsCategories || !canReadCategories || categories) return;
    void call('cases.settings.get', {}).then((r) => r.ok && setCategories(r.value.categories));
  }, [needsCategories, canReadCategories, categories]);

  useEffect(() => {
    document.title = `${t('sync.conflicts.title')} · Simpul`;
  }, [t]);

  useEffect(() => {
    let current = true;
    void call('sync.conflicts', { status: filter }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setConflicts(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [filter, finishedRuns, reload]);

  return (
    <div className="sync-page">
      <header className="sync-page__header sync-page__header--row">
        <div>
          <h1>{t('sync.conflicts.title')}</h1>
          <p className="muted">{t('sync.conflicts.intro')}</p>
        </div>
        <div className="segmented" role="group" aria-label={t('sync.conflicts.filter')}>
          {(['open', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {value === 'open' ? t('sync.conflicts.filterOpen') : t('sync.conflicts.filterAll')}
            </button>
          ))}
        </div>
      </header>
      {!canResolve && <Banner tone="info" title={t('sync.conflicts.viewOnly')} />}
      {error && <ErrorBanner error={error} />}
      {conflicts === null && !error && <p className="muted">{t('common.loading')}</p>}
      {conflicts?.length === 0 && <p className="sync-page__empty">{filter === 'open' ? t('sync.conflicts.noneOpen') : t('sync.conflicts.none')}</p>}
      {conflicts && conflicts.length > 0 && (
        <ul className="conflict-list" aria-label={t('sync.conflicts.title')}>
          {conflicts.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} categories={categories} canResolve={canResolve} onResolved={() => setReload((n) => n + 1)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ConflictCard({ conflict, categories, canResolve, onResolved }: { conflict: Conflict; categories?: readonly CaseCategory[]; canResolve: boolean; onResolved(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone: BranchTimeZone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [confirming, setConfirming] = useState<Keep | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const field = conflictFieldText(conflict.tableName, conflict.field, t);
  const show = (value: Conflict['winnerValue']) => formatConflictValue(conflict.field, value, t, locale, zone, { table: conflict.tableName, categories });
  const code = (value: Conflict['winnerValue']) => conflictValueCode(conflict.tableName, conflict.field, value);
  const name = conflict.customerName ?? t('sync.conflicts.unknownCustomer');
  const open = conflict.status === 'open';

  async function resolve(keep: Keep) {
    setBusy(true);
    const result = await call('sync.resolveConflict', { id: conflict.id, keep });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setConfirming(null);
    if (conflict.customerId) customersChanged([conflict.customerId]);
    void useSync.getState().refresh();
    onResolved();
  }

  const side = (keep: Keep) => {
    const value = keep === 'winner' ? conflict.winnerValue : conflict.loserValue;
    const chosen = (conflict.status === 'kept' && keep === 'winner') || (conflict.status === 'reversed' && keep === 'loser');
    return (
      <div className={`conflict-value ${chosen ? 'conflict-value--chosen' : ''}`} data-testid={`conflict-${keep}`}>
        <span className="conflict-value__label">
          {keep === 'loser' ? t('sync.conflicts.loser') : open ? t('sync.conflicts.winner') : t('sync.conflicts.automatic')}
          {chosen && <span className="conflict-value__chosen">✓ {t('sync.conflicts.inUse')}</span>}
        </span>
        <span className="conflict-value__text">{show(value)}</span>
        {code(value) !== null && <span className="muted conflict-value__code" data-testid={`conflict-${keep}-code`}>{t('sync.conflicts.code', { code: code(value) })}</span>}
        {open && canResolve && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirming(keep)}>
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
          {conflict.customerId ? (
            <a className="conflict__customer" href={`#${routePath({ name: 'customer', id: conflict.customerId })}`}>{name}</a>
          ) : (
            <span className="conflict__customer">{name}</span>
          )}
          <span className="conflict__field">{field}</span>
        </div>
        <span className="muted conflict__when">{t('sync.conflicts.detected', { when: formatInstant(conflict.detectedAt, zone, locale) })}</span>
      </div>
      <div className="conflict__values">
        {side('winner')}
        {side('loser')}
      </div>
      {!open && (
        <p className="conflict__resolution" data-testid="conflict-resolution">
          {t(conflict.status === 'kept' ? 'sync.conflicts.resolvedKept' : 'sync.conflicts.resolvedReversed', {
            who: conflict.resolvedBy ?? t('sync.conflicts.someone'),
            when: conflict.resolvedAt ? formatInstant(conflict.resolvedAt, zone, locale) : '',
            value: show(conflict.status === 'kept' ? conflict.winnerValue : conflict.loserValue),
          })}
        </p>
      )}
      {error && <ErrorBanner error={error} />}
      {confirming && (
        <Banner
          tone="warning"
          title={t('sync.conflicts.confirmTitle', { field, name, value: show(confirming === 'winner' ? conflict.winnerValue : conflict.loserValue) })}
          action={
            <span className="conflict__confirm-actions">
              <button type="button" className="button button--small" onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
              <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void resolve(confirming)}>
                {t('sync.conflicts.confirm')}
              </button>
            </span>
          }
        >
          {confirming === 'loser' ? t('sync.conflicts.confirmLoserBody') : t('sync.conflicts.confirmWinnerBody')}
        </Banner>
      )}
    </li>
  );
}
