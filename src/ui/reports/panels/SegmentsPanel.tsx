import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/api/contract.js';
import { GENDERS, LIFECYCLE_STAGES } from '../../../shared/domain/customer.js';
import { RFM_SEGMENTS, TIERS } from '../../../shared/reports/rfm.js';
import type { CustomerFilter } from '../../../shared/reports/filters.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { call } from '../../app/api.js';
import { ErrorBanner } from '../../design/Banner.js';
import { ReportCard } from '../ReportBits.js';
import { useWords, type Words } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

type Segment = OutputOf<'segments.list'>[number];

/** M1: saved filters with a name; counted and listed now, used later by campaigns. */
export function SegmentsPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { version, reload, openDrill } = useReports();
  const list = useReport('segments.list', {}, version);
  const [error, setError] = useState<ApiError | null>(null);
  const remove = async (s: Segment) => {
    if (!window.confirm(t('reports.segments.confirmDelete', { name: s.name }))) return;
    const r = await call('segments.delete', { id: s.id });
    setError(r.ok ? null : r.error);
    if (r.ok) reload();
  };
  return (
    <>
      <div className="panel-header">
        <h1>{t('reports.nav.segments')}</h1>
      </div>
      <NewSegment onSaved={reload} />
      {error && <ErrorBanner error={error} />}
      {list.error && <ErrorBanner error={list.error} />}
      <ReportCard title={t('reports.segments.saved')} note={t('reports.segments.savedNote')} wide testId="segment-list">
        {list.data?.length === 0 && <p className="muted">{t('reports.segments.none')}</p>}
        <ul className="segment-list">
          {list.data?.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.name}</strong>
                <p className="muted">{describe(s.filter, w, t)}</p>
              </div>
              <div className="segment-list__actions">
                <button type="button" className="button button--small" onClick={() => openDrill({ title: s.name, filter: s.filter })}>
                  {t('reports.segments.members')}
                </button>
                <button type="button" className="button button--small button--danger" onClick={() => void remove(s)}>
                  {t('reports.segments.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      </ReportCard>
    </>
  );
}

function describe(f: CustomerFilter, w: Words, t: (k: string, o?: Record<string, unknown>) => string): string {
  const parts: string[] = [];
  if (f.segments?.length) parts.push(f.segments.map(w.segment).join(', '));
  if (f.recency?.length) parts.push(`${w.column('recency')}: ${f.recency.map(w.recency).join(', ')}`);
  if (f.frequency?.length) parts.push(`${w.column('frequency')}: ${f.frequency.map(w.frequency).join(', ')}`);
  if (f.tiers?.length) parts.push(`${w.column('tier')}: ${f.tiers.map(w.tier).join(', ')}`);
  if (f.stages?.length) parts.push(f.stages.map((s) => t(`stage.${s}`)).join(', '));
  if (f.gender) parts.push(t(`gender.${f.gender}`));
  if (f.cities?.length) parts.push(f.cities.join(', '));
  if (f.tags?.length) parts.push(`#${f.tags.join(' #')}`);
  if (f.hasMobile !== undefined) parts.push(t(f.hasMobile ? 'reports.coverage.mobile' : 'reports.coverage.noMobile'));
  if (f.hasEmail) parts.push(t('reports.coverage.email'));
  if (f.hasWhatsapp) parts.push(t('reports.coverage.whatsapp'));
  if (f.pAliveMin !== undefined || f.pAliveMax !== undefined) parts.push(`${w.column('pAlive')} ${Math.round((f.pAliveMin ?? 0) * 100)}-${Math.round((f.pAliveMax ?? 1) * 100)}%`);
  if (f.buyers === 'nonBuyers') parts.push(t('reports.rfm.noPurchase'));
  if (f.assetKind) parts.push(`${t('reports.segments.asset')}: ${f.assetKind}`);
  return parts.join(' · ') || t('reports.segments.everyone');
}

/** A segment from the common filters; any drill-down can also be saved as one from its list. */
function NewSegment({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const w = useWords();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState<CustomerFilter>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [counted, setCounted] = useState<number | null>(null);
  const toggle = <K extends 'segments' | 'tiers' | 'stages'>(key: K, value: NonNullable<CustomerFilter[K]>[number]) =>
    setFilter((f) => {
      const current = (f[key] ?? []) as string[];
      const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
      return { ...f, [key]: next.length ? next : undefined };
    });
  const count = async () => {
    const r = await call('reports.customers', { filter, limit: 1 });
    setCounted(r.ok ? r.value.total : null);
    setError(r.ok ? null : r.error);
  };
  const save = async () => {
    const r = await call('segments.save', { name: name.trim(), filter });
    setError(r.ok ? null : r.error);
    if (r.ok) {
      setName('');
      setFilter({});
      setCounted(null);
      onSaved();
    }
  };
  const chip = (active: boolean, label: string, onClick: () => void) => (
    <button key={label} type="button" className={`chip ${active ? 'chip--on' : ''}`} aria-pressed={active} onClick={onClick}>
      {label}
    </button>
  );
  return (
    <ReportCard title={t('reports.segments.new')} note={t('reports.segments.newNote')} wide testId="segment-new">
      <div className="segment-form">
        <fieldset>
          <legend>{t('reports.rfm.segments')}</legend>
          {RFM_SEGMENTS.map((s) => chip(Boolean(filter.segments?.includes(s)), w.segment(s), () => toggle('segments', s)))}
        </fieldset>
        <fieldset>
          <legend>{t('reports.rfm.tiers')}</legend>
          {TIERS.map((s) => chip(Boolean(filter.tiers?.includes(s)), w.tier(s), () => toggle('tiers', s)))}
        </fieldset>
        <fieldset>
          <legend>{t('reports.segments.stage')}</legend>
          {LIFECYCLE_STAGES.map((s) => chip(Boolean(filter.stages?.includes(s)), t(`stage.${s}`), () => toggle('stages', s)))}
        </fieldset>
        <fieldset className="segment-form__row">
          <label>
            {t('reports.segments.gender')}
            <select className="input" value={filter.gender ?? ''} onChange={(e) => setFilter((f) => ({ ...f, gender: (e.target.value || undefined) as CustomerFilter['gender'] }))}>
              <option value="">{t('reports.segments.any')}</option>
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`gender.${g}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('reports.segments.city')}
            <input className="input" value={filter.cities?.[0] ?? ''} onChange={(e) => setFilter((f) => ({ ...f, cities: e.target.value.trim() ? [e.target.value.trim()] : undefined }))} />
          </label>
          <label>
            <input type="checkbox" checked={filter.hasMobile === true} onChange={(e) => setFilter((f) => ({ ...f, hasMobile: e.target.checked || undefined }))} /> {t('reports.coverage.mobile')}
          </label>
        </fieldset>
        <div className="segment-form__row">
          <label htmlFor="new-segment-name">{t('reports.drill.segmentName')}</label>
          <input id="new-segment-name" className="input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          <button type="button" className="button" onClick={() => void count()}>
            {t('reports.segments.count')}
          </button>
          <button type="button" className="button button--primary" onClick={() => void save()}>
            {t('reports.drill.saveSegment')}
          </button>
          {counted !== null && <span data-testid="segment-count">{t('reports.segments.counted', { count: counted })}</span>}
        </div>
        {error && <ErrorBanner error={error} />}
      </div>
    </ReportCard>
  );
}
