import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import { call } from '../../app/api.js';
import { ErrorBanner } from '../../design/Banner.js';
import { useSession } from '../../session/sessionStore.js';
import { BarChartCard } from '../BarChartCard.js';
import { CustomerTable } from '../CustomerTable.js';
import { PanelHeader } from '../PanelHeader.js';
import { ReportCard, ReportState } from '../ReportBits.js';
import { count, rupiahShort } from '../format.js';
import { PredictionModelCard } from './PredictionModelCard.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

const HORIZONS = [13, 26, 52, 104];

/** A7: probability still active and expected purchases and spend (BG/NBD with Gamma-Gamma). */
export function PredictionPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const zone = useSession((s) => s.branch?.timeZone ?? 'WIB');
  const { period, version, reload, openDrill } = useReports();
  const [horizonWeeks, setHorizon] = useState(52);
  const [fitting, setFitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { data, error: loadError, loading } = useReport('reports.prediction', { period, horizonWeeks }, version);
  const fit = async () => {
    setFitting(true);
    const result = await call('reports.fitPrediction', {});
    setFitting(false);
    setError(result.ok ? null : result.error);
    if (result.ok) reload();
  };
  const run = data?.run;
  return (
    <>
      <PanelHeader report="prediction" meta={data?.meta} extra={{ horizonWeeks }} />
      <div className="toolbar no-print">
        <label htmlFor="horizon">{t('reports.prediction.horizon')}</label>
        <select id="horizon" className="input" value={horizonWeeks} onChange={(e) => setHorizon(Number(e.target.value))}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {t('reports.prediction.weeks', { count: h })}
            </option>
          ))}
        </select>
        <button type="button" className="button button--primary" onClick={() => void fit()} disabled={fitting} data-testid="fit-model">
          {fitting && <span className="spinner" />}
          {run ? t('reports.prediction.refit') : t('reports.prediction.fit')}
        </button>
      </div>
      {error && <ErrorBanner error={error} />}
      <ReportState loading={loading} error={loadError} empty={!data}>
        {data && !run && <p className="muted card report-empty">{t('reports.prediction.noRun')}</p>}
        {data && run && (
          <div className="report-grid">
            <PredictionModelCard run={run} expected={data.expected} horizonWeeks={horizonWeeks} zone={zone} />
            <ReportCard title={w.column('pAlive')} note={t('reports.prediction.distributionNote')} wide testId="prediction-distribution">
              <BarChartCard
                data={data.distribution.map((d) => ({ key: String(d.bin), label: `${d.bin * 10}-${d.bin * 10 + 10}%`, value: d.customers, extra: rupiahShort(d.revenue) }))}
                format={count}
                valueLabel={w.column('customers')}
                extraLabel={w.column('revenue')}
                onSelect={(d) => {
                  const bin = Number(d.key);
                  openDrill({ title: `${w.column('pAlive')}: ${d.label}`, filter: { pAliveMin: bin / 10, pAliveMax: bin === 9 ? 1 : (bin + 1) / 10 - 1e-9 } });
                }}
              />
            </ReportCard>
            <ReportCard title={t('reports.prediction.retain')} note={t('reports.prediction.retainNote')} wide testId="prediction-retain">
              <CustomerTable rows={data.retain} extra={['pAlive', 'expected']} startRank={1} />
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
