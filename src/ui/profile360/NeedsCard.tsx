import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Need } from '../../shared/domain/profile.js';
import { formatCalendarDate, todayIn, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';

/**
 * "Ask: customer want & need": one short note per contact, in the
 * customer's own words. Enter adds it; the list keeps who noted it and when.
 */
export function NeedsCard({ customerId, needs, readOnly, zone, onChanged }: { customerId: string; needs: Need[]; readOnly: boolean; zone: BranchTimeZone; onChanged(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'need' | 'want'>('need');
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '' || busy) return;
    setBusy(true);
    const result = await call('needs.add', { customerId, kind, text });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setText('');
    onChanged();
  }

  async function remove(id: string) {
    const result = await call('needs.remove', { id });
    if (!result.ok) return setError(result.error);
    onChanged();
  }

  return (
    <section className="card profile-card" aria-labelledby="needs-title">
      <h2 id="needs-title" className="form-card__title">
        {t('need.title')}
      </h2>
      {error && <ErrorBanner error={error} />}
      {!readOnly && (
        <form className="needs__form" onSubmit={add}>
          <select className="select needs__kind" aria-label={t('need.kindLabel')} value={kind} onChange={(e) => setKind(e.target.value as 'need' | 'want')}>
            <option value="need">{t('need.kind.need')}</option>
            <option value="want">{t('need.kind.want')}</option>
          </select>
          <input className="input" aria-label={t('need.text')} placeholder={t('need.placeholder')} value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button" disabled={busy || text.trim() === ''}>
            {t('need.add')}
          </button>
        </form>
      )}
      {needs.length === 0 ? (
        <p className="muted">{t('need.none')}</p>
      ) : (
        <ul className="needs__list">
          {needs.map((n) => (
            <li key={n.id} className="needs__item">
              <span className={`needs__tag needs__tag--${n.kind}`}>{t(`need.kind.${n.kind}`)}</span>
              <span className="needs__text">{n.text}</span>
              <span className="muted needs__meta">
                {formatCalendarDate(todayIn(zone, new Date(n.createdAt)), currentLocale())} · {n.staffName}
              </span>
              {!readOnly && (
                <button type="button" className="button button--quiet button--small" onClick={() => void remove(n.id)} aria-label={t('need.remove', { text: n.text })}>
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
