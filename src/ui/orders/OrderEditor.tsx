import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import type { CatalogueItem } from '../../shared/domain/catalogue.js';
import { formatRupiah, parseRupiah } from '../../shared/domain/money.js';
import { PRICE_OVERRIDE_ROLES } from '../../shared/domain/order.js';
import { call } from '../app/api.js';
import { navigate } from '../app/router.js';
import { ErrorBanner } from '../design/Banner.js';
import { currentLocale } from '../i18n/index.js';
import { useSession } from '../session/sessionStore.js';
import { CatalogueSearch } from './CatalogueSearch.js';
import { OrderErrorBanner } from './OrderErrorBanner.js';
import { OrderTotalsTable } from './OrderTotalsTable.js';
import { draftProblems, draftTotals, issueAt, linesForCall, readDiscount, type DraftDiscount, type DraftLine } from './orderForm.js';
import './orders.css';
import { ProductName } from '../design/ProductName.js';

/**
 * A new order for a customer, from the keyboard: search the catalogue (name
 * or code), Enter adds the item (again: one more of it), Tab to quantity,
 * price (branch managers only) and discount; totals follow as you type, by
 * the same rule the branch applies. Ctrl+S saves a draft, Ctrl+Enter saves
 * and confirms, Escape goes back to the profile.
 */
export type OrderEditorMode = { kind: 'create'; customerId: string } | { kind: 'edit'; orderId: string };

export function OrderEditor({ mode }: { mode: OrderEditorMode }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const role = useSession((s) => s.actor?.role);
  const mayOverride = role !== undefined && PRICE_OVERRIDE_ROLES.includes(role);
  const [customerName, setCustomerName] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(mode.kind === 'create' ? mode.customerId : null);
  const [orderNumber, setOrderNumber] = useState<string | null>(null);
  const [lines, setLines] = useState<DraftLine[]>([]);
  const [discount, setDiscount] = useState<DraftDiscount>({ kind: 'amount', text: '' });
  const [notes, setNotes] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const counter = useRef(0);

  useEffect(() => {
    if (mode.kind === 'create') {
      void call('customers.get', { id: mode.customerId }).then((r) => (r.ok ? setCustomerName(r.value.fullName) : setLoadError(r.error)));
    } else {
      // A draft being changed: its lines as saved, with what they were sold as.
      void call('orders.get', { id: mode.orderId }).then((r) => {
        if (!r.ok) return setLoadError(r.error);
        const o = r.value;
        setCustomerId(o.customerId);
        setCustomerName(o.customerName);
        setOrderNumber(o.orderNumber);
        setNotes(o.notes ?? '');
        setDiscount(o.discountGiven ? { kind: o.discountGiven.kind, text: String(o.discountGiven.value).replace('.', ',') } : { kind: 'amount', text: '' });
        setLines(
          o.lines.map((l) => {
            counter.current += 1;
            return {
              key: `l${counter.current}`,
              lineId: l.id,
              item: { id: l.catalogueItemId, sku: l.sku, name: l.name, kind: l.kind, unitPrice: l.listPrice, unitCost: l.unitCost },
              quantity: String(l.quantity),
              price: String(l.unitPrice),
              discountKind: l.discountGiven?.kind ?? 'amount',
              discount: l.discountGiven ? String(l.discountGiven.value).replace('.', ',') : '',
            };
          }),
        );
      });
    }
    search.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode.kind === 'create' ? mode.customerId : mode.orderId]);

  useEffect(() => {
    document.title = `${t('orders.new')} · Simpul`;
  }, [t]);

  function add(item: CatalogueItem) {
    setError(null);
    setLines((current) => {
      const same = current.findIndex((l) => l.item.id === item.id);
      if (same >= 0) return current.map((l, i) => (i === same ? { ...l, quantity: String((Number(l.quantity) || 0) + 1) } : l));
      counter.current += 1;
      return [...current, { key: `l${counter.current}`, item, quantity: '1', price: String(item.unitPrice), discountKind: 'amount', discount: '' }];
    });
  }

  const change = (key: string, patch: Partial<DraftLine>) => setLines((current) => current.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const remove = (key: string) => {
    setLines((current) => current.filter((l) => l.key !== key));
    search.current?.focus();
  };

  async function save(confirm: boolean) {
    if (busy) return;
    const problems = draftProblems(lines, discount, locale);
    if (problems) return setError(problems);
    setBusy(true);
    const orderDiscount = readDiscount(discount.kind, discount.text);
    const created =
      mode.kind === 'create'
        ? await call('orders.create', { customerId: mode.customerId, lines: linesForCall(lines), ...(orderDiscount ? { discount: orderDiscount as never } : {}), notes })
        : await call('orders.update', { id: mode.orderId, lines: linesForCall(lines), discount: (orderDiscount ?? null) as never, notes });
    if (!created.ok) {
      setBusy(false);
      return setError(created.error);
    }
    if (confirm) {
      const confirmed = await call('orders.setStatus', { id: created.value.id, status: 'confirmed' });
      if (!confirmed.ok) {
        setBusy(false);
        navigate({ name: 'order', id: created.value.id });
        return;
      }
    }
    setBusy(false);
    navigate({ name: 'order', id: created.value.id });
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save(false);
      } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        void save(true);
      } else if (event.key === 'Escape' && !event.defaultPrevented && document.activeElement !== search.current) {
        back();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const back = () => (mode.kind === 'edit' ? navigate({ name: 'order', id: mode.orderId }) : customerId && navigate({ name: 'customer', id: customerId }));
  const totals = draftTotals(lines, discount);
  const shown = (path: string) => /^lines\.\d+\.(quantity|unitPrice|discount|discount\.value|catalogueItemId)$/.test(path) || path === 'discount' || path === 'discount.value';

  if (loadError) return <div className="page"><ErrorBanner error={loadError} /></div>;
  return (
    <div className="page order-editor">
      <header className="page__header">
        <div>
          <button type="button" className="button button--quiet button--small back-link" onClick={back}>
            ← {mode.kind === 'edit' ? t('orders.backToOrder') : t('orders.backToProfile')}
          </button>
          <h1>{mode.kind === 'edit' ? t('orders.editTitle', { number: orderNumber ?? '', name: customerName ?? '' }) : customerName ? t('orders.newFor', { name: customerName }) : t('orders.new')}</h1>
        </div>
      </header>
      {error && <OrderErrorBanner error={error} shown={shown} />}
      <section className="card order-card">
        <CatalogueSearch ref={search} onPick={add} />
        <table className="data-table order-lines" aria-label={t('orders.items')}>
          <thead>
            <tr>
              <th>{t('orders.line.item')}</th>
              <th className="order-lines__num">{t('orders.line.quantity')}</th>
              <th className="order-lines__num">{t('orders.line.unitPrice')}</th>
              <th>{t('orders.line.discount')}</th>
              <th className="order-lines__num">{t('orders.line.total')}</th>
              <th aria-hidden="true" />
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">{t('orders.line.none')}</td>
              </tr>
            )}
            {lines.map((l, i) => {
              const lineTotals = totals.lines[i];
              const quantityError = issueAt(error, ['lines', i, 'quantity'], locale);
              const priceError = issueAt(error, ['lines', i, 'unitPrice'], locale);
              const discountError = issueAt(error, ['lines', i, 'discount'], locale) ?? issueAt(error, ['lines', i, 'discount', 'value'], locale);
              const itemError = issueAt(error, ['lines', i, 'catalogueItemId'], locale);
              return (
                <tr key={l.key}>
                  <td>
                    <div className="order-lines__name"><ProductName name={l.item.name} lines={3} /></div>
                    <div className="muted mono order-lines__sku">{l.item.sku}</div>
                    {itemError && <span className="field__error" role="alert">{itemError}</span>}
                  </td>
                  <td className="order-lines__num">
                    <input
                      className="input input--number"
                      inputMode="numeric"
                      aria-label={`${t('orders.line.quantity')} ${l.item.name}`}
                      aria-invalid={Boolean(quantityError)}
                      value={l.quantity}
                      onChange={(e) => change(l.key, { quantity: e.target.value })}
                    />
                    {quantityError && <span className="field__error" role="alert">{quantityError}</span>}
                  </td>
                  <td className="order-lines__num">
                    {mayOverride ? (
                      <input
                        className="input input--money"
                        inputMode="numeric"
                        aria-label={`${t('orders.line.unitPrice')} ${l.item.name}`}
                        aria-invalid={Boolean(priceError)}
                        value={l.price}
                        onChange={(e) => change(l.key, { price: e.target.value })}
                      />
                    ) : (
                      <span className="tabular">{formatRupiah(parseRupiah(l.price) ?? l.item.unitPrice)}</span>
                    )}
                    {mayOverride && l.price.replace(/\./g, '') !== String(l.item.unitPrice) && (
                      <div className="muted order-lines__list-price">{t('orders.line.listPrice', { price: formatRupiah(l.item.unitPrice) })}</div>
                    )}
                    {priceError && <span className="field__error" role="alert">{priceError}</span>}
                  </td>
                  <td>
                    <DiscountInput
                      label={`${t('orders.line.discount')} ${l.item.name}`}
                      kind={l.discountKind}
                      text={l.discount}
                      invalid={Boolean(discountError)}
                      onChange={(kind, text) => change(l.key, { discountKind: kind, discount: text })}
                    />
                    {discountError && <span className="field__error" role="alert">{discountError}</span>}
                  </td>
                  <td className="order-lines__num tabular">{formatRupiah(lineTotals?.total ?? 0)}</td>
                  <td>
                    <button type="button" className="icon-button" aria-label={t('orders.line.remove', { name: l.item.name })} onClick={() => remove(l.key)}>
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="order-editor__foot">
          <div className="order-editor__extras">
            <div className="field">
              <span className="field__label">{t('orders.orderDiscount')}</span>
              <DiscountInput label={t('orders.orderDiscount')} kind={discount.kind} text={discount.text} invalid={Boolean(issueAt(error, ['discount'], locale) ?? issueAt(error, ['discount', 'value'], locale))} onChange={(kind, text) => setDiscount({ kind, text })} />
              {(issueAt(error, ['discount'], locale) ?? issueAt(error, ['discount', 'value'], locale)) && (
                <span className="field__error" role="alert">{issueAt(error, ['discount'], locale) ?? issueAt(error, ['discount', 'value'], locale)}</span>
              )}
            </div>
            <label className="field">
              <span className="field__label">{t('orders.notes')}</span>
              <textarea className="textarea" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </label>
          </div>
          <OrderTotalsTable totals={totals} />
        </div>
        <div className="order-editor__actions">
          <button type="button" className="button" disabled={busy} onClick={() => void save(false)}>
            {t('orders.action.save')} <kbd>Ctrl S</kbd>
          </button>
          <button type="button" className="button button--primary" disabled={busy || lines.length === 0} onClick={() => void save(true)}>
            {t('orders.action.saveAndConfirm')} <kbd>Ctrl ↵</kbd>
          </button>
        </div>
      </section>
    </div>
  );
}

function DiscountInput({ label, kind, text, invalid, onChange }: { label: string; kind: 'amount' | 'percent'; text: string; invalid: boolean; onChange: (kind: 'amount' | 'percent', text: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="discount-input">
      <input className="input input--money" inputMode="decimal" aria-label={label} aria-invalid={invalid} value={text} placeholder="0" onChange={(e) => onChange(kind, e.target.value)} />
      <div className="segmented discount-input__kind" role="group" aria-label={label}>
        {(['amount', 'percent'] as const).map((k) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => onChange(k, text)}>
            {t(`orders.discountKind.${k}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
