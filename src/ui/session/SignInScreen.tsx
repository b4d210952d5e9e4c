import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { AuthLayout } from './AuthLayout.js';
import { useSession } from './sessionStore.js';

export function SignInScreen() {
  const { t } = useTranslation();
  const { branch, lastUsername, signedIn } = useSession();
  const [username, setUsername] = useState(lastUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const locale = currentLocale();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('auth.signIn', { username, password, locale: currentLocale() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      setPassword('');
      return;
    }
    signedIn(result.value.sessionToken, result.value.actor);
  }

  const branchLabel = branch?.branchName ? `${branch.branchName} · ${branch.branchCode ?? ''}` : undefined;
  return (
    <AuthLayout title={t('signIn.title')} subtitle={branchLabel}>
      <form className="auth__form" onSubmit={submit} noValidate>
        {error && <ErrorBanner error={error} />}
        <Field label={t('user.username')} error={errors.username ? fieldText(errors.username, locale) : null}>
          {(p) => (
            <input
              {...p}
              className="input"
              autoComplete="username"
              autoCapitalize="none"
              autoFocus={!lastUsername}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('user.password')} error={errors.password ? fieldText(errors.password, locale) : null}>
          {(p) => (
            <input
              {...p}
              className="input"
              type="password"
              autoComplete="current-password"
              autoFocus={Boolean(lastUsername)}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <div className="auth__actions">
          <button className="button button--primary auth__submit" type="submit" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </div>
        <p className="muted auth__note">{t('signIn.offlineNote')}</p>
      </form>
    </AuthLayout>
  );
}
