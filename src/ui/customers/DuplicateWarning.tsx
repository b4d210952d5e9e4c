import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { currentLocale } from '../i18n/index.js';
import type { CustomerDraft } from './customerDraft.js';

export type DuplicateMatches = OutputOf<'customers.findDuplicates'>['matches'];

/** Same NIK, phone or email: almost certainly the same person. A similar name and birth date: maybe. */
export const isStrongMatch = (m: DuplicateMatches[number]) => m.reasons.some((r) => r !== 'name_birth');

/**
 * Likely existing customers for what is being typed (C7), asked 300 ms after
 * the clerk stops typing, before anything is saved. It warns, it does not
 * block: two people can share a name and a birthday.
 */
export function useDuplicates(draft: CustomerDraft | null, excludeId: string | null): DuplicateMatches {
  const [matches, setMatches] = useState<DuplicateMatches>([]);
  const key = draft
    ? JSON.stringify([draft.fullName.trim(), draft.birthDate, draft.nik, draft.phones.map((p) => p.number.trim()), draft.emails.map((e) => e.address.trim())])
    : '';
  useEffect(() => {
    if (!draft) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('customers.findDuplicates', {
        fullName: draft.fullName.slice(0, 200),
        birthDate: draft.birthDate.slice(0, 20),
        nik: draft.nik.slice(0, 40),
        phones: draft.phones.map((p) => p.number.slice(0, 40)).filter(Boolean),
        emails: draft.emails.map((e) => e.address.slice(0, 254)).filter(Boolean),
        ...(excludeId ? { excludeId } : {}),
      }).then((result) => {
        if (current && result.ok) setMatches(result.value.matches);
      });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // key: the typed values that matter, not every keystroke elsewhere in the form
  }, [key, excludeId]);
  return matches;
}

export function DuplicateWarning({ matches, confirming }: { matches: DuplicateMatches; confirming: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (matches.length === 0) return null;
  const strong = matches.some(isStrongMatch);
  return (
    <section className={`duplicates ${strong ? 'duplicates--strong' : ''}`} aria-live="polite" aria-labelledby="duplicates-title" data-testid="duplicate-warning">
      <h2 id="duplicates-title" className="duplicates__title">
        {t(strong ? 'duplicates.titleStrong' : 'duplicates.title', { count: matches.length })}
      </h2>
      <p className="duplicates__help">{t(confirming ? 'duplicates.confirm' : 'duplicates.help')}</p>
      <ul className="duplicates__list">
        {matches.map((m) => (
          <li key={m.customer.id} className="duplicates__item">
            <div className="duplicates__who">
              <strong>{m.customer.fullName}</strong>
              <span className="mono muted">{m.customer.customerNumber}</span>
              {m.customer.archived && <span className="badge badge--archived">{t('customer.archived')}</span>}
            </div>
            <div className="duplicates__facts muted">
              {[m.customer.primaryPhone ? formatPhone(m.customer.primaryPhone) : null, m.customer.primaryEmail, m.customer.birthDate ? formatCalendarDate(m.customer.birthDate, locale) : null, m.customer.city]
                .filter(Boolean)
                .join(' · ')}
            </div>
            <div className="duplicates__reasons">
              {m.reasons.map((r) => (
                <span key={r} className={`flag ${r === 'name_birth' ? 'flag--maybe' : 'flag--invalid'}`}>
                  {t(`duplicates.reason.${r}`)}
                </span>
              ))}
            </div>
            <button type="button" className="button button--small" onClick={() => navigate({ name: 'customer', id: m.customer.id })}>
              {t('duplicates.open')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
