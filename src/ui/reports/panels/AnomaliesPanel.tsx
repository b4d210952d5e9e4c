import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ANOMALY_RULES } from '../../../shared/api/procedures/reports.js';
import { anomalyReason } from '../../../shared/reports/explain.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { call } from '../../app/api.js';
import { ErrorBanner } from '../../design/Banner.js';
import { useSession } from '../../session/sessionStore.js';
import { PanelHeader } from '../PanelHeader.js';
import { Figure, ReportCard, ReportState } from '../ReportBits.js';
import { count, instant, rupiah } from '../format.js';
import { useWords } from '../labels.js';
import { useReports } from '../reportStore.js';
import { useReport } from '../useReport.js';

type Rule = (typeof ANOMALY_RULES)[number];

/** A5: flagged transactions, each with why, and a way to mark it reviewed. */
export function AnomaliesPanel() {
  const { t } = useTranslation();
  const w = useWords();
  const zone = useSession((s) => s.branch?.timeZone ?? 'WIB');
  const { period, version, reload } = useReports();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [rule, setRule] = useState<Rule | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [shown, setShown] = useState(50);
  const report = useReport('reports.anomalies', { period, status, ...(rule ? { rule } : {}) }, version);
  const review = async (transactionId: string, r: Rule) => {
    const result = await call('reports.reviewAnomaly', { transactionId, rule: r });
    setError(result.ok ? null : result.error);
    if (result.ok) reload();
  };
  const data = report.data;
  return (
    <>
      <PanelHeader report="anomalies" meta={data?.meta} />
      <ReportState loading={report.loading} error={report.error} empty={!data}>
        {data && (
          <>
            <div className="figures">
              {data.counts.map((c) => (
                <Figure
                  key={c.rule}
                  label={w.anomaly(c.rule)}
                  value={count(c.open)}
                  sub={t('reports.anomalies.ofFlags', { count: count(c.flags) })}
                  testId={`anomaly-${c.rule}`}
                  onClick={() => setRule(rule === c.rule ? undefined : c.rule)}
                />
              ))}
            </div>
            <div className="toolbar no-print">
              <label>
                <input type="checkbox" checked={status === 'all'} onChange={(e) => setStatus(e.target.checked ? 'all' : 'open')} /> {t('reports.anomalies.showReviewed')}
              </label>
              {rule && (
                <button type="button" className="button button--small" onClick={() => setRule(undefined)}>
                  {t('reports.anomalies.allRules')}
                </button>
              )}
            </div>
            {error && <ErrorBanner error={error} />}
            <ReportCard title={rule ? w.anomaly(rule) : t('reports.anomalies.flagged')} note={data.truncated ? t('reports.anomalies.truncated') : t('reports.anomalies.note')} wide testId="anomaly-list">
              {data.flags.length === 0 ? (
                <p className="muted">{t('reports.anomalies.none')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="report-table">
                    <thead>
                      <tr>
                        <th scope="col">{w.column('occurredAt')}</th>
                        <th scope="col">{w.column('fullName')}</th>
                        <th scope="col">{w.column('rule')}</th>
                        <th scope="col" className="num">{w.column('amount')}</th>
                        <th scope="col">{w.column('reason')}</th>
                        <th scope="col">{w.column('reviewed')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.flags.slice(0, shown).map((f) => (
                        <tr key={`${f.transactionId}-${f.rule}`}>
                          <td>{instant(f.occurredAt, zone)}</td>
                          <td>
                            {f.fullName ?? '-'} <span className="mono muted">{f.customerNumber}</span>
                          </td>
                          <td>{w.anomaly(f.rule)}{f.kind === 'refund' ? ` (${t('reports.anomalies.refund')})` : ''}</td>
                          <td className="num">{rupiah(f.amount)}</td>
                          <td>{anomalyReason(f.rule, f.detail, w.locale)}</td>
                          <td>
                            {f.reviewed ? (
                              <span className="muted">{t('reports.anomalies.reviewedBy', { name: f.reviewed.by, time: instant(f.reviewed.at, zone) })}</span>
                            ) : (
                              <button type="button" className="button button--small no-print" onClick={() => void review(f.transactionId, f.rule)}>
                                {t('reports.anomalies.markReviewed')}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {data.flags.length > shown && (
                    <button type="button" className="button button--small no-print" onClick={() => setShown(shown + 50)}>
                      {t('reports.anomalies.more', { shown: count(shown), total: count(data.flags.length) })}
                    </button>
                  )}
                </div>
              )}
            </ReportCard>
          </>
        )}
      </ReportState>
    </>
  );
}
