import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../shared/domain/profile.js';
import { formatRupiah } from '../../shared/domain/money.js';
import { navigate } from '../app/router.js';
import { OrderStatusBadge, ShipmentStatusBadge } from './StatusBadge.js';

type OrderEntry = Extract<TimelineEntry, { kind: 'order' | 'shipment' }>;

/** An order or a shipment step on the Customer 360 timeline (C5): what staff read out on the phone. */
export function OrderEntryTitle({ entry: e }: { entry: OrderEntry }) {
  const { t } = useTranslation();
  if (e.kind === 'order')
    return (
      <>
        <OrderLink id={e.id}>{t('orders.timeline.order', { number: e.orderNumber })}</OrderLink> {formatRupiah(e.total)} · {t('timeline.items', { count: e.itemCount })}
        <OrderStatusBadge status={e.status} />
      </>
    );
  return (
    <>
      <OrderLink id={e.orderId}>{t('orders.timeline.shipment', { number: e.orderNumber })}</OrderLink>
      <ShipmentStatusBadge status={e.status} />
    </>
  );
}

export function OrderEntryDetail({ entry: e }: { entry: OrderEntry }) {
  const { t } = useTranslation();
  if (e.kind === 'order') return <p className="timeline-entry__detail muted">{e.staffName}</p>;
  const parts = [e.courier, e.trackingNumber ? `${t('shipments.trackingNumber')} ${e.trackingNumber}` : null].filter(Boolean).join(' · ');
  return (
    <p className="timeline-entry__detail">
      {parts}
      {e.note && <span className="timeline-entry__notes"> · {e.note}</span>}
      <span className="muted"> · {e.staffName}</span>
    </p>
  );
}

/** The entry's title opens the order (its lines and the whole shipment history). */
function OrderLink({ id, children }: { id: string; children: string }) {
  return (
    <a
      className="timeline-entry__link"
      href={`#/orders/${id}`}
      onClick={(event) => {
        event.preventDefault();
        navigate({ name: 'order', id });
      }}
    >
      <strong>{children}</strong>
    </a>
  );
}
