import { formatRupiah } from '../domain/money.js';
import type { Locale } from './labels.js';

/** Why a transaction was flagged (A5), in words a clerk can check against the numbers. */
export function anomalyReason(rule: string, d: Record<string, number>, locale: Locale): string {
  const id = locale === 'id';
  switch (rule) {
    case 'customer_amount':
      return id
        ? `${d.deviations} simpangan baku di atas kebiasaan pelanggan (biasanya ${formatRupiah(d.usualAmount)}, dari ${d.earlierSales} pembelian sebelumnya)`
        : `${d.deviations} standard deviations above the customer's normal (usually ${formatRupiah(d.usualAmount)}, from ${d.earlierSales} earlier purchases)`;
    case 'branch_amount':
      return id
        ? `Di atas batas cabang ${formatRupiah(d.threshold)} (belanja biasa di cabang ${formatRupiah(d.usualAmount)})`
        : `Above the branch's limit of ${formatRupiah(d.threshold)} (a usual sale there is ${formatRupiah(d.usualAmount)})`;
    case 'refund_burst':
      return id ? `Pengembalian ke-${d.refunds} dalam ${d.days} hari` : `Refund number ${d.refunds} within ${d.days} days`;
    case 'out_of_hours': {
      const hh = (h: number) => `${String(h).padStart(2, '0')}.00`;
      return id
        ? `Terjadi pukul ${hh(d.localHour)}, di luar jam buka ${hh(d.openHour)}-${hh(d.closeHour)}`
        : `At ${hh(d.localHour)}, outside shop hours ${hh(d.openHour)}-${hh(d.closeHour)}`;
    }
    case 'heavy_discount':
      return id ? `Diskon ${formatRupiah(d.discount)} (${d.discountPercent}% dari harga)` : `Discount of ${formatRupiah(d.discount)} (${d.discountPercent}% of the price)`;
    default:
      return rule;
  }
}
