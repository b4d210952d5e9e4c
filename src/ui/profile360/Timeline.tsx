import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { TIMELINE_KINDS, type TimelineEntry, type TimelineKind } from '../../shared/domain/profile.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { call } from '../app/api.js';
import { OrderEntryDetail, OrderEntryTitle } from '../orders/TimelineEntries.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { AppointmentEntryDetail, AppointmentEntryTitle, QcEntryTitle } from '../appointments/TimelineEntries.js';
import { PlanEntryDetail, PlanEntryTitle } from '../agenda/TimelineEntries.js';

const PAGE = 50;

/**
 * The customer's timeline (C5): interactions, purchases, needs and wants,
 * profile changes, newest first, with a filter by kind and older entries
 * loaded on request. `first` is the page the Customer 360 call already
 * brought, so opening the profile costs one call.
 */
export function Timeline({ customerId, first, zone, compact, version }: {
  customerId: string;
  first: { entries: TimelineEntry[]; hasMore: boolean };
  zone: BranchTimeZone;
  /** A few entries without filters (the overview). */
  compact?: boolean;
  /** Changes when the profile reloaded: start over from `first`. */
  version: number;
}) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const [page, setPage] = useState(first);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setPage(first);
    setKinds([]);
  }, [first, version]);

  async function load(nextKinds: TimelineKind[], append: boolean) {
    setLoading(true);
    const last = append ? page.entries[page.entries.length - 1] : undefined;
    const result = await call('customers.timeline', {
      customerId,
      limit: PAGE,
      ...(nextKinds.length > 0 ? { kinds: nextKinds } : {}),
      ...(last ? { before: { at: last.at, id: last.id } } : {}),
    });
    setLoading(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setPage(append ? { entries: [...page.entries, ...result.value.entries], hasMore: result.value.hasMore } : result.value);
  }

  function toggle(kind: TimelineKind) {
    const next = kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind];
    setKinds(next);
    void load(next, false);
  }

  const entries = compact ? page.entries.slice(0, 5) : page.entries;
  return (
    <div className="timeline">
      {!compact && (
        <div className="timeline__filters" role="group" aria-label={t('timeline.filter')}>
          {TIMELINE_KINDS.map((kind) => (
            <button key={kind} type="button" className="chip-toggle" aria-pressed={kinds.includes(kind)} onClick={() => toggle(kind)}>
              {t(`timeline.kind.${kind}`)}
            </button>
          ))}
        </div>
      )}
      {error && <ErrorBanner error={error} />}
      {entries.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline__list" aria-label={t('timeline.title')}>
          {entries.map((e) => (
            <li key={`${e.kind}-${e.id}`} className={`timeline-entry timeline-entry--${e.kind}`}>
              <span className="timeline-entry__dot" aria-hidden="true" />
              <div className="timeline-entry__body">
                <div className="timeline-entry__head">
                  <span className="timeline-entry__title">
                    <EntryTitle entry={e} />
                  </span>
                  <time className="timeline-entry__time muted" dateTime={e.at}>
                    {formatInstant(e.at, zone, currentLocale())}
                  </time>
                </div>
                <EntryDetail entry={e} />
              </div>
            </li>
          ))}
        </ol>
      )}
      {!compact && page.hasMore && (
        <button type="button" className="button button--small" disabled={loading} onClick={() => void load(kinds, true)}>
          {loading ? t('common.loading') : t('timeline.older')}
        </button>
      )}
    </div>
  );
}

function EntryTitle({ entry: e }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  switch (e.kind) {
    case 'interaction':
      return (
        <>
          <strong>{t(`channel.${e.channel}`)}</strong> · {t(`directionShort.${e.direction}`)} · {t(`purpose.${e.purpose}`)}
          <span className={`outcome outcome--${e.outcome}`}>{t(`outcome.${e.outcome}`)}</span>
        </>
      );
    case 'purchase':
      return (
        <>
          <strong>{t(e.type === 'sale' ? 'timeline.sale' : 'timeline.refund')}</strong> {formatRupiah(e.amount)} · {t('timeline.items', { count: e.itemCount })}
        </>
      );
    case 'need':
      return <strong>{t(`need.kind.${e.needKind}`)}</strong>;
    case 'profile':
      return <strong>{t(`timeline.profile.${e.source}`)}</strong>;
    case 'appointment':
      return <AppointmentEntryTitle entry={e} />;
    case 'qc':
      return <QcEntryTitle entry={e} />;
    case 'case':
      return (
        <>
          <strong>{t(`cases.kind.${e.caseKind}`)}</strong> {e.caseNumber} · {t(`cases.department.${e.department}`)}
          <span className={`case-status case-status--${e.status}`}>{t(`cases.status.${e.status}`)}</span>
        </>
      );
    case 'order':
    case 'shipment':
      return <OrderEntryTitle entry={e} />;
    case 'plan':
      return <PlanEntryTitle entry={e} />;
  }
}

function EntryDetail({ entry: e }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const staff = 'staffName' in e && e.staffName ? <span className="muted"> · {e.staffName}</span> : null;
  switch (e.kind) {
    case 'interaction':
      return (
        <p className="timeline-entry__detail">
          {e.notes ? <span className="timeline-entry__notes">{e.notes}</span> : <span className="muted">{t('timeline.noNotes')}</span>}
          {e.durationMinutes !== null && <span className="muted"> · {t('timeline.minutes', { count: e.durationMinutes })}</span>}
          {staff}
        </p>
      );
    case 'need':
      return (
        <p className="timeline-entry__detail">
          <span className="timeline-entry__notes">{e.text}</span>
          {staff}
        </p>
      );
    case 'profile': {
      const parts = [e.fields.map((f) => t(`profileField.${f}`, { defaultValue: f })).join(', '), e.staffName].filter(Boolean);
      return parts.length > 0 ? <p className="timeline-entry__detail">{parts.join(' · ')}</p> : null;
    }
    case 'purchase':
      return null;
    case 'appointment':
    case 'qc':
      return <AppointmentEntryDetail entry={e} />;
    case 'case':
      return (
        <p className="timeline-entry__detail">
          <span className="timeline-entry__notes">{e.subject}</span>
          {staff}
        </p>
      );
    case 'order':
    case 'shipment':
      return <OrderEntryDetail entry={e} />;
    case 'plan':
      return <PlanEntryDetail entry={e} />;
  }
}
