import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ErrorCode } from '../../shared/api/errors.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { canCall } from '../lib/access.js';
import { errorText, fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { useSession } from '../session/sessionStore.js';
import { useSync } from './syncStore.js';
import './syncPages.css';

/** Schedule choices in minutes; 0 turns the schedule off (sync now still works). */
const INTERVALS = [0, 5, 15, 30, 60, 120, 240, 480, 1440];

/**
 * "Sinkronisasi": enrol this branch with the head office (a one-time token
 * from the head office's admin) and set how often it syncs by itself.
 * Branch managers only, as the contract says; others see the connection.
 */
export function SyncSettingsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const role = useSession((s) => s.actor?.role);
  const branch = useSession((s) => s.branch);
  const status = useSync((s) => s.status);

  useEffect(() => {
    document.title = `${t('sync.settings.title')} · Simpul`;
    void useSync.getState().refresh();
  }, [t]);

  const canEnrol = canCall('sync.enrol', role);
  const zone = branch?.timeZone ?? 'WIB';

  return (
    <div className="sync-page sync-page--narrow">
      <header className="sync-page__header">
        <h1>{t('sync.settings.title')}</h1>
        <p className="muted">{t('sync.settings.intro')}</p>
      </header>
      {!status ? (
        <p className="muted">{t('common.loading')}</p>
      ) : status.enrolled ? (
        <section className="card sync-card" aria-labelledby="enrolled-title" data-testid="enrolled">
          <h2 id="enrolled-title" className="sync-card__title">{t('sync.settings.enrolledTitle')}</h2>
          <dl className="sync-card__facts">
            <div>
              <dt>{t('sync.settings.headOffice')}</dt>
              <dd className="mono" data-testid="enrolled-url">{status.headOfficeUrl}</dd>
            </div>
            <div>
              <dt>{t('shell.branch')}</dt>
              <dd>
                {branch?.branchName} <span className="mono">{branch?.branchCode}</span>
              </dd>
            </div>
            <div>
              <dt>{t('sync.lastSynced')}</dt>
              <dd>{status.lastSyncAt ? formatInstant(status.lastSyncAt, zone, locale) : t('sync.never')}</dd>
            </div>
            {status.lastError && (
              <div>
                <dt>{t('sync.settings.lastError')}</dt>
                <dd>
                  {errorText({ code: status.lastError.code as ErrorCode, message: status.lastError.message }, locale)}
                  <span className="sync-card__detail mono">{status.lastError.message}</span>
                </dd>
              </div>
            )}
          </dl>
        </section>
      ) : canEnrol ? (
        <EnrolForm />
      ) : (
        <Banner tone="info" title={t('sync.state.notEnrolled')}>
          {t('sync.askManager')}
        </Banner>
      )}
      {status && canCall('sync.setInterval', role) && <ScheduleForm current={status.intervalMinutes} />}
    </div>
  );
}

function EnrolForm() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrorsOf(error);
  const message = (key: string) => (errors[key] ? fieldText(errors[key], locale) : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('sync.enrol', { url, token });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    // The head office's name and time zone for this branch now apply here.
    const branch = await call('setup.status', {});
    if (branch.ok) useSession.setState({ branch: branch.value });
    await useSync.getState().refresh();
  }

  return (
    <form className="card sync-card" onSubmit={(e) => void submit(e)} aria-labelledby="enrol-title" noValidate>
      <h2 id="enrol-title" className="sync-card__title">{t('sync.settings.enrolTitle')}</h2>
      <p className="muted">{t('sync.settings.enrolIntro')}</p>
      {error && error.code !== 'VALIDATION_FAILED' && <ErrorBanner error={error} />}
      {error?.code === 'UNAVAILABLE' && <p className="muted">{t('sync.settings.unreachableHint')}</p>}
      <Field label={t('sync.settings.url')} hint={t('sync.settings.urlHint')} error={message('url')} required>
        {(p) => <input {...p} className="input mono" type="url" autoComplete="off" spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://pusat.contoh.co.id" />}
      </Field>
      <Field label={t('sync.settings.token')} hint={t('sync.settings.tokenHint')} error={message('token')} required>
        {(p) => <input {...p} className="input mono" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />}
      </Field>
      <div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('sync.settings.enrolling') : t('sync.settings.enrol')}
        </button>
      </div>
    </form>
  );
}

function ScheduleForm({ current }: { current: number }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(current);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setMinutes(current), [current]);
  const choices = INTERVALS.includes(current) ? INTERVALS : [...INTERVALS, current].sort((a, b) => a - b);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('sync.setInterval', { minutes });
    setBusy(false);
    setSaved(result.ok);
    setError(result.ok ? null : result.error);
    if (result.ok) await useSync.getState().refresh();
  }

  return (
    <form className="card sync-card" onSubmit={(e) => void submit(e)} aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="sync-card__title">{t('sync.settings.scheduleTitle')}</h2>
      <p className="muted">{t('sync.settings.scheduleIntro')}</p>
      {error && <ErrorBanner error={error} />}
      {saved && !error && <Banner tone="success" title={t('sync.settings.scheduleSaved')} />}
      <div className="sync-card__row">
        <Field label={t('sync.settings.interval')}>
          {(p) => (
            <select {...p} className="select" value={minutes} onChange={(e) => { setMinutes(Number(e.target.value)); setSaved(false); }}>
              {choices.map((m) => (
                <option key={m} value={m}>{intervalText(m, t)}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button" disabled={busy || minutes === current}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

function intervalText(minutes: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (minutes === 0) return t('sync.settings.intervalOff');
  if (minutes % 60 === 0) return t('sync.settings.everyHours', { count: minutes / 60 });
  return t('sync.settings.everyMinutes', { count: minutes });
}
