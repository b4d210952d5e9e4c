import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { maskNik, type Customer } from '../../shared/domain/customer.js';
import { ageOn, formatCalendarDate, formatInstant, todayIn } from '../../shared/domain/dates.js';
import { formatPhone, whatsappLink } from '../../shared/domain/phone.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { StageBadge } from '../design/StageBadge.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { isPlainKey } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { customersChanged, useCustomerChanges } from './customerEvents.js';
import './customerForm.css';
import './customerProfile.css';

/** Everything known about one customer, shown in the branch's time zone. Keyboard: E edits, Escape goes back. */
export function CustomerProfile({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const role = useSession((s) => s.actor?.role);
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const changes = useCustomerChanges();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const affected = changes.ids === null || changes.ids.includes(id);
  const reloadKey = affected ? changes.version : -1;
  useEffect(() => {
    let current = true;
    void call('customers.get', { id }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setCustomer(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
    // reloadKey: reload when this customer changed elsewhere
  }, [id, reloadKey]);

  useEffect(() => {
    if (customer) document.title = `${customer.fullName} · Simpul`;
  }, [customer]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'e') && customer && !customer.archivedAt) {
        event.preventDefault();
        navigate({ name: 'customerEdit', id });
      } else if (event.key === 'Escape' && !event.defaultPrevented && !(event.target instanceof HTMLInputElement)) {
        navigate({ name: 'customers' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [customer, id]);

  async function setArchived(archived: boolean) {
    setBusy(true);
    const result = await call(archived ? 'customers.archive' : 'customers.restore', { id });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCustomer(result.value);
    customersChanged([id]);
  }

  if (!customer) {
    return <div className="profile">{error ? <ErrorBanner error={error} /> : <p className="muted">{t('common.loading')}</p>}</div>;
  }

  const age = customer.birthDate ? ageOn(customer.birthDate, todayIn(zone)) : null;
  const canArchive = canCall(customer.archivedAt ? 'customers.restore' : 'customers.archive', role);
  const address = [customer.address.line, customer.address.city, customer.address.province, customer.address.postalCode].filter(Boolean);

  return (
    <article className="profile" aria-labelledby="profile-name">
      <header className="profile__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'customers' })}>
            ← {t('form.backToList')}
          </button>
          <div className="profile__title">
            <h1 id="profile-name">{customer.fullName}</h1>
            {customer.nickname && <span className="profile__nickname">“{customer.nickname}”</span>}
            <StageBadge stage={customer.lifecycleStage} />
          </div>
          <p className="profile__number muted">
            {t('customer.customerNumber')} <span className="mono">{customer.customerNumber}</span>
          </p>
        </div>
        <div className="profile__actions">
          {canArchive &&
            (customer.archivedAt ? (
              <button type="button" className="button" disabled={busy} onClick={() => void setArchived(false)}>{t('profile.restore')}</button>
            ) : (
              <button type="button" className="button button--danger" disabled={busy} onClick={() => void setArchived(true)}>{t('profile.archive')}</button>
            ))}
          {!customer.archivedAt && (
            <button type="button" className="button button--primary" onClick={() => navigate({ name: 'customerEdit', id })}>
              {t('profile.edit')} <kbd>E</kbd>
            </button>
          )}
        </div>
      </header>

      {error && <ErrorBanner error={error} />}
      {customer.archivedAt && (
        <Banner tone="warning" title={t('profile.archivedTitle')}>
          {t('profile.archivedBody', { when: formatInstant(customer.archivedAt, zone, locale) })}
        </Banner>
      )}

      <div className="profile__grid">
        <section className="card profile-card">
          <h2 className="form-card__title">{t('form.identity')}</h2>
          <dl className="facts">
            <Fact label={t('customer.nik')}>{customer.nik ? <span className="mono">{maskNik(customer.nik)}</span> : null}</Fact>
            <Fact label={t('customer.birthDate')}>
              {customer.birthDate ? `${formatCalendarDate(customer.birthDate, locale)}${age !== null ? ` · ${t('profile.age', { count: age })}` : ''}` : null}
            </Fact>
            <Fact label={t('customer.gender')}>{customer.gender ? t(`gender.${customer.gender}`) : null}</Fact>
            <Fact label={t('customer.occupation')}>{customer.occupation}</Fact>
          </dl>
        </section>

        <section className="card profile-card">
          <h2 className="form-card__title">{t('form.contacts')}</h2>
          <ul className="contact-points">
            {customer.phones.map((phone) => (
              <li key={phone.id} className="contact-point">
                <span className="contact-point__value tabular">{formatPhone(phone.e164)}</span>
                <span className="contact-point__meta">{t(`phoneLabel.${phone.label}`)}{phone.primary ? ` · ${t('profile.primary')}` : ''}</span>
                {phone.whatsapp && (
                  <a className="button button--small whatsapp" href={whatsappLink(phone.e164)} target="_blank" rel="noreferrer noopener">
                    WhatsApp
                  </a>
                )}
              </li>
            ))}
            {customer.emails.map((email) => (
              <li key={email.id} className="contact-point">
                <a className="contact-point__value" href={`mailto:${email.address}`}>{email.address}</a>
                <span className="contact-point__meta">{t('customer.email')}{email.primary ? ` · ${t('profile.primary')}` : ''}</span>
              </li>
            ))}
            {customer.phones.length + customer.emails.length === 0 && <li className="muted">{t('profile.noContacts')}</li>}
          </ul>
        </section>

        <section className="card profile-card">
          <h2 className="form-card__title">{t('customer.address')}</h2>
          {address.length > 0 ? (
            <address className="profile__address">
              {customer.address.line && <div>{customer.address.line}</div>}
              <div>{[customer.address.city, customer.address.province, customer.address.postalCode].filter(Boolean).join(', ')}</div>
            </address>
          ) : (
            <p className="muted">{t('profile.noAddress')}</p>
          )}
        </section>

        <section className="card profile-card">
          <h2 className="form-card__title">{t('form.more')}</h2>
          <dl className="facts">
            <Fact label={t('customer.tags')}>
              {customer.tags.length > 0 ? (
                <span className="chips">{customer.tags.map((tag) => <span key={tag} className="chip chip--static">{tag}</span>)}</span>
              ) : null}
            </Fact>
            <Fact label={t('customer.notes')}>{customer.notes ? <span className="profile__notes">{customer.notes}</span> : null}</Fact>
          </dl>
        </section>
      </div>

      <footer className="profile__footer muted">
        {t('profile.created', { when: formatInstant(customer.createdAt, zone, locale) })} · {t('profile.updated', { when: formatInstant(customer.updatedAt, zone, locale) })}
      </footer>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children ?? <span className="cell-empty">{t('profile.notRecorded')}</span>}</dd>
    </div>
  );
}
