import { useTranslation } from 'react-i18next';
import { FREQUENCY_BUCKETS, RECENCY_BUCKETS, frequencyOfScore, recencyOfScore } from '../../../shared/reports/rfm.js';
import { BarChartCard } from '../BarChartCard.js';
import { PanelHeader } from '../PanelHeader.js';
import { Figure, ReportCard, ReportState } from '../ReportBits.js';
import { count, percent, rupiahShort } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

/** A1: recency, frequency and tier buckets, named segments, and the R x F grid; every bucket drills down. */
export function RfmPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { period, version, openDrill } = useReports();
  const { data, error, loading } = useReport('reports.rfm', { period }, version);
  const share = (n: number) => (data?.buyers ? percent(n / data.buyers) : '');
  const cell = (r: number, f: number) => data?.cells.filter((c) => c.r === r && c.f === f).reduce((s, c) => s + c.customers, 0) ?? 0;
  const max = Math.max(1, ...(data?.cells.map((c) => c.customers) ?? [1]));
  return (
    <>
      <PanelHeader report="rfm" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <>
            <div className="figures">
              <Figure label={t('reports.rfm.buyers')} value={count(data.buyers)} sub={t('reports.rfm.ofCustomers', { count: count(data.liveCustomers) })} testId="rfm-buyers" />
              <Figure label={t('reports.rfm.noPurchase')} value={count(Math.max(0, data.liveCustomers - data.buyers))} onClick={() => openDrill({ title: t('reports.rfm.noPurchase'), filter: { buyers: 'nonBuyers' } })} testId="rfm-nonbuyers" />
            </div>
            <p className="muted report-hint no-print">{t('reports.common.drillHint')}</p>
            <div className="report-grid">
              <ReportCard title={w.column('recency')} note={t('reports.rfm.recencyNote')} testId="rfm-recency">
                <BarChartCard
                  data={data.recency.map((b) => ({ key: b.bucket, label: w.recency(b.bucket), value: b.customers, share: share(b.customers), extra: rupiahShort(b.revenue) }))}
                  format={count}
                  valueLabel={w.column('customers')}
                  extraLabel={w.column('revenue')}
                  onSelect={(d) => openDrill({ title: `${w.column('recency')}: ${d.label}`, filter: { recency: [d.key as (typeof RECENCY_BUCKETS)[number]] } })}
                />
              </ReportCard>
              <ReportCard title={w.column('frequency')} note={t('reports.rfm.frequencyNote')} testId="rfm-frequency">
                <BarChartCard
                  data={data.frequency.map((b) => ({ key: b.bucket, label: w.frequency(b.bucket), value: b.customers, share: share(b.customers), extra: rupiahShort(b.revenue) }))}
                  format={count}
                  valueLabel={w.column('customers')}
                  extraLabel={w.column('revenue')}
                  onSelect={(d) => openDrill({ title: `${w.column('frequency')}: ${d.label}`, filter: { frequency: [d.key as (typeof FREQUENCY_BUCKETS)[number]] } })}
                />
              </ReportCard>
              <ReportCard title={t('reports.rfm.tiers')} note={t('reports.rfm.tiersNote')} testId="rfm-tiers">
                <BarChartCard
                  data={[...data.tiers].reverse().map((b) => ({ key: b.bucket, label: w.tier(b.bucket), value: b.customers, share: share(b.customers), extra: rupiahShort(b.revenue) }))}
                  format={count}
                  valueLabel={w.column('customers')}
                  extraLabel={w.column('revenue')}
                  onSelect={(d) => openDrill({ title: `${t('reports.rfm.tiers')}: ${d.label}`, filter: { tiers: [d.key as 'bronze'] } })}
                />
              </ReportCard>
              <ReportCard title={t('reports.rfm.grid')} note={t('reports.rfm.gridNote')} testId="rfm-grid">
                <table className="rfm-grid">
                  <thead>
                    <tr>
                      <th scope="col">{w.column('recency')} \ {w.column('frequency')}</th>
                      {[1, 2, 3, 4].map((f) => (
                        <th key={f} scope="col">{w.frequency(frequencyOfScore(f))}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[5, 4, 3, 2, 1].map((r) => (
                      <tr key={r}>
                        <th scope="row">{w.recency(recencyOfScore(r))}</th>
                        {[1, 2, 3, 4].map((f) => {
                          const n = cell(r, f);
                          const title = `${w.recency(recencyOfScore(r))} · ${w.frequency(frequencyOfScore(f))}`;
                          return (
                            <td key={f}>
                              <button
                                type="button"
                                className="rfm-grid__cell"
                                style={{ background: `rgba(15, 118, 110, ${0.06 + 0.6 * (n / max)})`, color: n / max > 0.55 ? '#fff' : undefined }}
                                disabled={n === 0}
                                onClick={() => openDrill({ title, filter: { recency: [recencyOfScore(r)], frequency: [frequencyOfScore(f)] } })}
                                aria-label={`${title}: ${count(n)}`}
                              >
                                {count(n)}
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ReportCard>
              <ReportCard title={t('reports.rfm.segments')} note={t('reports.rfm.segmentsNote')} wide testId="rfm-segments">
                <BarChartCard
                  layout="horizontal-bars"
                  data={data.segments.map((b) => ({ key: b.bucket, label: w.segment(b.bucket), value: b.customers, share: share(b.customers), extra: rupiahShort(b.revenue) }))}
                  format={count}
                  valueLabel={w.column('customers')}
                  extraLabel={w.column('revenue')}
                  onSelect={(d) => openDrill({ title: `${t('reports.rfm.segment')}: ${d.label}`, filter: { segments: [d.key as 'champions'] } })}
                />
                <dl className="segment-legend">
                  {data.segments.map((s) => (
                    <div key={s.bucket}>
                      <dt>{w.segment(s.bucket)}</dt>
                      <dd>{w.segmentHint(s.bucket)}</dd>
                    </div>
                  ))}
                </dl>
              </ReportCard>
            </div>
          </>
        )}
      </ReportState>
    </>
  );
}
