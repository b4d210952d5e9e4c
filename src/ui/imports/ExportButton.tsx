import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { EXPORT_LISTS } from '../../shared/api/procedures/imports.js';
import { call } from '../app/api.js';
import { ErrorBanner } from '../design/Banner.js';
import { canCall } from '../lib/access.js';
import { downloadExport } from '../lib/download.js';
import { useSession } from '../session/sessionStore.js';

/**
 * Export a list to CSV or Excel (C8). Offered only to roles the contract
 * allows; every export is written to the audit log by the core. Sensitive
 * data (customers list) is left out unless ticked, and then only for
 * customers who consented.
 */
export function ExportButton({ list, batchId, includeArchived }: { list: (typeof EXPORT_LISTS)[number]; batchId?: string; includeArchived?: boolean }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.actor?.role);
  const [open, setOpen] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!canCall('exports.create', role)) return null;

  async function run(format: 'csv' | 'xlsx') {
    setBusy(true);
    setError(null);
    setDone(null);
    const made = await call('exports.create', { list, format, includeArchived: Boolean(includeArchived), includeSensitive: sensitive, ...(batchId ? { batchId } : {}) });
    const failed = made.ok ? await downloadExport(made.value.exportId, made.value.fileName) : made.error;
    setBusy(false);
    if (failed) return setError(failed);
    setDone(t('exports.done', { count: made.ok ? made.value.rows : 0, file: made.ok ? made.value.fileName : '' }));
    setOpen(false);
  }

  return (
    <div className="export">
      <button type="button" className="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={busy}>
        {busy ? t('exports.busy') : t(list === 'importIssues' ? 'exports.report' : 'exports.button')}
      </button>
      {open && (
        <div className="export__menu card" role="group" aria-label={t('exports.button')}>
          <button type="button" className="button button--small" onClick={() => void run('csv')}>CSV</button>
          <button type="button" className="button button--small" onClick={() => void run('xlsx')}>Excel (.xlsx)</button>
          {list === 'customers' && canCall('sensitive.get', role) && (
            <label className="checkbox export__sensitive">
              <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} />
              {t('exports.sensitive')}
            </label>
          )}
          <p className="muted export__note">{t('exports.audited')}</p>
        </div>
      )}
      {done && <span className="muted export__done" role="status">{done}</span>}
      {error && <ErrorBanner error={error} />}
    </div>
  );
}
