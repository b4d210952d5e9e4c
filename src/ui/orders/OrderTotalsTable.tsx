import { useTranslation } from 'react-i18next';
import { formatRupiah } from '../../shared/domain/money.js';

interface Totals {
  gross: number;
  lineDiscounts: number;
  subtotal: number;
  orderDiscount: number;
  total: number;
}

/** Gross, discounts and the total to pay, right-aligned; discount rows only when there is one. */
export function OrderTotalsTable({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const rows: [string, number, string?][] = [[t('orders.totals.gross'), totals.gross]];
  if (totals.lineDiscounts) rows.push([t('orders.totals.lineDiscounts'), -totals.lineDiscounts]);
  if (totals.lineDiscounts || totals.orderDiscount) rows.push([t('orders.totals.subtotal'), totals.subtotal]);
  if (totals.orderDiscount) rows.push([t('orders.totals.orderDiscount'), -totals.orderDiscount]);
  return (
    <dl className="order-totals" aria-label={t('orders.totals.total')}>
      {rows.map(([label, value]) => (
        <div key={label} className="order-totals__row">
          <dt>{label}</dt>
          <dd className="tabular">{value < 0 ? `−${formatRupiah(-value)}` : formatRupiah(value)}</dd>
        </div>
      ))}
      <div className="order-totals__row order-totals__row--total">
        <dt>{t('orders.totals.total')}</dt>
        <dd className="tabular" data-testid="order-total">{formatRupiah(totals.total)}</dd>
      </div>
    </dl>
  );
}
