import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useCustomerSearch, SEARCH_LIMIT } from './customerSearch.js';
import { gridTemplate, useCustomerColumns, type CustomerLine } from './customerColumns.js';
import { ErrorBanner } from '../design/Banner.js';
import { formatCount } from '../lib/numbers.js';
import { RemoteSearch } from '../sync/RemoteSearch.js';

/** Search results replace the list while a query is typed. */
export function SearchResults({ onOpen, onRegister }: { onOpen(customerId: string): void; onRegister(query: string, asPhone: boolean): void }) {
  const { t } = useTranslation();
  const { rows, highlighted, matchedAs, answeredQuery, query, loading, error } = useCustomerSearch();
  const setHighlighted = useCustomerSearch((s) => s.setHighlighted);
  const columns = useCustomerColumns();
  const lines = useMemo<CustomerLine[]>(() => rows.map((customer, index) => ({ index, customer })), [rows]);
  const table = useReactTable({ data: lines, columns, getCoreRowModel: getCoreRowModel(), getRowId: (line) => line.customer?.id ?? String(line.index) });

  useEffect(() => {
    document.getElementById(`search-result-${highlighted}`)?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  const template = gridTemplate(columns);
  const waitingFirstAnswer = answeredQuery === '' && loading;
  const typed = query.trim();

  return (
    <section className="results" aria-live="polite">
      <div className="results__summary">
        {error && answeredQuery !== typed ? null : waitingFirstAnswer ? (
          <span className="muted">{t('search.searching')}</span>
        ) : (
          <span>
            <strong>{rows.length >= SEARCH_LIMIT ? t('search.countMany', { count: SEARCH_LIMIT }) : t('search.count', { count: rows.length, formatted: formatCount(rows.length) })}</strong>{' '}
            <span className="muted">{t('search.forQuery', { query: answeredQuery })}</span>
          </span>
        )}
        {matchedAs === 'phone' && !waitingFirstAnswer && <span className="results__hint">{t('search.matchedAsPhone')}</span>}
        <span className="results__keys muted" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> {t('search.keysMove')} · <kbd>Enter</kbd> {t('search.keysOpen')} · <kbd>Esc</kbd> {t('search.keysClear')}
        </span>
      </div>
      {error && <ErrorBanner error={error} />}
      {!(error && rows.length === 0) && (
      <div className="grid grid--results" role="grid" aria-readonly="true" aria-label={t('search.resultsLabel')}>
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} role="row" className="grid-header" style={{ gridTemplateColumns: template }}>
            {group.headers.map((header) => (
              <div key={header.id} role="columnheader" className="grid-header__cell">
                {flexRender(header.column.columnDef.header, header.getContext())}
              </div>
            ))}
          </div>
        ))}
        <div className="grid-body grid-body--static" role="rowgroup" id="search-results">
          {table.getRowModel().rows.map((row) => {
            const { index, customer } = row.original;
            return (
              <div
                key={row.id}
                id={`search-result-${index}`}
                role="row"
                aria-selected={index === highlighted}
                className={`grid-row grid-row--static ${index % 2 ? 'grid-row--odd' : ''} ${index === highlighted ? 'grid-row--active' : ''}`}
                style={{ gridTemplateColumns: template }}
                onMouseMove={() => index !== highlighted && setHighlighted(index)}
                onClick={() => customer && onOpen(customer.id)}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="gridcell" className="grid-cell">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
          {!waitingFirstAnswer && rows.length === 0 && !error && (
            <div className="results__empty">
              <p>{t('search.none', { query: answeredQuery || typed })}</p>
              <button type="button" className="button button--primary" onClick={() => onRegister(typed, matchedAs === 'phone')}>
                {t('search.registerNew')}
              </button>
              <RemoteSearch query={typed} />
            </div>
          )}
        </div>
      </div>
      )}
    </section>
  );
}
