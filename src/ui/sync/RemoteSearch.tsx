import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { customersChanged } from '../customers/customerEvents.js';
import { ErrorBanner } from '../design/Banner.js';
import { useSync } from './syncStore.js';
import './syncPages.css';

/**
 * In the search's "no results" state of an enrolled branch: the customer may
 * belong to another branch (B5). Ask the head office by what was typed (phone
 * in any form, customer number, NIK) and open the customer it sends.
 */
export function RemoteSearch({ query }: { query: string }) {
  const { t } = useTranslation();
  const enrolled = useSync((s) => s.status?.enrolled === true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  // An answer belongs to the query it was asked for.
  useEffect(() => setError(null), [query]);

  if (!enrolled || query === '') return null;

  async function fetchRemote() {
    setBusy(true);
    setError(null);
    const result = await call('customers.fetchRemote', { key: query });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    customersChanged([result.value.id]);
    navigate({ name: 'customer', id: result.value.id });
  }

  return (
    <div className="remote-search" data-testid="remote-search">
      <p className="muted">{t('sync.remote.hint')}</p>
      <button type="button" className="button" disabled={busy} onClick={() => void fetchRemote()}>
        {busy ? t('sync.remote.searching') : t('sync.remote.search')}
      </button>
      {error &&
        (error.code === 'NOT_FOUND' ? (
          <p className="remote-search__none" role="status">{t('sync.remote.notFound', { query })}</p>
        ) : (
          <ErrorBanner error={error} />
        ))}
      {error?.code === 'UNAVAILABLE' && <p className="muted">{t('sync.remote.offline')}</p>}
    </div>
  );
}
