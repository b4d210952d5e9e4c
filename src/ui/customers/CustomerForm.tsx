import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { GENDERS, LIFECYCLE_STAGES } from '../../shared/domain/customer.js';
import { CHANNELS, type Channel } from '../../shared/domain/interaction.js';
import { formatCalendarDate, isIsoDate } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf, type FieldErrors } from '../lib/fieldErrors.js';
import { EmailListEditor, PhoneListEditor } from './ContactEditors.js';
import { customersChanged } from './customerEvents.js';
import { draftFromCustomer, emptyDraft, errorsByRow, isDirty, toCreateInput, toPatch, type CustomerDraft, type Gender } from './customerDraft.js';
import { DateInput } from '../design/DateInput.js';
import { DuplicateWarning, isStrongMatch, useDuplicates } from './DuplicateWarning.js';
import { FamilyEditor } from './FamilyEditor.js';
import { FormErrorSummary } from './FormErrorSummary.js';
import { TagInput } from './TagInput.js';
import './customerForm.css';

type Mode = { kind: 'create' } | { kind: 'edit'; id: string };

/**
 * Register or edit a customer. Ctrl+S or Ctrl+Enter saves, Escape cancels.
 * When the server answers VALIDATION_FAILED nothing was saved: each message
 * is shown next to its field and listed at the top, and the form keeps what
 * the clerk typed.
 */
export function CustomerForm({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [original, setOriginal] = useState<CustomerDraft | null>(mode.kind === 'create' ? emptyDraft(prefillFromHash()) : null);
  const [draft, setDraft] = useState<CustomerDraft | null>(original);
  const [customerName, setCustomerName] = useState('');
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [saveError, setSaveError] = useState<{ error: ApiError; sent: CustomerDraft } | null>(null);
  const [saving, setSaving] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [confirmDuplicates, setConfirmDuplicates] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const editId = mode.kind === 'edit' ? mode.id : null;

  useEffect(() => {
    if (!editId) return;
    let current = true;
    void call('customers.get', { id: editId }).then((result) => {
      if (!current) return;
      if (!result.ok) return setLoadError(result.error);
      const loaded = draftFromCustomer(result.value);
      setOriginal(loaded);
      setDraft(loaded);
      setCustomerName(result.value.fullName);
    });
    return () => {
      current = false;
    };
  }, [editId]);

  useEffect(() => {
    document.title = `${editId ? t('form.editTitle', { name: customerName }) : t('form.createTitle')} · Simpul`;
  }, [t, editId, customerName]);

  const errors = saveError ? errorsByRow(fieldErrorsOf(saveError.error, editId ? 'patch' : undefined), saveError.sent) : {};
  const messageOf = (key: string) => (errors[key] ? fieldText(errors[key], locale) : null);
  const dirty = original && draft ? isDirty(original, draft) : false;
  const duplicates = useDuplicates(draft, editId);

  const leave = () => (editId ? navigate({ name: 'customer', id: editId }) : navigate({ name: 'customers' }));

  async function save() {
    if (!draft || !original || saving) return;
    setConfirmDiscard(false);
    if (editId && !isDirty(original, draft)) return leave();
    // A likely duplicate (same NIK, phone or email) takes a second save to register anyway.
    if (!editId && !confirmDuplicates && duplicates.some(isStrongMatch)) {
      setConfirmDuplicates(true);
      document.querySelector<HTMLElement>('[data-testid="duplicate-warning"]')?.scrollIntoView({ block: 'nearest' });
      return;
    }
    setSaving(true);
    const result = editId
      ? await call('customers.update', { id: editId, patch: toPatch(original, draft) })
      : await call('customers.create', toCreateInput(draft));
    setSaving(false);
    if (!result.ok) {
      setSaveError({ error: result.error, sent: draft });
      return;
    }
    setSaveError(null);
    customersChanged();
    navigate({ name: 'customer', id: result.value.id }, { replace: !editId });
  }

  function cancel() {
    if (dirty && !confirmDiscard) return setConfirmDiscard(true);
    leave();
  }

  // Keyboard: Ctrl+S / Ctrl+Enter save, Escape cancels (twice when there are unsaved changes).
  const keysRef = useRef({ save, cancel });
  keysRef.current = { save, cancel };
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && (event.key.toLowerCase() === 's' || event.key === 'Enter')) {
        event.preventDefault();
        void keysRef.current.save();
      } else if (event.key === 'Escape' && !event.defaultPrevented) {
        event.preventDefault();
        keysRef.current.cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // After a failed save, take the clerk to the first field to fix.
  useEffect(() => {
    if (saveError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [saveError]);

  if (loadError) return <div className="form-page"><ErrorBanner error={loadError} /></div>;
  if (!draft) return <div className="form-page muted">{t('common.loading')}</div>;

  const set = <K extends keyof CustomerDraft>(key: K, value: CustomerDraft[K]) => setDraft((d) => (d ? { ...d, [key]: value } : d));
  const setAddress = (key: keyof CustomerDraft['address'], value: string) => setDraft((d) => (d ? { ...d, address: { ...d.address, [key]: value } } : d));
  const text = (key: 'fullName' | 'nickname' | 'nik' | 'occupation') => (p: object) => (
    <input {...p} className="input" value={draft[key]} onChange={(e) => set(key, e.target.value)} />
  );
  const addressText = (key: keyof CustomerDraft['address'], extra: object = {}) => (p: object) => (
    <input {...p} {...extra} className="input" value={draft.address[key]} onChange={(e) => setAddress(key, e.target.value)} />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  return (
    <form className="form-page" ref={formRef} onSubmit={submit} onKeyDown={blockImplicitSubmit} noValidate>
      <header className="form-page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={cancel}>
            ← {editId ? t('form.backToProfile') : t('form.backToList')}
          </button>
          <h1>{editId ? t('form.editTitle', { name: customerName }) : t('form.createTitle')}</h1>
        </div>
      </header>

      {saveError && <FormErrorSummary error={saveError.error} errors={errors} draft={saveError.sent} />}
      <DuplicateWarning matches={duplicates} confirming={confirmDuplicates && duplicates.some(isStrongMatch)} />
      {confirmDiscard && (
        <Banner tone="warning" title={t('form.discardTitle')} action={
          <div className="form-page__confirm">
            <button type="button" className="button button--small" onClick={() => setConfirmDiscard(false)}>{t('form.keepEditing')}</button>
            <button type="button" className="button button--small button--danger" onClick={leave}>{t('form.discard')} <kbd>Esc</kbd></button>
          </div>
        }>
          {t('form.discardBody')}
        </Banner>
      )}

      <div className="form-grid">
        <section className="card form-card">
          <h2 className="form-card__title">{t('form.identity')}</h2>
          <div className="form-fields">
            <Field label={t('customer.fullName')} required error={messageOf('fullName')} className="span-2">
              {(p) => <input {...p} className="input" autoFocus value={draft.fullName} onChange={(e) => set('fullName', e.target.value)} />}
            </Field>
            <Field label={t('customer.nickname')} error={messageOf('nickname')}>{text('nickname')}</Field>
            <Field label={t('customer.nik')} error={messageOf('nik')} hint={t('form.nikHint')}>
              {(p) => <input {...p} className="input tabular" inputMode="numeric" maxLength={16} value={draft.nik} onChange={(e) => set('nik', e.target.value.replace(/\s/g, ''))} />}
            </Field>
            <Field
              label={t('customer.birthDate')}
              error={messageOf('birthDate')}
              hint={isIsoDate(draft.birthDate) ? formatCalendarDate(draft.birthDate, locale) : t('form.dateHint')}
            >
              {(p) => <DateInput id={p.id} value={draft.birthDate} invalid={p['aria-invalid']} describedBy={p['aria-describedby']} onChange={(v) => set('birthDate', v)} />}
            </Field>
            <Field label={t('customer.gender')} error={messageOf('gender')}>
              {(p) => (
                <select {...p} className="select" value={draft.gender} onChange={(e) => set('gender', e.target.value as Gender | '')}>
                  <option value="">{t('form.notRecorded')}</option>
                  {GENDERS.map((g) => <option key={g} value={g}>{t(`gender.${g}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('customer.occupation')} error={messageOf('occupation')} className="span-2">{text('occupation')}</Field>
          </div>
        </section>

        <section className="card form-card">
          <h2 className="form-card__title">{t('form.contacts')}</h2>
          <PhoneListEditor phones={draft.phones} onChange={(v) => set('phones', v)} messageOf={messageOf} />
          {messageOf('phones') && <p className="field__error">{messageOf('phones')}</p>}
          <EmailListEditor emails={draft.emails} onChange={(v) => set('emails', v)} messageOf={messageOf} />
          {messageOf('emails') && <p className="field__error">{messageOf('emails')}</p>}
        </section>

        <section className="card form-card">
          <h2 className="form-card__title">{t('customer.address')}</h2>
          <div className="form-fields">
            <Field label={t('customer.addressLine')} error={messageOf('address.line')} className="span-2">{addressText('line')}</Field>
            <Field label={t('customer.city')} error={messageOf('address.city')}>{addressText('city')}</Field>
            <Field label={t('customer.province')} error={messageOf('address.province')}>{addressText('province')}</Field>
            <Field label={t('customer.postalCode')} error={messageOf('address.postalCode')}>{addressText('postalCode', { inputMode: 'numeric', maxLength: 5 })}</Field>
          </div>
        </section>

        <section className="card form-card">
          <h2 className="form-card__title">{t('form.more')}</h2>
          <div className="form-fields">
            <Field label={t('customer.lifecycleStage')} error={messageOf('lifecycleStage')}>
              {(p) => (
                <select {...p} className="select" value={draft.lifecycleStage} onChange={(e) => set('lifecycleStage', e.target.value as CustomerDraft['lifecycleStage'])}>
                  {LIFECYCLE_STAGES.map((s) => <option key={s} value={s}>{t(`stage.${s}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('customer.tags')} error={messageOf('tags') ?? firstTagError(errors, locale)} hint={t('form.tagHint')} className="span-2">
              {(p) => <TagInput id={p.id} tags={draft.tags} invalid={p['aria-invalid']} describedBy={p['aria-describedby']} onChange={(v) => set('tags', v)} />}
            </Field>
            <Field label={t('customer.notes')} error={messageOf('notes')} className="span-2">
              {(p) => <textarea {...p} className="textarea" value={draft.notes} onChange={(e) => set('notes', e.target.value)} />}
            </Field>
            <Field label={t('profileField.externalRef')} error={messageOf('externalRef')} hint={t('personalForm.externalRefHint')} className="span-2">
              {(p) => <input {...p} className="input mono" value={draft.externalRef} onChange={(e) => set('externalRef', e.target.value)} />}
            </Field>
          </div>
        </section>

        <section className="card form-card">
          <h2 className="form-card__title">{t('c360.personal')}</h2>
          <p className="form-card__subtitle">{t('personalForm.intro')}</p>
          <div className="form-fields">
            <Field label={t('profileField.hobbies')} error={messageOf('hobbies') ?? firstListError(errors, 'hobbies', locale)} hint={t('form.tagHint')} className="span-2">
              {(p) => <TagInput id={p.id} tags={draft.hobbies} invalid={p['aria-invalid']} describedBy={p['aria-describedby']} onChange={(v) => set('hobbies', v)} />}
            </Field>
            {(['likes', 'dislikes', 'ambitions', 'shoppingHabits'] as const).map((key) => (
              <Field key={key} label={t(`profileField.${key}`)} error={messageOf(key)} hint={t(`personalForm.hint.${key}`)}>
                {(p) => <textarea {...p} className="textarea textarea--short" value={draft[key]} onChange={(e) => set(key, e.target.value)} />}
              </Field>
            ))}
            <Field label={t('profileField.preferredChannel')} error={messageOf('preferredChannel')}>
              {(p) => (
                <select {...p} className="select" value={draft.preferredChannel} onChange={(e) => set('preferredChannel', e.target.value as Channel | '')}>
                  <option value="">{t('form.notRecorded')}</option>
                  {CHANNELS.map((c) => <option key={c} value={c}>{t(`channel.${c}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={t('profileField.preferredContactTime')} error={messageOf('preferredContactTime')} hint={t('personalForm.hint.preferredContactTime')}>
              {(p) => <input {...p} className="input" value={draft.preferredContactTime} onChange={(e) => set('preferredContactTime', e.target.value)} />}
            </Field>
            <Field label={t('profileField.preferredLanguage')} error={messageOf('preferredLanguage')} className="span-2">
              {(p) => <input {...p} className="input" value={draft.preferredLanguage} onChange={(e) => set('preferredLanguage', e.target.value)} />}
            </Field>
          </div>
        </section>

        <section className="card form-card">
          <h2 className="form-card__title">{t('family.title')}</h2>
          <FamilyEditor family={draft.family} selfId={editId} onChange={(v) => set('family', v)} messageOf={messageOf} />
          {messageOf('family') && <p className="field__error">{messageOf('family')}</p>}
        </section>
      </div>

      <footer className="form-page__actions">
        <span className="muted form-page__keys">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> {t('common.save')} · <kbd>Esc</kbd> {t('common.cancel')}
        </span>
        <button type="button" className="button" onClick={cancel}>{t('common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('common.saving') : confirmDuplicates && duplicates.some(isStrongMatch) ? t('duplicates.saveAnyway') : t('common.save')}
        </button>
      </footer>
    </form>
  );
}

/** A plain Enter in a text box must not save a half-filled form; Ctrl+Enter and Ctrl+S do. */
function blockImplicitSubmit(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && event.target instanceof HTMLInputElement) event.preventDefault();
}

function firstListError(errors: FieldErrors, list: string, locale: 'id' | 'en'): string | null {
  const key = Object.keys(errors).find((k) => k.startsWith(`${list}.`));
  return key ? fieldText(errors[key], locale) : null;
}

function firstTagError(errors: FieldErrors, locale: 'id' | 'en'): string | null {
  const key = Object.keys(errors).find((k) => k.startsWith('tags.'));
  return key ? fieldText(errors[key], locale) : null;
}

/** #/customers/new?phone=0812... (from "register as new customer" in search). */
function prefillFromHash(): { name?: string; phone?: string; email?: string; nik?: string } {
  const query = window.location.hash.split('?')[1] ?? '';
  const params = new URLSearchParams(query);
  return {
    name: params.get('name') ?? undefined,
    phone: params.get('phone') ?? undefined,
    email: params.get('email') ?? undefined,
    nik: params.get('nik') ?? undefined,
  };
}
