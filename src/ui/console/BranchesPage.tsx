import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { ConsoleBranchHealth } from '../../shared/console/api.js';
import { formatInstant, TIME_ZONES, type BranchTimeZone } from '../../shared/domain/dates.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { fieldText } from '../lib/errorText.js';
import { fieldErrorsOf } from '../lib/fieldErrors.js';
import { adminCall } from './consoleApi.js';
import { useOverview } from './overviewStore.js';

/**
 * "Cabang": the branch registry. Register a branch, hand it a one-time
 * enrolment token (shown once), revoke a lost or closed branch. Uses the
 * admin API that the CLI's `branch` commands also use.
 */
interface IssuedToken {
  token: string;
  branchCode: string;
  expiresAt: string;
}

const TOKEN_HOURS = [24, 72, 168] as const;

export function BranchesPage() {
  const { t } = useTranslation();
  const { overview, error } = useOverview();
  const [issued, setIssued] = useState<IssuedToken | null>(null);

  return (
    <div className="console-page">
      <header className="console-page__header">
        <div>
          <h1>{t('console.branches.title')}</h1>
          <p className="muted">{t('console.branches.intro')}</p>
        </div>
      </header>
      {error && <ErrorBanner error={error} />}
      <AddBranchForm />
      {issued && <IssuedTokenCard issued={issued} onClose={() => setIssued(null)} />}
      {overview && overview.branches.length > 0 && (
        <div className="card console-table-wrap">
          <table className="console-table" aria-label={t('console.branches.tableLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('console.health.col.branch')}</th>
                <th scope="col">{t('console.branches.col.timeZone')}</th>
                <th scope="col">{t('console.health.col.status')}</th>
                <th scope="col">{t('console.branches.col.enrolment')}</th>
                <th scope="col" className="console-table__actions">{t('console.branches.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.branches.map((branch) => (
                <BranchRow key={branch.branchId} branch={branch} onIssued={setIssued} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!overview && !error && <p className="muted">{t('common.loading')}</p>}
    </div>
  );
}

function AddBranchForm() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState<BranchTimeZone>('WIB');
  const [error, setError] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await adminCall<{ code: string }>('/admin/branches', { body: { code, name, timeZone } });
    setBusy(false);
    if (!result.ok) {
      setAdded(null);
      return setError(result.error);
    }
    setError(null);
    setAdded(result.value.code);
    setCode('');
    setName('');
    void useOverview.getState().refresh();
  }

  const codeError = fields.code ? fieldText(fields.code, locale) : error?.code === 'DUPLICATE' ? t('console.branches.codeTaken') : null;
  return (
    <form className="card console-form" onSubmit={submit} noValidate aria-label={t('console.branches.addTitle')}>
      <h2>{t('console.branches.addTitle')}</h2>
      {error && error.code !== 'VALIDATION_FAILED' && error.code !== 'DUPLICATE' && <ErrorBanner error={error} />}
      {added && <Banner tone="success" title={t('console.branches.added', { code: added })} />}
      <div className="console-form__row">
        <Field label={t('setup.branchCode')} hint={t('setup.branchCodeHint')} error={codeError} required>
          {(p) => <input {...p} className="input mono console-form__code" value={code} maxLength={8} onChange={(e) => setCode(e.target.value.toUpperCase())} />}
        </Field>
        <Field label={t('setup.branchName')} hint={t('setup.branchNameHint')} error={fields.name ? fieldText(fields.name, locale) : null} required>
          {(p) => <input {...p} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('setup.timeZone')} error={fields.timeZone ? fieldText(fields.timeZone, locale) : null}>
          {(p) => (
            <select {...p} className="select" value={timeZone} onChange={(e) => setTimeZone(e.target.value as BranchTimeZone)}>
              {(Object.keys(TIME_ZONES) as BranchTimeZone[]).map((zone) => (
                <option key={zone} value={zone}>{t(`timeZone.${zone}`)}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary console-form__submit" disabled={busy}>
          {t('console.branches.add')}
        </button>
      </div>
    </form>
  );
}

function BranchRow({ branch, onIssued }: { branch: ConsoleBranchHealth; onIssued(token: IssuedToken): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [hours, setHours] = useState<number>(72);
  const [confirmRevoke, setConfirmRevoke] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const revoked = branch.status === 'revoked';

  async function issue() {
    setBusy(true);
    const result = await adminCall<IssuedToken>(`/admin/branches/${encodeURIComponent(branch.branchId)}/enrolment-tokens`, { body: { expiresInHours: hours } });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    onIssued(result.value);
    void useOverview.getState().refresh();
  }

  async function revoke() {
    setBusy(true);
    const result = await adminCall(`/admin/branches/${encodeURIComponent(branch.branchId)}/revoke`, { method: 'POST', body: {} });
    setBusy(false);
    setConfirmRevoke(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    void useOverview.getState().refresh();
  }

  return (
    <>
      <tr className={`console-row ${revoked ? 'console-row--revoked' : ''}`} data-testid={`branch-${branch.code}`}>
        <th scope="row">
          <span className="console-code mono">{branch.code}</span>
          <span className="console-row__name">{branch.name}</span>
        </th>
        <td>{branch.timeZone}</td>
        <td>
          {revoked ? (
            <span className="badge badge--archived" title={branch.revokedAt ? formatInstant(branch.revokedAt, branch.timeZone, locale) : undefined}>{t('console.status.revoked')}</span>
          ) : (
            <span className="badge badge--active">{t('console.status.active')}</span>
          )}
        </td>
        <td data-testid="branch-enrolment">
          {revoked
            ? t('console.branches.revokedOn', { when: branch.revokedAt ? formatInstant(branch.revokedAt, branch.timeZone, locale) : '' })
            : branch.enrolled
              ? t('console.branches.enrolled', { count: branch.nodes })
              : branch.tokenWaiting
                ? t('console.warning.tokenWaiting')
                : t('console.warning.notEnrolled')}
        </td>
        <td className="console-table__actions">
          {!revoked && (
            <div className="console-actions">
              <label className="visually-hidden" htmlFor={`hours-${branch.code}`}>{t('console.branches.validFor')}</label>
              <select id={`hours-${branch.code}`} className="select console-actions__hours" value={hours} onChange={(e) => setHours(Number(e.target.value))} title={t('console.branches.validFor')}>
                {TOKEN_HOURS.map((h) => (
                  <option key={h} value={h}>{t('console.branches.hours', { count: h })}</option>
                ))}
              </select>
              <button type="button" className="button button--small" disabled={busy} onClick={() => void issue()}>
                {t('console.branches.issueToken')}
              </button>
              <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => setConfirmRevoke(true)}>
                {t('console.branches.revoke')}
              </button>
            </div>
          )}
        </td>
      </tr>
      {(confirmRevoke || error) && (
        <tr className="console-row__detail">
          <td colSpan={5}>
            {error && <ErrorBanner error={error} />}
            {confirmRevoke && (
              <Banner
                tone="warning"
                title={t('console.branches.revokeTitle', { code: branch.code, name: branch.name })}
                action={
                  <span className="console-confirm">
                    <button type="button" className="button button--small" onClick={() => setConfirmRevoke(false)}>{t('common.cancel')}</button>
                    <button type="button" className="button button--small button--danger-strong" disabled={busy} onClick={() => void revoke()}>
                      {t('console.branches.revokeConfirm', { code: branch.code })}
                    </button>
                  </span>
                }
              >
                {t('console.branches.revokeBody')}
              </Banner>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

function IssuedTokenCard({ issued, onClose }: { issued: IssuedToken; onClose(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="card console-token" aria-label={t('console.branches.tokenTitle', { code: issued.branchCode })} data-testid="issued-token">
      <div className="console-token__head">
        <h2>{t('console.branches.tokenTitle', { code: issued.branchCode })}</h2>
        <button type="button" className="button button--small" onClick={onClose}>{t('console.close')}</button>
      </div>
      <p>{t('console.branches.tokenOnce')}</p>
      <div className="console-token__value">
        <input className="input mono" readOnly value={issued.token} aria-label={t('console.branches.tokenLabel')} onFocus={(e) => e.currentTarget.select()} data-testid="token-value" />
        <button type="button" className="button" onClick={() => void copy()}>{copied ? t('console.branches.copied') : t('console.branches.copy')}</button>
      </div>
      <p className="muted">{t('console.branches.tokenExpires', { when: formatInstant(issued.expiresAt, 'WIB', locale) })}</p>
    </section>
  );
}
