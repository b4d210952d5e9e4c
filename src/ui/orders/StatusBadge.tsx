import { useTranslation } from 'react-i18next';
import type { OrderStatus } from '../../shared/domain/order.js';
import type { ShipmentStatus } from '../../shared/domain/shipment.js';
import './orders.css';

/** An order's status as a coloured word: the same on the list, the order and the timeline. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill order-status--${status}`}>{t(`orders.status.${status}`)}</span>;
}

export function ShipmentStatusBadge({ status }: { status: ShipmentStatus }) {
  const { t } = useTranslation();
  return <span className={`status-pill shipment-status--${status}`}>{t(`shipments.status.${status}`)}</span>;
}
