import { forwardRef, useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueItem } from '../../shared/domain/catalogue.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { call } from '../app/api.js';
import { ProductName } from '../design/ProductName.js';

/**
 * Find a catalogue item by name or code from the keyboard: type, move with
 * the arrow keys, Enter adds the highlighted item (an exact code comes
 * first). Only active items are offered: retired ones cannot go on a new
 * order.
 */
export const CatalogueSearch = forwardRef<HTMLInputElement, { onPick: (item: CatalogueItem) => void }>(function CatalogueSearch({ onPick }, ref) {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<CatalogueItem[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [empty, setEmpty] = useState<boolean | null>(null);
  // Which query the items answer: a clerk who types fast presses Enter before they arrive.
  const [answered, setAnswered] = useState<string | null>(null);
  const [missed, setMissed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const r = await call('catalogue.list', { query, status: 'active', limit: 8 });
      if (cancelled || !r.ok) return;
      setItems(r.value.items);
      setAnswered(query);
      setActive(0);
      if (query === '') setEmpty(r.value.total === 0);
    }, query === '' ? 0 : 80);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query]);

  /** Enter before the list caught up: look the typed text up now and add its best match, keeping what is typed next. */
  async function pickTyped(typed: string) {
    setQuery('');
    setOpen(false);
    const r = await call('catalogue.list', { query: typed, status: 'active', limit: 1 });
    if (r.ok && r.value.items[0]) onPick(r.value.items[0]);
    else setMissed(typed);
  }

  function pick(item: CatalogueItem | undefined) {
    if (!item) return;
    onPick(item);
    setQuery('');
    setOpen(false);
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, items.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (answered === query && (open || query !== '')) pick(items[active]);
      else if (query.trim() !== '') void pickTyped(query);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  }

  const showList = open && items.length > 0;
  return (
    <div className="catalogue-search">
      <label className="field__label" htmlFor={`${listId}-input`}>
        {t('orders.catalogueSearch')}
      </label>
      <input
        ref={ref}
        id={`${listId}-input`}
        className="input catalogue-search__input"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList ? `${listId}-${active}` : undefined}
        autoComplete="off"
        value={query}
        placeholder={t('orders.catalogueHint')}
        onChange={(e) => {
          setMissed(null);
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {empty && <p className="field__hint">{t('orders.catalogueEmpty')}</p>}
      {((open && query !== '' && answered === query && items.length === 0) || missed) && (
        <p className="field__hint" role="status">
          {t('orders.noMatch')}
          {missed && ` (${missed})`}
        </p>
      )}
      {showList && (
        <ul className="catalogue-search__list" id={listId} role="listbox" aria-label={t('orders.catalogueSearch')}>
          {items.map((item, i) => (
            <li
              key={item.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="catalogue-search__option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(item);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="mono catalogue-search__sku">{item.sku}</span>
              <ProductName name={item.name} lines={2} className="catalogue-search__name" />
              <span className="catalogue-search__price tabular">{formatRupiah(item.unitPrice)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
