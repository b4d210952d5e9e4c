import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { ORDER_STATUSES, type OrderStatus, type OrderSummary } from '../../shared/domain/order.js';
import type { ShipmentStatus } from '../../shared/domain/shipment.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { isPlainKey } from '../lib/keyboard.js';
import { useSession } from '../session/sessionStore.js';
import { OrderStatusBadge, ShipmentStatusBadge } from './StatusBadge.js';
import './orders.css';

const PAGE = 50;

/** The branch's orders (and those of customers it serves), newest first; search by number or customer name, filter by status. */
export function OrdersPage() {
  const { t } = useTranslation();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = `${t('orders.listTitle')} · Simpul`;
  }, [t]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      const r = await call('orders.list', { query, ...(status ? { status } : {}), limit: PAGE });
      if (cancelled) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setOrders(r.value.orders);
      setTotal(r.value.total);
    }, query ? 120 : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [query, status]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'f')) {
        event.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function more() {
    const r = await call('orders.list', { query, ...(status ? { status } : {}), limit: PAGE, offset: orders?.length ?? 0 });
    if (r.ok) setOrders([...(orders ?? []), ...r.value.orders]);
  }

  return (
    <div className="page">
      <header className="page__header">
        <h1>{t('orders.listTitle')}</h1>
      </header>
      <div className="orders-toolbar">
        <input
          ref={search}
          className="input orders-toolbar__search"
          type="search"
          aria-label={t('orders.searchList')}
          placeholder={t('orders.searchList')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select className="select" aria-label={t('orders.allStatuses')} value={status} onChange={(e) => setStatus(e.target.value as OrderStatus | '')}>
          <option value="">{t('orders.allStatuses')}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`orders.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorBanner error={error} />}
      {orders && orders.length === 0 && <p className="muted" data-testid="orders-empty">{t(query.trim() || status ? 'orders.listNoMatch' : 'orders.empty')}</p>}
      {orders && orders.length > 0 && <OrderTable orders={orders} zone={zone} showCustomer />}
      {orders && orders.length > 0 && (
        <p className="muted orders-count">
          {t('orders.shown', { shown: orders.length, total })}{' '}
          {orders.length < total && (
            <button type="button" className="button button--small" onClick={() => void more()}>
              {t('orders.loadMore')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}

/** Orders as rows; Enter or a click opens one. */
export function OrderTable({ orders, zone, showCustomer }: { orders: OrderSummary[]; zone: 'WIB' | 'WITA' | 'WIT'; showCustomer?: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <table className="data-table orders-table">
      <thead>
        <tr>
          <th>{t('orders.number')}</th>
          <th>{t('orders.date')}</th>
          {showCustomer && <th>{t('orders.customer')}</th>}
          <th>{t('orders.statusLabel')}</th>
          <th className="order-lines__num">{t('orders.items')}</th>
          <th className="order-lines__num">{t('orders.totals.total')}</th>
          <th>{t('shipments.title')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((o) => (
          <tr key={o.id}>
            <td>
              <a className="mono" href={`#/orders/${o.id}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'order', id: o.id }); }}>
                {o.orderNumber}
              </a>
            </td>
            <td className="nowrap">{formatInstant(o.createdAt, zone, locale)}</td>
            {showCustomer && <td>{o.customerName}</td>}
            <td>
              <OrderStatusBadge status={o.status} />
            </td>
            <td className="order-lines__num tabular">{o.itemCount}</td>
            <td className="order-lines__num tabular">{formatRupiah(o.total)}</td>
            <td>{o.shipmentStatus ? <ShipmentStatusBadge status={o.shipmentStatus as ShipmentStatus} /> : <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
