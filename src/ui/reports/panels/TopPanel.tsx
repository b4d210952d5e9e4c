import { useTranslation } from 'react-i18next';
import { BarChartCard } from '../BarChartCard.js';
import { CustomerTable } from '../CustomerTable.js';
import { PanelHeader } from '../PanelHeader.js';
import { ReportCard, ReportState } from '../ReportBits.js';
import { count, percent } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

/** A2: top 10 by spend and by frequency, and how many buy once, twice, 3-5 or more times a year. */
export function TopPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { period, version, openDrill } = useReports();
  const { data, error, loading } = useReport('reports.top', { period }, version);
  return (
    <>
      <PanelHeader report="top" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <div className="report-grid">
            <ReportCard title={t('reports.top.distribution')} note={t('reports.top.distributionNote', { count: count(data.buyers) })} wide testId="top-distribution">
              {data.distribution[0] && data.buyers > 0 && (
                <p className="headline" data-testid="top-headline">
                  {t('reports.top.headline', { share: percent(data.distribution[0].share, 0) })}
                </p>
              )}
              <BarChartCard
                data={data.distribution.map((d) => ({ key: d.bucket, label: w.frequency(d.bucket), value: d.customers, share: percent(d.share) }))}
                format={count}
                valueLabel={w.column('customers')}
                onSelect={(d) => openDrill({ title: `${w.column('frequency')}: ${d.label}`, filter: { frequency: [d.key as 'once'] } })}
              />
            </ReportCard>
            <ReportCard title={t('reports.top.bySpend')} wide testId="top-spend">
              <CustomerTable rows={data.bySpend} startRank={1} />
            </ReportCard>
            <ReportCard title={t('reports.top.byFrequency')} wide testId="top-frequency">
              <CustomerTable rows={data.byFrequency} startRank={1} />
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
