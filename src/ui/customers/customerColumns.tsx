import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import type { CustomerRow, CustomerSort } from '../../shared/domain/customer.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';
import { StageBadge } from '../design/StageBadge.js';
import { currentLocale } from '../i18n/index.js';

/** One line of the grid: the customer, or null while its page is loading. */
export interface CustomerLine {
  index: number;
  customer: CustomerRow | null;
}

declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    /** Server-side sort key when the column can be sorted. */
    sortKey?: CustomerSort;
    /** CSS grid track for the column. */
    width: string;
  }
}

const column = createColumnHelper<CustomerLine>();

/** The columns of the customer list and of search results (one definition for both). */
export function useCustomerColumns(): ColumnDef<CustomerLine, any>[] {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const locale = currentLocale();
    return [
      column.accessor((line) => line.customer?.customerNumber ?? '', {
        id: 'customerNumber',
        header: t('customer.customerNumber'),
        meta: { sortKey: 'customerNumber', width: '150px' },
        cell: (info) => <span className="mono">{info.getValue()}</span>,
      }),
      column.accessor((line) => line.customer?.fullName ?? '', {
        id: 'fullName',
        header: t('customer.fullName'),
        meta: { sortKey: 'name', width: 'minmax(170px, 1.6fr)' },
        cell: (info) => (
          <span className="cell-name" title={info.getValue()}>
            {info.getValue()}
            {info.row.original.customer?.archived && <span className="badge badge--archived">{t('customer.archived')}</span>}
          </span>
        ),
      }),
      column.accessor((line) => line.customer?.primaryPhone ?? null, {
        id: 'phone',
        header: t('customer.phone'),
        meta: { width: '164px' },
        cell: (info) => {
          const phone = info.getValue();
          return phone ? <span className="tabular">{formatPhone(phone)}</span> : <Empty />;
        },
      }),
      column.accessor((line) => line.customer?.primaryEmail ?? null, {
        id: 'email',
        header: t('customer.email'),
        meta: { width: 'minmax(150px, 1.5fr)' },
        cell: (info) => <Text value={info.getValue()} />,
      }),
      column.accessor((line) => line.customer?.city ?? null, {
        id: 'city',
        header: t('customer.city'),
        meta: { sortKey: 'city', width: 'minmax(100px, 1fr)' },
        cell: (info) => <Text value={info.getValue()} />,
      }),
      column.accessor((line) => line.customer?.birthDate ?? null, {
        id: 'birthDate',
        header: t('customer.birthDate'),
        meta: { width: '124px' },
        cell: (info) => {
          const date = info.getValue();
          return date ? <span className="tabular">{formatCalendarDate(date, locale)}</span> : <Empty />;
        },
      }),
      column.accessor((line) => line.customer?.lifecycleStage ?? null, {
        id: 'lifecycleStage',
        header: t('customer.lifecycleStage'),
        meta: { width: '120px' },
        cell: (info) => {
          const stage = info.getValue();
          return stage ? <StageBadge stage={stage} /> : null;
        },
      }),
    ];
    // i18n.language: headers and date formats follow the language switch
  }, [t, i18n.language]);
}

/** Text that may be cut off with an ellipsis; the whole text is in the tooltip. */
function Text({ value }: { value: string | null }) {
  return value ? <span title={value}>{value}</span> : <Empty />;
}

function Empty() {
  return <span className="cell-empty">–</span>;
}

export function gridTemplate(columns: ColumnDef<CustomerLine, any>[]): string {
  return columns.map((c) => c.meta?.width ?? '1fr').join(' ');
}
