import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { TIME_ZONES, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { AuthLayout } from './AuthLayout.js';
import { useSession } from './sessionStore.js';

const ZONES = Object.keys(TIME_ZONES) as BranchTimeZone[];

/** First-time setup: name the branch and create its manager account. */
export function SetupScreen() {
  const { t } = useTranslation();
  const setupDone = useSession((s) => s.setupDone);
  const [form, setForm] = useState({
    branchName: '',
    branchCode: '',
    timeZone: 'WIB' as BranchTimeZone,
    username: '',
    displayName: '',
    password: '',
    passwordAgain: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const locale = currentLocale();
  const message = (key: string) => (errors[key] ? fieldText(errors[key], locale) : null);
  const update = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (form.password !== form.passwordAgain) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    const result = await call('setup.initialise', {
      branchName: form.branchName,
      branchCode: form.branchCode,
      timeZone: form.timeZone,
      manager: { username: form.username, displayName: form.displayName, password: form.password },
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setupDone(result.value, form.username.trim().toLowerCase());
  }

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.intro')} wide>
      <form className="auth__form" onSubmit={submit} noValidate>
        {error && <ErrorBanner error={error} />}
        <fieldset className="auth__group">
          <legend>{t('setup.branchSection')}</legend>
          <div className="auth__row">
            <Field label={t('setup.branchName')} required error={message('branchName')} hint={t('setup.branchNameHint')}>
              {(p) => <input {...p} className="input" autoFocus value={form.branchName} onChange={(e) => update('branchName')(e.target.value)} />}
            </Field>
            <Field label={t('setup.branchCode')} required error={message('branchCode')} hint={t('setup.branchCodeHint')}>
              {(p) => (
                <input
                  {...p}
                  className="input mono"
                  value={form.branchCode}
                  maxLength={8}
                  autoCapitalize="characters"
                  onChange={(e) => update('branchCode')(e.target.value.toUpperCase())}
                />
              )}
            </Field>
          </div>
          <Field label={t('setup.timeZone')} required error={message('timeZone')}>
            {(p) => (
              <select {...p} className="select" value={form.timeZone} onChange={(e) => update('timeZone')(e.target.value)}>
                {ZONES.map((zone) => (
                  <option key={zone} value={zone}>
                    {t(`timeZone.${zone}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <div className="auth__separator" role="presentation" />
        <fieldset className="auth__group">
          <legend>{t('setup.managerSection')}</legend>
          <p className="muted auth__note">{t('setup.managerIntro')}</p>
          <div className="auth__row">
            <Field label={t('user.displayName')} required error={message('manager.displayName')}>
              {(p) => <input {...p} className="input" autoComplete="name" value={form.displayName} onChange={(e) => update('displayName')(e.target.value)} />}
            </Field>
            <Field label={t('user.username')} required error={message('manager.username')} hint={t('setup.usernameHint')}>
              {(p) => (
                <input {...p} className="input" autoComplete="username" autoCapitalize="none" value={form.username} onChange={(e) => update('username')(e.target.value)} />
              )}
            </Field>
          </div>
          <div className="auth__row">
            <Field label={t('user.password')} required error={message('manager.password')} hint={t('setup.passwordHint')}>
              {(p) => (
                <input {...p} className="input" type="password" autoComplete="new-password" value={form.password} onChange={(e) => update('password')(e.target.value)} />
              )}
            </Field>
            <Field label={t('setup.passwordAgain')} required error={mismatch ? t('setup.passwordMismatch') : null}>
              {(p) => (
                <input
                  {...p}
                  className="input"
                  type="password"
                  autoComplete="new-password"
                  value={form.passwordAgain}
                  onChange={(e) => update('passwordAgain')(e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <Banner tone="info">{t('setup.offlineNote')}</Banner>
        <div className="auth__actions">
          <button className="button button--primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : t('setup.submit')}
          </button>
        </div>
      </form>
    </AuthLayout>
  );
}
