import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { ErrorBanner } from '../design/Banner.js';
import { downloadExport } from './download.js';

type ExportInput = Omit<InputOf<'reports.export'>, 'format'>;

/** CSV, Excel and PDF of what is on screen, and the printable view. */
export function ExportButtons({ input, print = true }: { input: ExportInput; print?: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setBusy(format);
    setError(await downloadExport({ ...input, format }));
    setBusy(null);
  };
  return (
    <div className="export-buttons no-print">
      <span className="export-buttons__label">{t('reports.actions.export')}</span>
      {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
        <button key={f} type="button" className="button button--small" disabled={busy !== null} onClick={() => void run(f)}>
          {busy === f ? <span className="spinner" /> : null}
          {t(`reports.actions.${f}`)}
        </button>
      ))}
      {print && (
        <button type="button" className="button button--small" onClick={() => window.print()}>
          {t('reports.actions.print')}
        </button>
      )}
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
