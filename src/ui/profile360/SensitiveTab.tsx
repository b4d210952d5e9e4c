import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Sensitive } from '../../shared/domain/profile.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';

type Draft = { healthConditions: string; financialNotes: string; children: string; exportConsent: boolean };
const draftOf = (s: Sensitive): Draft => ({ healthConditions: s.healthConditions ?? '', financialNotes: s.financialNotes ?? '', children: s.children ?? '', exportConsent: s.exportConsent });

/**
 * C3: health, finances, children. Shown only to permitted roles, only when
 * asked for (each showing is written to the audit log), never on the
 * overview a customer might see across the counter.
 */
export function SensitiveTab({ customerId, recorded, zone, readOnly }: { customerId: string; recorded: boolean | null; zone: BranchTimeZone; readOnly: boolean }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Sensitive | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  async function reveal() {
    const result = await call('sensitive.get', { customerId });
    if (!result.ok) return setError(result.error);
    setError(null);
    setData(result.value);
    setDraft(draftOf(result.value));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const result = await call('sensitive.update', { customerId, patch: draft });
    if (!result.ok) return setError(result.error);
    setError(null);
    setData(result.value);
    setDraft(draftOf(result.value));
    setSaved(true);
  }

  if (!data || !draft) {
    return (
      <section className="card profile-card sensitive">
        <h2 className="form-card__title">{t('sensitive.title')}</h2>
        {error && <ErrorBanner error={error} />}
        <p>{recorded ? t('sensitive.recorded') : t('sensitive.notRecorded')}</p>
        <p className="muted">{t('sensitive.why')}</p>
        <div>
          <button type="button" className="button" onClick={() => void reveal()}>
            {t('sensitive.reveal')}
          </button>
        </div>
      </section>
    );
  }

  const field = (key: 'healthConditions' | 'financialNotes' | 'children', rows: number) => (
    <label className="field">
      <span className="field__label">{t(`sensitive.${key}`)}</span>
      <textarea className="textarea" rows={rows} value={draft[key]} readOnly={readOnly} onChange={(e) => { setSaved(false); setDraft({ ...draft, [key]: e.target.value }); }} />
    </label>
  );
  return (
    <form className="card profile-card sensitive" onSubmit={save}>
      <h2 className="form-card__title">{t('sensitive.title')}</h2>
      <Banner tone="warning" title={t('sensitive.auditedTitle')}>{t('sensitive.audited')}</Banner>
      {error && <ErrorBanner error={error} />}
      {saved && <Banner tone="success" title={t('sensitive.saved')} />}
      {field('healthConditions', 3)}
      {field('financialNotes', 3)}
      {field('children', 2)}
      <label className="checkbox">
        <input type="checkbox" checked={draft.exportConsent} disabled={readOnly} onChange={(e) => { setSaved(false); setDraft({ ...draft, exportConsent: e.target.checked }); }} />
        {t('sensitive.exportConsent')}
      </label>
      <div className="form-card__actions">
        {data.updatedAt && <span className="muted">{t('profile.updated', { when: formatInstant(data.updatedAt, zone, currentLocale()) })}</span>}
        {!readOnly && <button type="submit" className="button button--primary">{t('common.save')}</button>}
      </div>
    </form>
  );
}
