import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { flexRender, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useCustomerPages, rowAt } from './customerPages.js';
import { gridTemplate, useCustomerColumns, type CustomerLine } from './customerColumns.js';
import { useListWindow } from './useListWindow.js';
import { ErrorBanner } from '../design/Banner.js';

const ROW_HEIGHT = 36;

/**
 * The whole customer list in one scrolling grid: TanStack Table for columns
 * and sorting (done by the server), useListWindow for the rows on screen,
 * customerPages for the data. Rows whose page is still loading are drawn as
 * placeholders of the same height, so the scrollbar never jumps.
 */
export function CustomerGrid({ onOpen }: { onOpen(customerId: string): void }) {
  const { t } = useTranslation();
  const { total, pages, sort, direction, error, scrollTop, activeIndex } = useCustomerPages();
  const { want, setSort, setScrollTop, setActiveIndex, retry } = useCustomerPages.getState();
  const count = total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const columns = useCustomerColumns();
  const list = useListWindow({ count, rowHeight: ROW_HEIGHT, scrollRef, initialOffset: scrollTop });

  // A new order starts at the top.
  const sortKey = `${sort}:${direction}`;
  const shownSortRef = useRef(sortKey);
  const scrollToIndexRef = useRef(list.scrollToIndex);
  scrollToIndexRef.current = list.scrollToIndex;
  useEffect(() => {
    if (shownSortRef.current === sortKey) return;
    shownSortRef.current = sortKey;
    scrollToIndexRef.current(0);
  }, [sortKey]);

  useEffect(() => {
    want(list.firstIndex, Math.max(list.firstIndex, list.lastIndex));
  }, [want, list.firstIndex, list.lastIndex, sortKey]);

  // Remember where the clerk was when they open a customer and come back.
  const offsetRef = useRef(list.scrollOffset);
  offsetRef.current = list.scrollOffset;
  useEffect(() => () => setScrollTop(offsetRef.current()), [setScrollTop]);

  const lines = useMemo<CustomerLine[]>(() => {
    const result: CustomerLine[] = [];
    for (let index = list.firstIndex; index <= list.lastIndex; index += 1) {
      result.push({ index, customer: rowAt(pages, index) });
    }
    return result;
  }, [pages, list.firstIndex, list.lastIndex]);

  const sortedColumn = columns.find((c) => c.meta?.sortKey === sort)?.id;
  const sorting: SortingState = sortedColumn ? [{ id: sortedColumn, desc: direction === 'desc' }] : [];
  const table = useReactTable({
    data: lines,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (line) => String(line.index),
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const column = columns.find((c) => c.id === next[0]?.id);
      if (column?.meta?.sortKey) setSort(column.meta.sortKey, next[0].desc ? 'desc' : 'asc');
    },
  });

  function moveTo(index: number) {
    const clamped = Math.max(0, Math.min(count - 1, index));
    setActiveIndex(clamped);
    list.scrollToIndex(clamped);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return; // keys on the sort buttons are theirs
    const page = Math.max(1, Math.floor(list.viewportHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) moveTo(activeIndex + moves[event.key]);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(count - 1);
    else if (event.key === 'Enter') {
      const customer = rowAt(pages, activeIndex);
      if (customer) onOpen(customer.id);
    } else return;
    event.preventDefault();
  }

  const template = gridTemplate(columns);
  const rows = table.getRowModel().rows;
  const renderedRows = rows.map((row) => {
    const { index, customer } = row.original;
    return (
      <div
        key={index}
        id={`customer-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={index === activeIndex}
        aria-busy={customer ? undefined : true}
        className={`grid-row ${index % 2 ? 'grid-row--odd' : ''} ${index === activeIndex ? 'grid-row--active' : ''} ${customer ? '' : 'grid-row--loading'}`}
        style={{ gridTemplateColumns: template, transform: `translateY(${list.rowTop(index)}px)` }}
        onClick={() => {
          setActiveIndex(index);
          if (customer) onOpen(customer.id);
        }}
      >
        {row.getVisibleCells().map((cell) => (
          <div key={cell.id} role="gridcell" className="grid-cell">
            {customer ? flexRender(cell.column.columnDef.cell, cell.getContext()) : <span className="placeholder-bar" />}
          </div>
        ))}
      </div>
    );
  });

  return (
    <>
    {error && <ErrorBanner error={error} action={<button className="button button--small" onClick={retry}>{t('common.retry')}</button>} />}
    <div
      className="grid grid--focusable"
      role="grid"
      aria-label={t('customers.listLabel')}
      aria-rowcount={count + 1}
      aria-readonly="true"
      tabIndex={0}
      aria-activedescendant={count > 0 ? `customer-row-${activeIndex}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="customer-grid"
    >
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} role="row" aria-rowindex={1} className="grid-header" style={{ gridTemplateColumns: template }}>
          {group.headers.map((header) => {
            const sortable = Boolean(header.column.columnDef.meta?.sortKey);
            const state = header.column.getIsSorted();
            return (
              <div
                key={header.id}
                role="columnheader"
                className="grid-header__cell"
                aria-sort={state === 'asc' ? 'ascending' : state === 'desc' ? 'descending' : undefined}
              >
                {sortable ? (
                  <button type="button" className="grid-sort" onClick={header.column.getToggleSortingHandler()} title={t('customers.sortBy', { column: String(header.column.columnDef.header) })}>
                    {flexRender(header.column.columnDef.header, header.getContext())}
                    <span className={`grid-sort__arrow ${state ? 'grid-sort__arrow--on' : ''}`} aria-hidden="true">
                      {state === 'desc' ? '↓' : '↑'}
                    </span>
                  </button>
                ) : (
                  flexRender(header.column.columnDef.header, header.getContext())
                )}
              </div>
            );
          })}
        </div>
      ))}
      <div ref={scrollRef} className="grid-body" role="rowgroup" data-testid="customer-grid-body">
        <div className="grid-spacer" style={{ height: list.totalHeight }}>
          {list.scaled ? (
            <div className="grid-layer" style={{ height: list.viewportHeight }}>
              {renderedRows}
            </div>
          ) : (
            renderedRows
          )}
        </div>
        {total === 0 && <p className="grid-empty">{t('customers.empty')}</p>}
      </div>
    </div>
    </>
  );
}
