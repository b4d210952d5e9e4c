import { useTranslation } from 'react-i18next';
import { PHONE_LABELS } from '../../shared/domain/customer.js';
import { normalisePhone } from '../../shared/domain/phone.js';
import { Field } from '../design/Field.js';
import { newEmail, newPhone, type EmailDraft, type PhoneDraft, type PhoneLabel } from './customerDraft.js';

type MessageOf = (key: string) => string | null;

/** Several phones: number, label, WhatsApp; rows are added and removed freely. */
export function PhoneListEditor({ phones, onChange, messageOf }: { phones: PhoneDraft[]; onChange(next: PhoneDraft[]): void; messageOf: MessageOf }) {
  const { t } = useTranslation();
  const update = (key: string, change: Partial<PhoneDraft>) => onChange(phones.map((p) => (p.key === key ? { ...p, ...change } : p)));
  return (
    <div className="contact-list">
      {phones.map((phone, index) => {
        const normalised = phone.number.trim() ? normalisePhone(phone.number) : null;
        const error = messageOf(`phones.${phone.key}.number`) ?? messageOf(`phones.${phone.key}`);
        return (
          <div className="contact-row" key={phone.key} data-testid={`phone-row-${index}`}>
            <Field
              label={t('customer.phoneNumber', { n: index + 1 })}
              error={error}
              hint={normalised && normalised.display !== phone.number.trim() ? t('form.phoneWillBe', { display: normalised.display }) : undefined}
              className="contact-row__main"
            >
              {(p) => (
                <input
                  {...p}
                  className="input tabular"
                  inputMode="tel"
                  autoComplete="off"
                  value={phone.number}
                  placeholder="0812-3456-7890"
                  onChange={(e) => update(phone.key, { number: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('customer.phoneLabel')} error={messageOf(`phones.${phone.key}.label`)} className="contact-row__label">
              {(p) => (
                <select {...p} className="select" value={phone.label} onChange={(e) => update(phone.key, { label: e.target.value as PhoneLabel })}>
                  {PHONE_LABELS.map((label) => (
                    <option key={label} value={label}>
                      {t(`phoneLabel.${label}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <RemoveButton label={t('form.removePhone', { n: index + 1 })} onClick={() => onChange(phones.filter((p) => p.key !== phone.key))} />
            <div className="contact-row__flags">
              <label className="checkbox">
                <input type="checkbox" checked={phone.whatsapp} onChange={(e) => update(phone.key, { whatsapp: e.target.checked })} />
                WhatsApp
              </label>
              <ContactFlags verified={phone.verified} invalid={phone.invalid} onChange={(change) => update(phone.key, change)} />
            </div>
          </div>
        );
      })}
      <div className="contact-list__footer">
        <button type="button" className="button button--small" onClick={() => onChange([...phones, newPhone()])} disabled={phones.length >= 10}>
          + {t('form.addPhone')}
        </button>
        <span className="field__hint">{t('form.phoneHint')}</span>
      </div>
    </div>
  );
}

/** Several email addresses. */
export function EmailListEditor({ emails, onChange, messageOf }: { emails: EmailDraft[]; onChange(next: EmailDraft[]): void; messageOf: MessageOf }) {
  const { t } = useTranslation();
  const update = (key: string, change: Partial<EmailDraft>) => onChange(emails.map((e) => (e.key === key ? { ...e, ...change } : e)));
  return (
    <div className="contact-list">
      {emails.map((email, index) => (
        <div className="contact-row contact-row--email" key={email.key} data-testid={`email-row-${index}`}>
          <Field
            label={t('customer.emailNumber', { n: index + 1 })}
            error={messageOf(`emails.${email.key}.address`) ?? messageOf(`emails.${email.key}`)}
            className="contact-row__main"
          >
            {(p) => (
              <input
                {...p}
                className="input"
                type="email"
                inputMode="email"
                autoComplete="off"
                spellCheck={false}
                value={email.address}
                placeholder="nama@contoh.co.id"
                onChange={(e) => update(email.key, { address: e.target.value })}
              />
            )}
          </Field>
          <RemoveButton label={t('form.removeEmail', { n: index + 1 })} onClick={() => onChange(emails.filter((e) => e.key !== email.key))} />
          <div className="contact-row__flags">
            <ContactFlags verified={email.verified} invalid={email.invalid} onChange={(change) => update(email.key, change)} />
          </div>
        </div>
      ))}
      <div className="contact-list__footer">
        <button type="button" className="button button--small" onClick={() => onChange([...emails, newEmail()])} disabled={emails.length >= 10}>
          + {t('form.addEmail')}
        </button>
      </div>
    </div>
  );
}

/** C2: a contact checked with the customer, or found not to work (it then no longer counts as a way to reach them). */
function ContactFlags({ verified, invalid, onChange }: { verified: boolean; invalid: boolean; onChange(change: { verified?: boolean; invalid?: boolean }): void }) {
  const { t } = useTranslation();
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" checked={verified} onChange={(e) => onChange({ verified: e.target.checked, ...(e.target.checked ? { invalid: false } : {}) })} />
        {t('contact.verified')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={invalid} onChange={(e) => onChange({ invalid: e.target.checked, ...(e.target.checked ? { verified: false } : {}) })} />
        {t('contact.invalidLong')}
      </label>
    </>
  );
}

/** Removes one phone or email row; the label names which one for screen readers and the tooltip. */
function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="icon-button contact-row__remove" onClick={onClick} aria-label={label} title={label}>
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <path d="M4 6h12M8 6V4.5h4V6M6 6l.8 10h6.4L14 6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </button>
  );
}
