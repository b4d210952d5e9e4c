import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { LanguageSwitch } from '../design/LanguageSwitch.js';
import { BrandMark } from '../session/BrandMark.js';
import { useSession } from '../session/sessionStore.js';
import { formatBytes, formatCount } from '../lib/numbers.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { currentLocale } from '../i18n/index.js';
import './reports.css';

type SystemInfo = OutputOf<'system.info'>;

/**
 * The back-office reporting window (#/reports). Until the report modules
 * arrive it shows only real facts about this branch's data, never sample
 * numbers.
 */
export function ReportsWindow() {
  const { t } = useTranslation();
  const { branch, actor } = useSession();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);

  async function load() {
    const result = await call('system.info', {});
    if (!result.ok) return setError(result.error);
    setError(null);
    setInfo(result.value);
    setLoadedAt(new Date());
  }

  useEffect(() => {
    document.title = `${t('reports.title')} · Simpul`;
  }, [t]);

  useEffect(() => {
    void load();
  }, []);

  const modules = ['rfm', 'topCustomers', 'profitability', 'patterns', 'anomalies', 'service', 'prediction'] as const;

  return (
    <div className="reports">
      <header className="reports__header">
        <BrandMark compact />
        <span className="reports__window-name">{t('reports.title')}</span>
        <div className="shell__spacer" />
        {actor && (
          <span className="reports__user muted">
            {actor.displayName} · {t(`role.${actor.role}`)}
          </span>
        )}
        <LanguageSwitch />
      </header>
      <main className="reports__main">
        <div className="reports__intro">
          <h1>
            {t('reports.branchFacts')}
            {branch?.branchName && <span className="reports__branch"> · {branch.branchName} ({branch.branchCode})</span>}
          </h1>
          <button type="button" className="button button--small" onClick={() => void load()}>
            {t('reports.refresh')}
          </button>
        </div>
        {error && <ErrorBanner error={error} />}
        <section className="facts-row" aria-label={t('reports.branchFacts')}>
          <Fact label={t('reports.customerCount')} value={info ? formatCount(info.customerCount) : null} testId="fact-customers" />
          <Fact label={t('reports.databaseSize')} value={info ? formatBytes(info.databaseBytes) : null} testId="fact-database" />
          <Fact label={t('reports.schemaVersion')} value={info ? String(info.schemaVersion) : null} testId="fact-schema" />
          <Fact label={t('reports.appVersion')} value={info ? info.appVersion : null} />
          <Fact
            label={t('reports.encryption')}
            value={info ? (info.encrypted ? t('reports.encrypted') : t('reports.notEncrypted')) : null}
            tone={info && !info.encrypted ? 'warning' : undefined}
            words
          />
        </section>
        {loadedAt && (
          <p className="muted reports__stamp">
            {t('reports.loadedAt', { time: formatInstant(loadedAt.toISOString(), branch?.timeZone ?? 'WIB', currentLocale()) })}
          </p>
        )}
        <section className="card reports__coming">
          <h2>{t('reports.modulesTitle')}</h2>
          <p>{t('reports.modulesBody')}</p>
          <ul className="reports__modules">
            {modules.map((m) => (
              <li key={m}>{t(`reports.module.${m}`)}</li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}

/** One figure; `words` for a value that is a phrase rather than a number. */
function Fact({ label, value, tone, testId, words }: { label: string; value: string | null; tone?: 'warning'; testId?: string; words?: boolean }) {
  return (
    <div className={`card fact-card ${tone ? `fact-card--${tone}` : ''}`} data-testid={testId}>
      <span className="fact-card__label">{label}</span>
      <span className={`fact-card__value ${words ? 'fact-card__value--text' : ''}`}>{value ?? '…'}</span>
    </div>
  );
}
