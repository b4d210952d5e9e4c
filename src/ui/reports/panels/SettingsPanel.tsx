import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportSettings } from '../../../shared/reports/settings.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { parseRupiah } from '../../../shared/domain/money.js';
import { call } from '../../app/api.js';
import { Banner, ErrorBanner } from '../../design/Banner.js';
import { canCall } from '../../lib/access.js';
import { fieldText } from '../../lib/errorText.js';
import { currentLocale } from '../../i18n/index.js';
import { useSession } from '../../session/sessionStore.js';
import { ReportCard } from '../ReportBits.js';
import { rupiah } from '../format.js';
import { useReports } from '../reportStore.js';

/** 3,5 (Indonesian) or 3.5 (English). */
const decimal = (n: number, locale: 'id' | 'en') => new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2, useGrouping: false }).format(n);

/** 3,5 or 3.5 (either way, whatever the language) as 3.5; null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Tier thresholds (M3), unit costs to serve (A3) and anomaly thresholds (A5); managers change them. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const reload = useReports((s) => s.reload);
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [badNumbers, setBadNumbers] = useState<string[]>([]);
  const locale = currentLocale();
  useEffect(() => {
    void call('reports.settings', {}).then((r) => (r.ok ? setSettings(r.value) : setError(r.error)));
  }, []);
  if (!settings) return error ? <ErrorBanner error={error} /> : null;
  const editable = canCall('reports.saveSettings', role);
  const money = (path: [keyof ReportSettings, string], label: string) => {
    const group = settings[path[0]] as Record<string, number>;
    return (
      <label className="settings-field" key={path.join('.')}>
        <span>{label}</span>
        <input
          className="input num"
          disabled={!editable}
          defaultValue={rupiah(group[path[1]])}
          onBlur={(e) => {
            const value = parseRupiah(e.target.value);
            if (value === null) return;
            setSettings({ ...settings, [path[0]]: { ...group, [path[1]]: value } });
            e.target.value = rupiah(value);
          }}
        />
      </label>
    );
  };
  // A text field, not type=number: the browser's number field writes 3.5 whatever the UI's language; here 3,5 in Indonesian.
  const number = (key: keyof ReportSettings['anomalies'], label: string, step = 1) => {
    const show = (n: number) => decimal(n, locale);
    const set = (value: number) => setSettings({ ...settings, anomalies: { ...settings.anomalies, [key]: value } });
    return (
      <label className="settings-field" key={key}>
        <span>{label}</span>
        <input
          className="input num"
          inputMode="decimal"
          disabled={!editable}
          defaultValue={show(settings.anomalies[key])}
          aria-invalid={badNumbers.includes(key) || undefined}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
            e.preventDefault();
            const next = Math.max(0, settings.anomalies[key] + (e.key === 'ArrowUp' ? step : -step));
            set(next);
            e.currentTarget.value = show(next);
          }}
          onBlur={(e) => {
            const value = parseDecimal(e.target.value);
            setBadNumbers((bad) => (value === null ? [...new Set([...bad, key])] : bad.filter((k) => k !== key)));
            if (value === null) return;
            set(value);
            e.target.value = show(value);
          }}
        />
        {badNumbers.includes(key) && <span className="field__error" role="alert">{t('reports.settings.notNumber')}</span>}
      </label>
    );
  };
  const save = async () => {
    if (badNumbers.length > 0) return;
    const r = await call('reports.saveSettings', { settings });
    setError(r.ok ? null : r.error);
    setSaved(r.ok);
    if (r.ok) reload();
  };
  const issue = error?.fields?.[0];
  return (
    <>
      <div className="panel-header">
        <h1>{t('reports.nav.settings')}</h1>
      </div>
      {!editable && <Banner tone="info" title={t('reports.settings.readOnly')} />}
      <div className="report-grid">
        <ReportCard title={t('reports.rfm.tiers')} note={t('reports.settings.tiersNote')}>
          {money(['tiers', 'platinum'], 'Platinum')}
          {money(['tiers', 'gold'], 'Gold')}
          {money(['tiers', 'silver'], 'Silver')}
        </ReportCard>
        <ReportCard title={t('reports.settings.costs')} note={t('reports.settings.costsNote')}>
          {money(['costToServe', 'interaction'], t('reports.profit.term.interactions'))}
          {money(['costToServe', 'case'], t('reports.profit.term.cases'))}
          {money(['costToServe', 'message'], t('reports.profit.term.messages'))}
        </ReportCard>
        <ReportCard title={t('reports.nav.anomalies')} note={t('reports.settings.anomaliesNote')} wide>
          <div className="settings-grid">
            {number('customerDeviations', t('reports.settings.customerDeviations'), 0.5)}
            {number('branchDeviations', t('reports.settings.branchDeviations'), 0.5)}
            {number('refundBurstCount', t('reports.settings.refundBurstCount'))}
            {number('refundBurstDays', t('reports.settings.refundBurstDays'))}
            {number('openHour', t('reports.settings.openHour'))}
            {number('closeHour', t('reports.settings.closeHour'))}
            {number('heavyDiscountPercent', t('reports.settings.heavyDiscountPercent'))}
          </div>
        </ReportCard>
      </div>
      {issue && <Banner tone="error" title={fieldText(issue, currentLocale())} />}
      {error && !issue && <ErrorBanner error={error} />}
      {saved && <Banner tone="success" title={t('reports.settings.saved')} />}
      {editable && (
        <div className="toolbar">
          <button type="button" className="button button--primary" disabled={badNumbers.length > 0} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </div>
      )}
    </>
  );
}
