import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { Order } from '../../shared/domain/order.js';
import { SHIPMENT_TRANSITIONS, shipmentOpen, type Shipment, type ShipmentStatus } from '../../shared/domain/shipment.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { call } from '../app/api.js';
import { Field } from '../design/Field.js';
import { currentLocale } from '../i18n/index.js';
import { OrderErrorBanner } from './OrderErrorBanner.js';
import { ShipmentStatusBadge } from './StatusBadge.js';
import { issueAt } from './orderForm.js';

/**
 * The order's shipment (S3): start one for a confirmed order, move its
 * status with a note, and read its history out to the customer who asks
 * where the order is (newest first, in the branch's time zone).
 */
export function ShipmentPanel({ order, zone, onChanged }: { order: Order; zone: BranchTimeZone; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const latest = order.shipments[0];
  const shippable = order.editable && ['confirmed', 'paid', 'completed'].includes(order.status) && (!latest || !shipmentOpen(latest.status));
  return (
    <section className="card order-card" aria-labelledby="shipment-title">
      <h2 className="form-card__title" id="shipment-title">
        {t('shipments.title')}
      </h2>
      {order.shipments.length === 0 && !shippable && <p className="muted">{t('shipments.none')}</p>}
      {order.shipments.map((s, i) => (
        <ShipmentView key={s.id} shipment={s} zone={zone} editable={order.editable && i === 0} onChanged={onChanged} />
      ))}
      {shippable && <StartShipment orderId={order.id} onChanged={onChanged} />}
    </section>
  );
}

function ShipmentView({ shipment: s, zone, editable, onChanged }: { shipment: Shipment; zone: BranchTimeZone; editable: boolean; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const latest = s.history[0];
  const sentence = [
    t('shipments.sayLead', { number: s.orderNumber, courier: s.courier }) + (s.trackingNumber ? ` ${t('shipments.sayTracking', { tracking: s.trackingNumber })}` : '') + '.',
    `${t('shipments.sayStatus', { status: t(`shipments.status.${s.status}`).toLowerCase(), when: formatInstant(s.statusAt, zone, locale) })}${latest?.note && latest.status === s.status ? ` (${latest.note})` : ''}.`,
  ].join(' ');
  return (
    <div className="shipment">
      <div className="shipment__head">
        <ShipmentStatusBadge status={s.status} />
        <span className="shipment__courier">{s.courier}</span>
        {s.trackingNumber && (
          <span className="muted">
            {t('shipments.trackingNumber')} <span className="mono">{s.trackingNumber}</span>
          </span>
        )}
      </div>
      <p className="shipment__address">
        <span className="muted">{t('shipments.address')}:</span> {s.address}
        {s.recipientName && ` · ${s.recipientName}`}
        {s.recipientPhone && ` · ${s.recipientPhone}`}
      </p>
      <blockquote className="shipment__say" aria-label={t('shipments.readOut')}>
        <span className="shipment__say-label">{t('shipments.readOut')}</span>
        {sentence}
      </blockquote>
      <h3 className="shipment__history-title">{t('shipments.history')}</h3>
      <ol className="shipment__history" aria-label={t('shipments.history')}>
        {s.history.map((h) => (
          <li key={h.id} className="shipment__event">
            <time className="tabular muted" dateTime={h.occurredAt}>
              {formatInstant(h.occurredAt, zone, locale)}
            </time>
            <ShipmentStatusBadge status={h.status} />
            <span className="shipment__note">{h.note}</span>
            <span className="muted shipment__staff">{h.staffName}</span>
          </li>
        ))}
      </ol>
      {editable && <UpdateShipment shipment={s} onChanged={onChanged} />}
    </div>
  );
}

function UpdateShipment({ shipment, onChanged }: { shipment: Shipment; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const next = SHIPMENT_TRANSITIONS[shipment.status];
  const [status, setStatus] = useState<ShipmentStatus | ''>(next[0] ?? '');
  const [note, setNote] = useState('');
  const [tracking, setTracking] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  if (next.length === 0) return <p className="muted">{t('shipments.noMoreSteps')}</p>;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!status) return;
    setBusy(true);
    const r = await call('shipments.update', { id: shipment.id, status, note, ...(tracking.trim() ? { trackingNumber: tracking } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setNote('');
    setTracking('');
    setStatus(SHIPMENT_TRANSITIONS[r.value.status][0] ?? '');
    onChanged(t('shipments.updated'));
  }

  return (
    <form className="shipment-form" onSubmit={(e) => void submit(e)} aria-label={t('shipments.update')}>
      {error && <OrderErrorBanner error={error} shown={(p) => p === 'note' || p === 'trackingNumber'} />}
      <Field label={t('shipments.newStatus')}>
        {(c) => (
          <select {...c} className="select" value={status} onChange={(e) => setStatus(e.target.value as ShipmentStatus)}>
            {next.map((s) => (
              <option key={s} value={s}>
                {t(`shipments.status.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('shipments.note')} hint={t('shipments.noteHint')} error={issueAt(error, ['note'], locale)} className="shipment-form__wide">
        {(c) => <input {...c} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      {!shipment.trackingNumber && (
        <Field label={t('shipments.trackingNumber')} error={issueAt(error, ['trackingNumber'], locale)}>
          {(c) => <input {...c} className="input" value={tracking} onChange={(e) => setTracking(e.target.value)} />}
        </Field>
      )}
      <div className="shipment-form__submit">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('shipments.update')}
        </button>
      </div>
    </form>
  );
}

function StartShipment({ orderId, onChanged }: { orderId: string; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [form, setForm] = useState({ courier: '', trackingNumber: '', address: '', recipientName: '', recipientPhone: '', note: '' });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const r = await call('shipments.create', { orderId, ...form });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    onChanged(t('shipments.created'));
  }

  const shown = (p: string) => ['courier', 'trackingNumber', 'address', 'recipientName', 'recipientPhone', 'note'].includes(p);
  return (
    <form className="shipment-form" onSubmit={(e) => void submit(e)} aria-label={t('orders.action.ship')}>
      <h3 className="shipment__history-title shipment-form__full">{t('orders.action.ship')}</h3>
      {error && <OrderErrorBanner error={error} shown={shown} />}
      <Field label={t('shipments.courier')} hint={t('shipments.courierHint')} required error={issueAt(error, ['courier'], locale)}>
        {(c) => <input {...c} className="input" value={form.courier} onChange={set('courier')} />}
      </Field>
      <Field label={t('shipments.trackingNumber')} error={issueAt(error, ['trackingNumber'], locale)}>
        {(c) => <input {...c} className="input" value={form.trackingNumber} onChange={set('trackingNumber')} />}
      </Field>
      <Field label={t('shipments.address')} hint={t('shipments.addressHint')} error={issueAt(error, ['address'], locale)} className="shipment-form__wide">
        {(c) => <textarea {...c} className="textarea" rows={2} value={form.address} onChange={set('address')} />}
      </Field>
      <Field label={t('shipments.recipientName')} error={issueAt(error, ['recipientName'], locale)}>
        {(c) => <input {...c} className="input" value={form.recipientName} onChange={set('recipientName')} />}
      </Field>
      <Field label={t('shipments.recipientPhone')} error={issueAt(error, ['recipientPhone'], locale)}>
        {(c) => <input {...c} className="input" value={form.recipientPhone} onChange={set('recipientPhone')} />}
      </Field>
      <Field label={t('shipments.note')} error={issueAt(error, ['note'], locale)} className="shipment-form__wide">
        {(c) => <input {...c} className="input" value={form.note} onChange={set('note')} />}
      </Field>
      <div className="shipment-form__submit">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('shipments.start')}
        </button>
      </div>
    </form>
  );
}
