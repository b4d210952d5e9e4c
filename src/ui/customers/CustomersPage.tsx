import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_SORTS, type CustomerSort } from '../../shared/domain/customer.js';
import { navigate } from '../app/router.js';
import { isPlainKey } from '../lib/keyboard.js';
import { formatCount } from '../lib/numbers.js';
import { CustomerGrid } from './CustomerGrid.js';
import { useCustomerPages } from './customerPages.js';
import { isSearchActive, useCustomerSearch } from './customerSearch.js';
import { SearchBox } from './SearchBox.js';
import { SearchResults } from './SearchResults.js';
import { ExportButton } from '../imports/ExportButton.js';
import './customers.css';

/** Customer list and instant search: where the front office starts every contact. */
export function CustomersPage() {
  const { t } = useTranslation();
  const searching = useCustomerSearch((s) => isSearchActive(s.query));
  const { total, sort, direction, setSort } = useCustomerPages();

  useEffect(() => {
    document.title = `${t('nav.customers')} · Simpul`;
  }, [t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'n')) {
        event.preventDefault();
        navigate({ name: 'customerNew' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const open = (id: string) => navigate({ name: 'customer', id });
  const register = (query: string, asPhone: boolean) => {
    const key = asPhone ? 'phone' : /@/.test(query) ? 'email' : /^\d{16}$/.test(query) ? 'nik' : 'name';
    window.location.hash = `#/customers/new?${new URLSearchParams({ [key]: query }).toString()}`;
  };

  return (
    <div className="customers-page">
      <div className="page-toolbar">
        <SearchBox onOpen={open} />
        <button type="button" className="button button--primary" onClick={() => navigate({ name: 'customerNew' })}>
          {t('customers.new')} <kbd>N</kbd>
        </button>
      </div>
      {searching ? (
        <SearchResults onOpen={open} onRegister={register} />
      ) : (
        <>
          <div className="list-bar">
            <h1 className="list-bar__title">
              {t('nav.customers')}
              <span className="list-bar__count" data-testid="customer-total">
                {total === null ? '…' : t('customers.total', { count: total, formatted: formatCount(total) })}
              </span>
            </h1>
            <label className="list-bar__sort">
              <span>{t('customers.sortLabel')}</span>
              <select
                className="select"
                value={`${sort}:${direction}`}
                onChange={(e) => {
                  const [nextSort, nextDirection] = e.target.value.split(':') as [CustomerSort, 'asc' | 'desc'];
                  setSort(nextSort, nextDirection);
                }}
              >
                {CUSTOMER_SORTS.flatMap((key) =>
                  (['asc', 'desc'] as const).map((dir) => (
                    <option key={`${key}:${dir}`} value={`${key}:${dir}`}>
                      {t(`sort.${key}.${dir}`)}
                    </option>
                  )),
                )}
              </select>
            </label>
            <ExportButton list="customers" />
          </div>
          <CustomerGrid onOpen={open} />
        </>
      )}
    </div>
  );
}
