import { useEffect, useState } from 'react';
import { currentLocale } from '../../i18n/index.js';
import { useTranslation } from 'react-i18next';
import type { CaseCategory } from '../../../shared/domain/case.js';
import { call } from '../../app/api.js';
import { categoryLabel } from '../../cases/caseText.js';
import { BarChartCard } from '../BarChartCard.js';
import { PanelHeader } from '../PanelHeader.js';
import { Figure, NotRecorded, ReportCard, ReportState } from '../ReportBits.js';
import { count, decimal } from '../format.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

/** A6: cases by category, department and branch, SLA breaches, time to resolve; staff activity. */
export function ServicePanel() {
  const { t } = useTranslation();
  const { period, version } = useReports();
  const { data, error, loading } = useReport('reports.service', { period }, version);
  // The branch's own categories are named in its case settings: the report groups by code, people read the label.
  const [categories, setCategories] = useState<CaseCategory[] | undefined>(undefined);
  useEffect(() => {
    void call('cases.settings.get', {}).then((r) => r.ok && setCategories(r.value.categories));
  }, []);
  // Categories and departments in words; '-' is a case without one.
  const groupLabel = (group: 'byCategory' | 'byDepartment' | 'byBranch', key: string): string => {
    if (key === '-' || group === 'byBranch') return key;
    return group === 'byCategory' ? categoryLabel(currentLocale(), key, categories) : t(`cases.department.${key}`, { defaultValue: key });
  };
  return (
    <>
      <PanelHeader report="service" meta={data?.meta} />
      <ReportState loading={loading} error={error} empty={!data}>
        {data && (
          <div className="report-grid">
            <ReportCard title={t('reports.service.cases')} wide testId="service-cases">
              {data.cases.recorded ? (
                <>
                  <div className="figures">
                    <Figure label={t('reports.service.total')} value={count(data.cases.total)} />
                    <Figure label={t('reports.service.breaches')} value={count(data.cases.slaBreaches)} />
                    <Figure label={t('reports.service.resolved')} value={count(data.cases.resolved)} />
                    <Figure label={t('reports.service.medianHours')} value={data.cases.medianHoursToResolve === null ? '-' : decimal(data.cases.medianHoursToResolve, 1)} />
                  </div>
                  <div className="report-grid">
                    {(['byCategory', 'byDepartment', 'byBranch'] as const).map((k) => (
                      <ReportCard key={k} title={t(`reports.service.${k}`)}>
                        <BarChartCard data={(data.cases.recorded ? data.cases[k] : []).map((r) => ({ key: r.key, label: groupLabel(k, r.key), value: r.cases }))} format={count} valueLabel={t('reports.service.total')} />
                      </ReportCard>
                    ))}
                  </div>
                </>
              ) : (
                <NotRecorded what={t('reports.service.casesWhat')} table={data.cases.table} />
              )}
            </ReportCard>
            <ReportCard title={t('reports.service.staff')} note={t('reports.service.staffNote')} wide testId="service-staff">
              {!data.interactions.recorded && <NotRecorded what={t('reports.service.interactionsWhat')} table={data.interactions.table} />}
              <table className="report-table">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.service.staffName')}</th>
                    <th scope="col" className="num">{t('reports.service.registered')}</th>
                    <th scope="col" className="num">{t('reports.service.updated')}</th>
                    <th scope="col" className="num">{t('reports.service.interactions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.staff.map((s) => (
                    <tr key={s.userId}>
                      <td>{s.name}</td>
                      <td className="num">{count(s.customersRegistered)}</td>
                      <td className="num">{count(s.customersUpdated)}</td>
                      <td className="num">{s.interactions === null ? '-' : count(s.interactions)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ReportCard>
          </div>
        )}
      </ReportState>
    </>
  );
}
