import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../shared/api/contract.js';
import type { ReportName } from '../../shared/reports/names.js';
import { useSession } from '../session/sessionStore.js';
import { ExportButtons } from './ExportButtons.js';
import { instant } from './format.js';
import { useWords } from './labels.js';
import { useReports } from './reportStore.js';

/** Title, "as of" line and the export buttons of a report. */
export function PanelHeader({ report, meta, extra }: { report: ReportName; meta?: { asOf: string; ms: number } | null; extra?: Partial<InputOf<'reports.export'>> }) {
  const { t } = useTranslation();
  const w = useWords();
  const period = useReports((s) => s.period);
  const zone = useSession((s) => s.branch?.timeZone ?? 'WIB');
  return (
    <div className="panel-header">
      <div>
        <h1>{w.title(report)}</h1>
        {meta && (
          <p className="muted panel-header__meta" data-testid="report-meta">
            {t('reports.common.asOf', { time: instant(meta.asOf, zone) })} · {t('reports.common.computedIn', { ms: Math.round(meta.ms) })}
          </p>
        )}
      </div>
      <ExportButtons input={{ report, period, ...extra }} />
    </div>
  );
}
