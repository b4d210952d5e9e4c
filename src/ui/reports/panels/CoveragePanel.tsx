import { useTranslation } from 'react-i18next';
import { BarChartCard } from '../BarChartCard.js';
import { PanelHeader } from '../PanelHeader.js';
import { NotRecorded, ReportCard, ReportState } from '../ReportBits.js';
import { count, percent } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';
import type { CustomerFilter } from '../../../shared/reports/filters.js';

/** C6 over all customers: phone, mobile, email, WhatsApp, valid contact, reachable with consent, active. */
export function CoveragePanel() {
  const { t } = useTranslation();
  const w = useWords();
  const { period, version, openDrill } = useReports();
  const { data, error, loading } = useReport('reports.coverage', { period }, version);
  const share = (n: number) => (data?.customers ? percent(n / data.customers) : '');
  const rows: { key: string; value: number; filter?: CustomerFilter }[] = data
    ? [
        { key: 'phone', value: data.phone },
        { key: 'mobile', value: data.mobile, filter: { hasMobile: true } },
        { key: 'email', value: data.email, filter: { hasEmail: true } },
        { key: 'whatsapp', value: data.whatsapp, filter: { hasWhatsapp: true } },
        { key: 'validContact', value: data.validContact },
        { key: 'noMobile', value: data.customers - data.mobile, filter: { hasMobile: false } },
      ]
    : [];
  return (
    <>
      <PanelHeader report="coverage" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <div className="report-grid">
            <ReportCard title={t('reports.coverage.contacts', { count: count(data.customers) })} note={t('reports.coverage.contactsNote')} wide testId="coverage-contacts">
              <BarChartCard
                layout="horizontal-bars"
                data={rows.map((r) => ({ key: r.key, label: t(`reports.coverage.${r.key}`), value: r.value, share: share(r.value) }))}
                format={count}
                valueLabel={w.column('customers')}
                onSelect={(d) => {
                  const filter = rows.find((r) => r.key === d.key)?.filter;
                  if (filter) openDrill({ title: d.label, filter });
                }}
              />
            </ReportCard>
            <ReportCard title={t('reports.coverage.active')} note={t('reports.coverage.activeNote', { days: data.activeDays })}>
              <p className="big-number" data-testid="coverage-active">
                {count(data.active)} <span className="muted">({share(data.active)})</span>
              </p>
              <table className="report-table report-table--compact">
                <tbody>
                  {data.stages.map((s) => (
                    <tr key={s.stage}>
                      <th scope="row">
                        <button type="button" className="link-button" onClick={() => openDrill({ title: t(`stage.${s.stage}`), filter: { stages: [s.stage as 'active'] } })}>
                          {t(`stage.${s.stage}`)}
                        </button>
                      </th>
                      <td className="num">{count(s.customers)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ReportCard>
            <ReportCard title={t('reports.coverage.reachable')} note={t('reports.coverage.reachableNote')}>
              {data.reachable.recorded ? <p className="big-number">{count(data.reachable.count)}</p> : <NotRecorded what={t('reports.coverage.consent')} table={data.reachable.table} />}
              <NotRecorded what={t('reports.coverage.social')} table={data.social.table} />
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
