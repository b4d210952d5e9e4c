import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { formatInstant } from '../../shared/domain/dates.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { ORDER_TRANSITIONS, type Order, type OrderStatus } from '../../shared/domain/order.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { Banner, ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { customersChanged } from '../customers/customerEvents.js';
import { useSession } from '../session/sessionStore.js';
import { isPlainKey } from '../lib/keyboard.js';
import { OrderErrorBanner } from './OrderErrorBanner.js';
import { OrderTotalsTable } from './OrderTotalsTable.js';
import { ShipmentPanel } from './ShipmentPanel.js';
import { OrderStatusBadge } from './StatusBadge.js';
import { issueAt } from './orderForm.js';
import './orders.css';
import { ProductName } from '../design/ProductName.js';

const STEP_ACTION: Partial<Record<OrderStatus, string>> = { confirmed: 'confirm', paid: 'pay', completed: 'complete' };
const TRAIL = ['createdAt', 'confirmedAt', 'paidAt', 'completedAt', 'cancelledAt'] as const;

/** One order: lines, totals, the next steps its status allows, and its shipment. */
export function OrderPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zone = useSession((s) => s.branch?.timeZone) ?? 'WIB';
  const [order, setOrder] = useState<Order | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const orderRef = useRef<Order | null>(null);
  orderRef.current = order;

  const load = useCallback(async () => {
    const r = await call('orders.get', { id });
    if (r.ok) setOrder(r.value);
    else setLoadError(r.error);
  }, [id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (order) document.title = `${order.orderNumber} · Simpul`;
  }, [order]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 5000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isPlainKey(event, 'e') && orderRef.current?.editable && orderRef.current.status === 'draft') {
        event.preventDefault();
        navigate({ name: 'orderEdit', id: orderRef.current.id });
      } else if (event.key === 'Escape' && !event.defaultPrevented && !(event.target instanceof HTMLInputElement) && !(event.target instanceof HTMLTextAreaElement) && !(event.target instanceof HTMLSelectElement)) {
        navigate({ name: 'orders' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function move(status: OrderStatus) {
    if (!order) return;
    setBusy(true);
    const r = await call('orders.setStatus', { id: order.id, status, ...(status === 'cancelled' ? { reason } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setOrder(r.value);
    setCancelling(false);
    setReason('');
    setNotice(t(`orders.done.${status}`));
    // A completed order is a purchase: the profile's totals and timeline change.
    customersChanged([r.value.customerId]);
  }

  if (!order) return <div className="page">{loadError ? <ErrorBanner error={loadError} /> : <p className="muted">{t('common.loading')}</p>}</div>;

  const steps = order.editable ? ORDER_TRANSITIONS[order.status].filter((s) => s !== 'cancelled') : [];
  const canCancel = order.editable && ORDER_TRANSITIONS[order.status].includes('cancelled');
  return (
    <div className="page order-page">
      <header className="page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={() => navigate({ name: 'orders' })}>
            ← {t('orders.back')}
          </button>
          <div className="order-page__title">
            <h1>
              {t('orders.one')} <span className="mono">{order.orderNumber}</span>
            </h1>
            <OrderStatusBadge status={order.status} />
          </div>
          <p className="muted">
            {t('orders.customer')}:{' '}
            <a href={`#/customers/${order.customerId}`} onClick={(e) => { e.preventDefault(); navigate({ name: 'customer', id: order.customerId }); }}>
              {order.customerName ?? order.customerId}
            </a>{' '}
            · {t('orders.staff')} {order.staffName}
          </p>
        </div>
        <div className="page__actions">
          {order.editable && order.status === 'draft' && (
            <button type="button" className="button" onClick={() => navigate({ name: 'orderEdit', id: order.id })}>
              {t('orders.action.edit')} <kbd>E</kbd>
            </button>
          )}
          {steps.map((s, i) => (
            <button key={s} type="button" className={`button ${i === steps.length - 1 || s === 'completed' ? 'button--primary' : ''}`} disabled={busy} onClick={() => void move(s)}>
              {t(`orders.action.${STEP_ACTION[s]}`)}
            </button>
          ))}
          {canCancel && !cancelling && (
            <button type="button" className="button button--danger" disabled={busy} onClick={() => setCancelling(true)}>
              {t('orders.action.cancel')}
            </button>
          )}
        </div>
      </header>

      {!order.editable && <Banner tone="info" title={t('orders.otherBranch')} />}
      {notice && <Banner tone="success" title={notice} />}
      {error && <OrderErrorBanner error={error} shown={(p) => p === 'reason'} />}
      {cancelling && (
        <form className="card order-card order-cancel" onSubmit={(e) => { e.preventDefault(); void move('cancelled'); }}>
          <label className="field">
            <span className="field__label">{t('orders.cancelReason')}</span>
            <input className="input" autoFocus value={reason} aria-invalid={Boolean(issueAt(error, ['reason'], locale))} onChange={(e) => setReason(e.target.value)} />
            {issueAt(error, ['reason'], locale) && <span className="field__error" role="alert">{issueAt(error, ['reason'], locale)}</span>}
          </label>
          <div className="order-cancel__actions">
            <button type="button" className="button" onClick={() => { setCancelling(false); setError(null); }}>
              {t('orders.keep')}
            </button>
            <button type="submit" className="button button--danger" disabled={busy}>
              {t('orders.cancelConfirm')}
            </button>
          </div>
        </form>
      )}
      {order.cancelReason && <Banner tone="warning" title={`${t('orders.cancelReason')}: ${order.cancelReason}`} />}

      <div className="order-page__grid">
        <section className="card order-card">
          <table className="data-table order-lines" aria-label={t('orders.items')}>
            <thead>
              <tr>
                <th>{t('orders.line.item')}</th>
                <th className="order-lines__num">{t('orders.line.quantity')}</th>
                <th className="order-lines__num">{t('orders.line.unitPrice')}</th>
                <th className="order-lines__num">{t('orders.line.discount')}</th>
                <th className="order-lines__num">{t('orders.line.total')}</th>
              </tr>
            </thead>
            <tbody>
              {order.lines.map((l) => (
                <tr key={l.id}>
                  <td>
                    <div className="order-lines__name"><ProductName name={l.name} lines={3} /></div>
                    <div className="muted mono order-lines__sku">{l.sku}</div>
                  </td>
                  <td className="order-lines__num tabular">{l.quantity}</td>
                  <td className="order-lines__num tabular">
                    {formatRupiah(l.unitPrice)}
                    {l.unitPrice !== l.listPrice && <div className="muted order-lines__list-price">{t('orders.line.listPrice', { price: formatRupiah(l.listPrice) })}</div>}
                  </td>
                  <td className="order-lines__num tabular">
                    {l.discount ? `−${formatRupiah(l.discount)}` : ''}
                    {l.discountGiven?.kind === 'percent' && <div className="muted">{l.discountGiven.value.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB')}%</div>}
                  </td>
                  <td className="order-lines__num tabular">{formatRupiah(l.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="order-editor__foot">
            <div>
              {order.notes && (
                <p>
                  <span className="muted">{t('orders.notes')}:</span> {order.notes}
                </p>
              )}
              <h3 className="shipment__history-title">{t('orders.history')}</h3>
              <dl className="order-trail">
                {TRAIL.filter((k) => order[k]).map((k) => (
                  <div key={k} className="order-trail__row">
                    <dt>{t(`orders.at.${k}`)}</dt>
                    <dd className="tabular">{formatInstant(order[k]!, zone, locale)}</dd>
                  </div>
                ))}
              </dl>
            </div>
            <OrderTotalsTable totals={order} />
          </div>
        </section>
        <ShipmentPanel
          order={order}
          zone={zone}
          onChanged={(message) => {
            setNotice(message);
            void load();
            customersChanged([order.customerId]);
          }}
        />
      </div>
    </div>
  );
}
