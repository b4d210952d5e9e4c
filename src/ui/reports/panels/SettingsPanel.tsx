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

/** Tier thresholds (M3), unit costs to serve (A3) and anomaly thresholds (A5); managers change them. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const reload = useReports((s) => s.reload);
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
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
  const number = (key: keyof ReportSettings['anomalies'], label: string, step = 1) => (
    <label className="settings-field" key={key}>
      <span>{label}</span>
      <input
        className="input num"
        type="number"
        step={step}
        disabled={!editable}
        value={settings.anomalies[key]}
        onChange={(e) => setSettings({ ...settings, anomalies: { ...settings.anomalies, [key]: Number(e.target.value) } })}
      />
    </label>
  );
  const save = async () => {
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
          <button type="button" className="button button--primary" onClick={() => void save()}>
            {t('common.save')}
          </button>
        </div>
      )}
    </>
  );
}
