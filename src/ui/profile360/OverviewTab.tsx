import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import { maskNik } from '../../shared/domain/customer.js';
import { ageOn, formatCalendarDate, todayIn, type BranchTimeZone } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { formatPhone, whatsappLink } from '../../shared/domain/phone.js';
import { currentLocale } from '../i18n/index.js';
import { Fact } from './Fact.js';
import { NeedsCard } from './NeedsCard.js';
import { Timeline } from './Timeline.js';

export type Profile360 = OutputOf<'customers.profile360'>;

/** What a clerk needs at a glance on the phone or at the counter. */
export function OverviewTab({ data, zone, version, onChanged, onShowTimeline }: { data: Profile360; zone: BranchTimeZone; version: number; onChanged(): void; onShowTimeline(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const c = data.customer;
  const age = c.birthDate ? ageOn(c.birthDate, todayIn(zone)) : null;
  const today = todayIn(zone);
  const due = data.assets.filter((a) => a.dueDate);
  return (
    <div className="profile__grid">
      <section className="card profile-card">
        <h2 className="form-card__title">{t('form.identity')}</h2>
        <dl className="facts">
          <Fact label={t('customer.nik')}>{c.nik ? <span className="mono">{maskNik(c.nik)}</span> : null}</Fact>
          <Fact label={t('customer.birthDate')}>{c.birthDate ? `${formatCalendarDate(c.birthDate, locale)}${age !== null ? ` · ${t('profile.age', { count: age })}` : ''}` : null}</Fact>
          <Fact label={t('customer.gender')}>{c.gender ? t(`gender.${c.gender}`) : null}</Fact>
          <Fact label={t('customer.occupation')}>{c.occupation}</Fact>
          {c.externalRef && <Fact label={t('profileField.externalRef')}>{<span className="mono">{c.externalRef}</span>}</Fact>}
        </dl>
      </section>

      <section className="card profile-card">
        <h2 className="form-card__title">{t('form.contacts')}</h2>
        <ul className="contact-points">
          {c.phones.map((phone) => (
            <li key={phone.id} className={`contact-point ${phone.invalid ? 'contact-point--invalid' : ''}`}>
              <span className="contact-point__value tabular">{formatPhone(phone.e164)}</span>
              <span className="contact-point__meta">
                {t(`phoneLabel.${phone.label}`)}
                {phone.primary ? ` · ${t('profile.primary')}` : ''}
                {phone.verified && <span className="flag flag--verified">{t('contact.verified')}</span>}
                {phone.invalid && <span className="flag flag--invalid">{t('contact.invalid')}</span>}
              </span>
              {phone.whatsapp && !phone.invalid ? (
                <a className="button button--small whatsapp" href={whatsappLink(phone.e164)} target="_blank" rel="noreferrer noopener">
                  WhatsApp
                </a>
              ) : (
                <span />
              )}
            </li>
          ))}
          {c.emails.map((email) => (
            <li key={email.id} className={`contact-point ${email.invalid ? 'contact-point--invalid' : ''}`}>
              <a className="contact-point__value" href={`mailto:${email.address}`}>{email.address}</a>
              <span className="contact-point__meta">
                {t('customer.email')}
                {email.primary ? ` · ${t('profile.primary')}` : ''}
                {email.verified && <span className="flag flag--verified">{t('contact.verified')}</span>}
                {email.invalid && <span className="flag flag--invalid">{t('contact.invalid')}</span>}
              </span>
              <span />
            </li>
          ))}
          {c.phones.length + c.emails.length === 0 && <li className="muted">{t('profile.noContacts')}</li>}
        </ul>
        <dl className="facts">
          <Fact label={t('profileField.preferredChannel')}>{c.preferredChannel ? t(`channel.${c.preferredChannel}`) : null}</Fact>
          <Fact label={t('profileField.preferredContactTime')}>{c.preferredContactTime}</Fact>
          <Fact label={t('profileField.preferredLanguage')}>{c.preferredLanguage}</Fact>
        </dl>
      </section>

      <section className="card profile-card">
        <h2 className="form-card__title">{t('customer.address')}</h2>
        {c.address.line || c.address.city || c.address.province || c.address.postalCode ? (
          <address className="profile__address">
            {c.address.line && <div>{c.address.line}</div>}
            <div>{[c.address.city, c.address.province, c.address.postalCode].filter(Boolean).join(', ')}</div>
          </address>
        ) : (
          <p className="muted">{t('profile.noAddress')}</p>
        )}
        <dl className="facts">
          <Fact label={t('customer.tags')}>{c.tags.length > 0 ? <span className="chips">{c.tags.map((tag) => <span key={tag} className="chip chip--static">{tag}</span>)}</span> : null}</Fact>
          <Fact label={t('customer.notes')}>{c.notes ? <span className="profile__notes">{c.notes}</span> : null}</Fact>
        </dl>
      </section>

      <section className="card profile-card">
        <h2 className="form-card__title">{t('c360.activity')}</h2>
        <dl className="facts">
          <Fact label={t('c360.purchases')}>{t('c360.purchaseCount', { count: data.stats.purchases })}</Fact>
          <Fact label={t('c360.totalSpent')}>{<span className="tabular">{formatRupiah(data.stats.totalSpent)}</span>}</Fact>
          <Fact label={t('c360.interactions')}>{t('c360.interactionCount', { count: data.stats.interactions })}</Fact>
        </dl>
        {due.length > 0 && (
          <ul className="due-list" aria-label={t('asset.dueTitle')}>
            {due.slice(0, 3).map((a) => (
              <li key={a.id} className={`due ${a.dueDate! < today ? 'due--late' : ''}`}>
                <span className="due__what">{a.label}</span>
                <span className="due__when">
                  {t(`asset.due.${a.dueKind ?? 'other'}`)} {formatCalendarDate(a.dueDate!, locale)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <NeedsCard customerId={c.id} needs={data.needs} readOnly={Boolean(c.archivedAt)} zone={zone} onChanged={onChanged} />

      <section className="card profile-card">
        <div className="card-title-row">
          <h2 className="form-card__title">{t('timeline.latest')}</h2>
          <button type="button" className="button button--quiet button--small" onClick={onShowTimeline}>
            {t('timeline.all')} <kbd>4</kbd>
          </button>
        </div>
        <Timeline customerId={c.id} first={data.timeline} zone={zone} version={version} compact />
      </section>
    </div>
  );
}
