import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { CONSOLE_LIST_LIMIT, CONSOLE_PATHS, type ConsoleDuplicate, type ConsoleDuplicatePerson, type DuplicateReason } from '../../shared/console/api.js';
import { formatCalendarDate, formatInstant } from '../../shared/domain/dates.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { adminCall } from './consoleApi.js';
import { useOverview } from './overviewStore.js';
import { useConsoleList } from './useConsoleList.js';

type Filter = 'open' | 'merged' | 'all';
type Pending = { kind: 'merge'; winner: ConsoleDuplicatePerson; loser: ConsoleDuplicatePerson } | { kind: 'undo' } | { kind: 'dismiss' };

/**
 * "Duplikat" (B6): the same person registered at two branches, flagged by
 * the head office as changes arrive. A person merges the pair (all history
 * moves to the one kept, references follow on every branch), says it is
 * not a duplicate, or undoes a merge.
 */
export function DuplicatesPage({ adminName }: { adminName: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('open');
  const openCount = useOverview((s) => s.overview?.openDuplicates);
  const { items: pairs, error, changed } = useConsoleList<ConsoleDuplicate>(CONSOLE_PATHS.duplicates, filter, openCount);

  return (
    <div className="console-page">
      <header className="console-page__header">
        <div>
          <h1>{t('console.duplicates.title')}</h1>
          <p className="muted">{t('console.duplicates.intro')}</p>
        </div>
        <div className="segmented" role="group" aria-label={t('sync.conflicts.filter')}>
          {(['open', 'merged', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {t(`console.duplicates.filter.${value}`)}
            </button>
          ))}
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      {pairs && pairs.length >= CONSOLE_LIST_LIMIT && <Banner tone="info" title={t('console.listLimit', { count: CONSOLE_LIST_LIMIT })} />}
      {pairs === null && !error && <p className="muted">{t('common.loading')}</p>}
      {pairs?.length === 0 && <p className="console-empty">{t(`console.duplicates.none.${filter}`)}</p>}
      {pairs && pairs.length > 0 && (
        <ul className="conflict-list" aria-label={t('console.duplicates.title')}>
          {pairs.map((pair) => (
            <DuplicateCard key={pair.id} pair={pair} adminName={adminName} onChanged={changed} />
          ))}
        </ul>
      )}
    </div>
  );
}

function DuplicateCard({ pair, adminName, onChanged }: { pair: ConsoleDuplicate; adminName: string; onChanged(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [a, b] = pair.customers;
  const label = `${a.fullName ?? '?'} · ${b.fullName ?? '?'}`;
  const matched = new Set(pair.matches.flatMap((m) => m.values));

  async function run(action: Pending) {
    setBusy(true);
    const result =
      action.kind === 'merge'
        ? await adminCall('/admin/duplicates/merge', { body: { winnerId: action.winner.id, loserId: action.loser.id, candidateId: pair.id, by: adminName } })
        : action.kind === 'undo'
          ? await adminCall('/admin/duplicates/undo', { body: { mergeId: pair.merge?.id ?? '', by: adminName } })
          : await adminCall('/admin/duplicates/dismiss', { body: { id: pair.id, by: adminName } });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setPending(null);
    onChanged();
  }

  const winner = pair.merge ? pair.customers.find((c) => c.id === pair.merge!.winnerId) : undefined;
  const loser = pair.merge ? pair.customers.find((c) => c.id === pair.merge!.loserId) : undefined;

  return (
    <li className="card conflict duplicate" aria-label={label} data-status={pair.status}>
      <div className="conflict__head">
        <div className="duplicate__reasons">
          <span className="conflict__customer">{t(`console.duplicates.heading.${pair.status}`)}</span>
          {pair.matches.map((m) => (
            <span key={m.reason} className="conflict__field" data-testid="duplicate-reason">
              {reasonText(m.reason, m.values, t, locale)}
            </span>
          ))}
        </div>
        <span className="muted conflict__when">{t('console.duplicates.detected', { score: pair.score, when: formatInstant(pair.detectedAt, 'WIB', locale) })}</span>
      </div>
      <div className="conflict__values">
        {pair.customers.map((person, index) => {
          const other = pair.customers[1 - index];
          return (
            <div key={person.id} className={`conflict-value duplicate-person ${winner?.id === person.id ? 'conflict-value--chosen' : ''}`} data-testid={`duplicate-person-${index}`}>
              <span className="conflict-value__label">
                {t('console.duplicates.registeredAt', { code: person.homeBranchCode ?? '?' })}
                {winner?.id === person.id && <span className="conflict-value__chosen">✓ {t('console.duplicates.kept')}</span>}
                {loser?.id === person.id && <span className="duplicate-person__archived">{t('console.duplicates.archived')}</span>}
              </span>
              <span className="conflict-value__text">{person.fullName ?? '?'}</span>
              <dl className="duplicate-facts">
                <Fact label={t('customer.customerNumber')} value={person.customerNumber} mono />
                <Fact label={t('customer.birthDate')} value={person.birthDate ? formatCalendarDate(person.birthDate, locale) : null} hit={Boolean(person.birthDate && matched.has(person.birthDate))} />
                <Fact label={t('customer.nik')} value={person.nikMasked} mono hit={Boolean(person.nikMasked && matched.has(person.nikMasked))} />
                {person.phones.map((p, i) => (
                  <Fact key={p} label={i === 0 ? t('console.duplicates.phones') : ''} value={p.startsWith('+') ? formatPhone(p) : p} mono hit={matched.has(p)} />
                ))}
                {person.emails.map((e, i) => (
                  <Fact key={e} label={i === 0 ? t('console.duplicates.emails') : ''} value={e} hit={matched.has(e)} />
                ))}
                <Fact label={t('console.duplicates.history')} value={t('console.duplicates.historyRows', { count: person.historyRows })} />
              </dl>
              {pair.status === 'open' && (
                <button type="button" className="button button--small" disabled={busy} onClick={() => setPending({ kind: 'merge', winner: person, loser: other })}>
                  {t('console.duplicates.keepThis')}
                </button>
              )}
            </div>
          );
        })}
      </div>
      {pair.status === 'merged' && pair.merge && winner && loser && (
        <div className="duplicate__outcome">
          <p className="conflict__resolution" data-testid="duplicate-outcome">
            {t('console.duplicates.mergedBy', { who: pair.merge.mergedBy, when: formatInstant(pair.merge.mergedAt, 'WIB', locale), loser: loser.fullName, winner: winner.fullName, count: pair.merge.redirected })}
          </p>
          <button type="button" className="button button--small" disabled={busy} onClick={() => setPending({ kind: 'undo' })}>
            {t('console.duplicates.undo')}
          </button>
        </div>
      )}
      {pair.status === 'dismissed' && (
        <p className="conflict__resolution" data-testid="duplicate-outcome">
          {t('console.duplicates.dismissedBy', { who: pair.resolvedBy ?? '', when: pair.resolvedAt ? formatInstant(pair.resolvedAt, 'WIB', locale) : '' })}
        </p>
      )}
      {pair.status === 'open' && !pending && (
        <div className="duplicate__outcome">
          <span className="muted">{t('console.duplicates.chooseHint')}</span>
          <button type="button" className="button button--small button--quiet" disabled={busy} onClick={() => setPending({ kind: 'dismiss' })}>
            {t('console.duplicates.dismiss')}
          </button>
        </div>
      )}
      {error && <ErrorBanner error={error} />}
      {pending && (
        <Banner
          tone="warning"
          title={
            pending.kind === 'merge'
              ? t('console.duplicates.confirmMerge', { loser: pending.loser.fullName, winner: pending.winner.fullName })
              : pending.kind === 'undo'
                ? t('console.duplicates.confirmUndo', { loser: loser?.fullName, winner: winner?.fullName })
                : t('console.duplicates.confirmDismiss')
          }
          action={
            <span className="conflict__confirm-actions">
              <button type="button" className="button button--small" onClick={() => setPending(null)}>{t('common.cancel')}</button>
              <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void run(pending)}>
                {pending.kind === 'merge' ? t('console.duplicates.merge') : pending.kind === 'undo' ? t('console.duplicates.undo') : t('console.duplicates.dismiss')}
              </button>
            </span>
          }
        >
          {pending.kind === 'merge'
            ? t('console.duplicates.confirmMergeBody', { loser: pending.loser.fullName, winner: pending.winner.fullName, count: pending.loser.historyRows })
            : pending.kind === 'undo'
              ? t('console.duplicates.confirmUndoBody')
              : t('console.duplicates.confirmDismissBody')}
        </Banner>
      )}
    </li>
  );
}

function Fact({ label, value, mono, hit }: { label: string; value: string | null; mono?: boolean; hit?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={hit ? 'duplicate-facts__hit' : undefined}>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>
        {value ?? <span className="muted">-</span>}
        {hit && <span className="visually-hidden"> ({t('console.duplicates.same')})</span>}
      </dd>
    </div>
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function reasonText(reason: DuplicateReason, values: string[], t: Translate, locale: 'id' | 'en'): string {
  const shown = values.map((v) => (reason === 'phone' && v.startsWith('+') ? formatPhone(v) : reason === 'name_birth_date' ? formatCalendarDate(v, locale) : v));
  const name = t(`console.duplicates.reason.${reason}`);
  return shown.length > 0 ? `${name}: ${shown.join(', ')}` : name;
}
