import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/api/contract.js';
import { BarChartCard } from '../BarChartCard.js';
import { CustomerTable } from '../CustomerTable.js';
import { PanelHeader } from '../PanelHeader.js';
import { Figure, NotRecorded, ReportCard, ReportState } from '../ReportBits.js';
import { count, rupiah, rupiahShort } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

type Term = OutputOf<'reports.profitability'>['costToServe']['interactions'];

/** A3: revenue minus cost of goods minus cost to serve; most and least profitable customers and segments. */
export function ProfitabilityPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { period, version, openDrill } = useReports();
  const { data, error, loading } = useReport('reports.profitability', { period }, version);
  const term = (key: 'interactions' | 'cases' | 'messages', value: Term) =>
    value.recorded ? (
      <li key={key}>
        <span>{t(`reports.profit.term.${key}`)}</span>
        <span className="num">
          {count(value.count)} × {rupiah(value.unitCost)} = <strong>{rupiah(value.total)}</strong>
        </span>
      </li>
    ) : (
      <li key={key}>
        <NotRecorded what={t(`reports.profit.term.${key}`)} table={value.table} />
      </li>
    );
  return (
    <>
      <PanelHeader report="profitability" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <div className="report-grid">
            <div className="figures report-card--wide">
              <Figure label={w.column('revenue')} value={rupiahShort(data.totals.revenue)} sub={rupiah(data.totals.revenue)} testId="profit-revenue" />
              <Figure label={w.column('cogs')} value={rupiahShort(data.totals.cogs)} sub={rupiah(data.totals.cogs)} />
              <Figure label={w.column('costToServe')} value={rupiahShort(data.totals.costToServe)} sub={rupiah(data.totals.costToServe)} />
              <Figure label={w.column('profit')} value={rupiahShort(data.totals.profit)} sub={rupiah(data.totals.profit)} testId="profit-total" />
            </div>
            <ReportCard title={w.column('costToServe')} note={t('reports.profit.termsNote')} wide>
              <ul className="cost-terms">{(['interactions', 'cases', 'messages'] as const).map((k) => term(k, data.costToServe[k]))}</ul>
            </ReportCard>
            <ReportCard title={t('reports.profit.bySegment')}>
              <BarChartCard
                layout="horizontal-bars"
                data={data.bySegment.map((s) => ({ key: s.bucket, label: w.segment(s.bucket), value: s.profit, extra: count(s.customers) }))}
                format={rupiahShort}
                valueLabel={w.column('profit')}
                extraLabel={w.column('customers')}
                onSelect={(d) => openDrill({ title: `${t('reports.rfm.segment')}: ${d.label}`, filter: { segments: [d.key as 'champions'] } })}
              />
            </ReportCard>
            <ReportCard title={t('reports.profit.byTier')}>
              <BarChartCard
                data={[...data.byTier].reverse().map((s) => ({ key: s.bucket, label: w.tier(s.bucket), value: s.profit, extra: count(s.customers) }))}
                format={rupiahShort}
                valueLabel={w.column('profit')}
                extraLabel={w.column('customers')}
                onSelect={(d) => openDrill({ title: `${t('reports.rfm.tiers')}: ${d.label}`, filter: { tiers: [d.key as 'gold'] } })}
              />
            </ReportCard>
            <ReportCard title={t('reports.profit.most')} wide testId="profit-most">
              <CustomerTable rows={data.most} extra={['profit']} startRank={1} />
            </ReportCard>
            <ReportCard title={t('reports.profit.least')} wide testId="profit-least">
              <CustomerTable rows={data.least} extra={['profit']} startRank={1} />
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
