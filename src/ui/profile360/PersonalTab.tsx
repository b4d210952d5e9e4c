import { useTranslation } from 'react-i18next';
import { navigate } from '../app/router.js';
import { Fact } from './Fact.js';
import type { Profile360 } from './OverviewTab.js';

/** Who the customer is beyond the identity card (C1 profiling), and their family. */
export function PersonalTab({ data }: { data: Profile360 }) {
  const { t } = useTranslation();
  const c = data.customer;
  return (
    <div className="profile__grid">
      <section className="card profile-card">
        <h2 className="form-card__title">{t('c360.personal')}</h2>
        <dl className="facts">
          <Fact label={t('customer.occupation')}>{c.occupation}</Fact>
          <Fact label={t('profileField.hobbies')}>{c.hobbies.length > 0 ? <span className="chips">{c.hobbies.map((h) => <span key={h} className="chip chip--static">{h}</span>)}</span> : null}</Fact>
          <Fact label={t('profileField.likes')}>{c.likes}</Fact>
          <Fact label={t('profileField.dislikes')}>{c.dislikes}</Fact>
          <Fact label={t('profileField.ambitions')}>{c.ambitions}</Fact>
          <Fact label={t('profileField.shoppingHabits')}>{c.shoppingHabits}</Fact>
        </dl>
      </section>
      <section className="card profile-card">
        <h2 className="form-card__title">{t('family.title')}</h2>
        {c.family.length === 0 ? (
          <p className="muted">{t('family.none')}</p>
        ) : (
          <ul className="family-list">
            {c.family.map((f) => (
              <li key={f.relationId} className="family-member">
                <span className="family-member__relation">{t(`relation.${f.relation}`)}</span>
                {f.fullName ? (
                  <a href={`#/customers/${encodeURIComponent(f.customerId)}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'customer', id: f.customerId }); }}>
                    {f.fullName}
                  </a>
                ) : (
                  <span className="muted">{t('family.otherBranch')}</span>
                )}
                {f.customerNumber && <span className="mono muted">{f.customerNumber}</span>}
              </li>
            ))}
          </ul>
        )}
        <p className="field__hint">{t('family.editHint')}</p>
      </section>
    </div>
  );
}
