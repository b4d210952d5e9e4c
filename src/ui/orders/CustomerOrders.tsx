import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '../../shared/domain/order.js';
import type { BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { OrderTable } from './OrdersPage.js';
import './orders.css';

/** The customer's orders on the Customer 360 overview, with "new order" (P). */
export function CustomerOrders({ customerId, zone, readOnly, version }: { customerId: string; zone: BranchTimeZone; readOnly: boolean; version: number }) {
  const { t } = useTranslation();
  const [orders, setOrders] = useState<OrderSummary[] | null>(null);
  useEffect(() => {
    void call('orders.list', { customerId, limit: 10 }).then((r) => r.ok && setOrders(r.value.orders));
  }, [customerId, version]);
  return (
    <section className="card profile-card customer-orders" aria-labelledby="customer-orders-title">
      <div className="card-title-row">
        <h2 className="form-card__title" id="customer-orders-title">
          {t('orders.title')}
        </h2>
        {!readOnly && (
          <button type="button" className="button button--small" onClick={() => navigate({ name: 'orderNew', customerId })}>
            {t('orders.new')} <kbd>P</kbd>
          </button>
        )}
      </div>
      {orders && orders.length === 0 && <p className="muted">{t('orders.noneForCustomer')}</p>}
      {orders && orders.length > 0 && <OrderTable orders={orders} zone={zone} />}
    </section>
  );
}
