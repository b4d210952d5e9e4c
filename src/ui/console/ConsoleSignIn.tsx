import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { BrandMark } from '../session/BrandMark.js';
import '../session/session.css';
import { ConsoleLanguageSwitch } from './ConsoleLanguageSwitch.js';
import { useConsoleSession } from './consoleSession.js';

/**
 * Sign-in with the head office's admin key (printed once by `serve`, in
 * <data dir>/admin-token, or SIMPUL_ADMIN_TOKEN) and the person's name,
 * which is recorded on every decision made in the console.
 */
export function ConsoleSignIn() {
  const { t } = useTranslation();
  const { signIn, endedReason } = useConsoleSession();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'keyRequired' | 'nameRequired' | 'keyRefused' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await signIn(key, name);
    setBusy(false);
    if (!failure) return;
    if (typeof failure === 'object') {
      setProblem(null);
      setError(failure.error);
      return;
    }
    setError(null);
    setProblem(failure);
    if (failure === 'keyRefused') setKey('');
  }

  return (
    <div className="auth">
      <header className="auth__top">
        <BrandMark />
        <ConsoleLanguageSwitch />
      </header>
      <main className="auth__card card">
        <div className="auth__heading">
          <h1>{t('console.signIn.title')}</h1>
          <p className="muted">{t('console.signIn.subtitle')}</p>
        </div>
        <form className="auth__form" onSubmit={submit} noValidate>
          {endedReason === 'keyRefused' && !problem && <Banner tone="warning" title={t('console.signIn.ended')} />}
          {problem === 'keyRefused' && <Banner tone="error" title={t('console.signIn.keyRefused')} />}
          {error && <ErrorBanner error={error} />}
          <Field label={t('console.signIn.name')} hint={t('console.signIn.nameHint')} error={problem === 'nameRequired' ? t('console.signIn.nameRequired') : null}>
            {(p) => <input {...p} className="input" autoComplete="name" autoFocus maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('console.signIn.key')} hint={t('console.signIn.keyHint')} error={problem === 'keyRequired' ? t('console.signIn.keyRequired') : null}>
            {(p) => (
              <input {...p} className="input mono" type="password" autoComplete="current-password" spellCheck={false} value={key} onChange={(e) => setKey(e.target.value)} />
            )}
          </Field>
          <div className="auth__actions">
            <button className="button button--primary auth__submit" type="submit" disabled={busy}>
              {busy ? t('signIn.busy') : t('signIn.submit')}
            </button>
          </div>
          <p className="muted auth__note">{t('console.signIn.note')}</p>
        </form>
      </main>
      <footer className="auth__footer muted">{t('app.tagline')}</footer>
    </div>
  );
}
