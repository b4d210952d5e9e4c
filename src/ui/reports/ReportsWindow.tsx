import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../design/LanguageSwitch.js';
import { BrandMark } from '../session/BrandMark.js';
import { useSession } from '../session/sessionStore.js';
import { FilterBar } from './FilterBar.js';
import { DrillPanel } from './DrillPanel.js';
import { useReports, type ReportView } from './reportStore.js';
import { RfmPanel } from './panels/RfmPanel.js';
import { TopPanel } from './panels/TopPanel.js';
import { ProfitabilityPanel } from './panels/ProfitabilityPanel.js';
import { CoveragePanel } from './panels/CoveragePanel.js';
import { PatternsPanel } from './panels/PatternsPanel.js';
import { AnomaliesPanel } from './panels/AnomaliesPanel.js';
import { ServicePanel } from './panels/ServicePanel.js';
import { PredictionPanel } from './panels/PredictionPanel.js';
import { SegmentsPanel } from './panels/SegmentsPanel.js';
import { SettingsPanel } from './panels/SettingsPanel.js';
import './reports.css';
import './print.css';

const VIEWS: ReportView[] = ['rfm', 'top', 'profitability', 'coverage', 'patterns', 'anomalies', 'service', 'prediction', 'segments', 'settings'];
const WITH_PERIOD = new Set<ReportView>(['rfm', 'top', 'profitability', 'coverage', 'patterns', 'anomalies', 'service', 'prediction']);

/**
 * The back-office reporting window (#/reports, its own window): the
 * analytical CRM of REQUIREMENTS A1-A8, C6 and M1 over this branch's data,
 * offline. Reports run in the branch core, off this window's thread.
 */
export function ReportsWindow() {
  const { t } = useTranslation();
  const { branch, actor } = useSession();
  const { view, show } = useReports();
  useEffect(() => {
    document.title = `${t(`reports.nav.${view}`)} · ${t('reports.title')} · Simpul`;
  }, [t, view]);
  return (
    <div className="reports">
      <header className="reports__header">
        <BrandMark compact />
        <span className="reports__window-name">{t('reports.title')}</span>
        {branch?.branchName && <span className="reports__branch-name">{branch.branchName}</span>}
        <div className="shell__spacer" />
        {actor && (
          <span className="reports__user">
            {actor.displayName} · {t(`role.${actor.role}`)}
          </span>
        )}
        <LanguageSwitch />
      </header>
      <div className="reports__body">
        <nav className="reports__nav no-print" aria-label={t('reports.navLabel')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" className={`reports__nav-item ${view === v ? 'reports__nav-item--active' : ''}`} aria-current={view === v ? 'page' : undefined} onClick={() => show(v)}>
              {t(`reports.nav.${v}`)}
            </button>
          ))}
        </nav>
        <main className="reports__main" id="main">
          <div className="print-only print-title">
            {t('reports.title')} · {branch?.branchName} ({branch?.branchCode})
          </div>
          {WITH_PERIOD.has(view) && <FilterBar />}
          <View view={view} />
          <DrillPanel />
        </main>
      </div>
    </div>
  );
}

function View({ view }: { view: ReportView }) {
  switch (view) {
    case 'rfm':
      return <RfmPanel />;
    case 'top':
      return <TopPanel />;
    case 'profitability':
      return <ProfitabilityPanel />;
    case 'coverage':
      return <CoveragePanel />;
    case 'patterns':
      return <PatternsPanel />;
    case 'anomalies':
      return <AnomaliesPanel />;
    case 'service':
      return <ServicePanel />;
    case 'prediction':
      return <PredictionPanel />;
    case 'segments':
      return <SegmentsPanel />;
    case 'settings':
      return <SettingsPanel />;
  }
}
