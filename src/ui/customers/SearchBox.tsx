import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch } from './customerSearch.js';

/**
 * The search box at the top of the customer screen. Keyboard: "/" or Ctrl+K
 * focuses it (handled by the shell), ArrowDown/ArrowUp move through results,
 * Enter opens the highlighted customer, Escape clears.
 */
export function SearchBox({ onOpen }: { onOpen(customerId: string): void }) {
  const { t } = useTranslation();
  const { query, rows, highlighted, loading, focusRequest, answeredQuery } = useCustomerSearch();
  const { setQuery, move, clear } = useCustomerSearch.getState();
  const inputRef = useRef<HTMLInputElement>(null);
  // Enter pressed before the answer to the query on screen came: open its first row when it comes (a fast typist's Enter is not lost).
  const enterFor = useRef<string | null>(null);
  useEffect(() => {
    if (enterFor.current !== null && enterFor.current !== query.trim()) enterFor.current = null; // typed on: that Enter was for another query
    if (enterFor.current === null || enterFor.current !== answeredQuery || answeredQuery !== query.trim()) return;
    enterFor.current = null;
    const customer = rows[highlighted];
    if (customer) onOpen(customer.id);
  }, [answeredQuery, rows, highlighted, query, onOpen]);

  // Focus for each request once: also one made just before the list was shown, never an old one.
  useEffect(() => {
    if (!useCustomerSearch.getState().takeFocusRequest()) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === '/' && query === '') {
      // The shortcut key itself never starts a search.
    } else if (event.key === 'ArrowDown') move(1);
    else if (event.key === 'ArrowUp') move(-1);
    else if (event.key === 'Enter') {
      // Only open what answers the query on screen, never a row from an older query.
      const customer = answeredQuery === query.trim() ? rows[highlighted] : undefined;
      if (customer) onOpen(customer.id);
      else if (answeredQuery !== query.trim() && query.trim() !== '') enterFor.current = query.trim();
    } else if (event.key === 'Escape') {
      if (query === '') inputRef.current?.blur();
      clear();
    } else return;
    event.preventDefault();
  }

  const active = query.trim() !== '';
  return (
    <div className="search" role="search">
      <label className="visually-hidden" htmlFor="customer-search">
        {t('search.label')}
      </label>
      <svg className="search__icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        ref={inputRef}
        id="customer-search"
        className="search__input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
        aria-controls="search-results"
        aria-activedescendant={active && rows.length > 0 ? `search-result-${highlighted}` : undefined}
      />
      {loading && <span className="spinner search__spinner" aria-label={t('search.searching')} />}
      {active ? (
        <button type="button" className="search__clear" onClick={() => clear()} aria-label={t('search.clear')}>
          <kbd>Esc</kbd>
        </button>
      ) : (
        <span className="search__shortcut" aria-hidden="true">
          <kbd>/</kbd>
        </span>
      )}
    </div>
  );
}
