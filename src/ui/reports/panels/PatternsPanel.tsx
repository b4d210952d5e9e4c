import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BarChartCard } from '../BarChartCard.js';
import { PanelHeader } from '../PanelHeader.js';
import { NotRecorded, ReportCard, ReportState } from '../ReportBits.js';
import { count, decimal, percent, rupiahShort } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';
import { ProductName } from '../../design/ProductName.js';

/** A4: seasonality by month, weekday and hour (branch time), the monthly trend, products bought together. */
export function PatternsPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { period, version } = useReports();
  const { data, error, loading } = useReport('reports.patterns', { period }, version);
  return (
    <>
      <PanelHeader report="patterns" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <div className="report-grid">
            <ReportCard title={t('reports.patterns.trend')} wide testId="patterns-trend">
              {data.trend.length === 0 ? (
                <p className="muted">{t('reports.common.noSales')}</p>
              ) : (
                <div className="line-chart">
                  <ResponsiveContainer width="100%" height={220}>
                    <LineChart data={data.trend} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" stroke="#e3e8e8" />
                      <XAxis dataKey="period" fontSize={12} />
                      <YAxis tickFormatter={rupiahShort} fontSize={12} width={80} />
                      <Tooltip formatter={(v) => [rupiahShort(Number(v)), w.column('revenue')]} isAnimationActive={false} />
                      <Line type="monotone" dataKey="revenue" stroke="#0f766e" strokeWidth={2} dot={false} isAnimationActive={false} />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
              )}
            </ReportCard>
            <ReportCard title={t('reports.patterns.byMonth')} testId="patterns-month">
              <BarChartCard data={data.byMonth.map((m) => ({ key: String(m.month), label: w.month(m.month), value: m.sales, extra: rupiahShort(m.revenue) }))} format={count} valueLabel={w.column('sales')} extraLabel={w.column('revenue')} />
            </ReportCard>
            <ReportCard title={t('reports.patterns.byWeekday')} testId="patterns-weekday">
              <BarChartCard data={data.byWeekday.map((m) => ({ key: String(m.weekday), label: w.weekday(m.weekday), value: m.sales, extra: rupiahShort(m.revenue) }))} format={count} valueLabel={w.column('sales')} extraLabel={w.column('revenue')} />
            </ReportCard>
            <ReportCard title={t('reports.patterns.byHour')} note={t('reports.patterns.byHourNote')} wide>
              <BarChartCard data={data.byHour.filter((h) => h.sales > 0).map((m) => ({ key: String(m.hour), label: `${String(m.hour).padStart(2, '0')}.00`, value: m.sales }))} format={count} valueLabel={w.column('sales')} height={180} />
            </ReportCard>
            <ReportCard title={t('reports.patterns.bundles')} note={t('reports.patterns.bundlesNote')} wide testId="patterns-bundles">
              {!data.bundles.recorded ? (
                <NotRecorded what={t('reports.patterns.lineItems')} table={data.bundles.table} />
              ) : data.bundles.pairs.length === 0 ? (
                <p className="muted">{t('reports.patterns.noPairs', { baskets: count(data.bundles.baskets) })}</p>
              ) : (
                <table className="report-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('reports.patterns.ifBought')}</th>
                      <th scope="col">{t('reports.patterns.alsoBought')}</th>
                      <th scope="col" className="num">{t('reports.patterns.together')}</th>
                      <th scope="col" className="num">Support</th>
                      <th scope="col" className="num">{t('reports.patterns.confidence')}</th>
                      <th scope="col" className="num">Lift</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.bundles.pairs.map((p) => (
                      <tr key={`${p.a}-${p.b}`}>
                        <td>
                          <ProductName name={p.a} lines={1} className="report-table__product" />
                        </td>
                        <td>
                          <ProductName name={p.b} lines={1} className="report-table__product" />
                        </td>
                        <td className="num">{count(p.together)}</td>
                        <td className="num">{percent(p.support)}</td>
                        <td className="num">{percent(p.confidence)}</td>
                        <td className="num">{decimal(p.lift)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
