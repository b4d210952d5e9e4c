import type { FrequencyBucket, RecencyBucket, RfmSegment, Tier } from './rfm.js';
import type { ReportName } from './names.js';
import { CASE_CATEGORY_NAMES } from '../domain/case.js';

/**
 * The report vocabulary in Indonesian and English (GLOSSARY), shared by the
 * reporting window and the exports made in the core, so a bucket or a
 * column is named the same on screen, in CSV, Excel and PDF.
 */
type Words = { id: string; en: string };
export type Locale = 'id' | 'en';

export const REPORT_TITLES: Record<ReportName, Words> = {
  rfm: { id: 'RFM: kebaruan, frekuensi, nilai belanja', en: 'RFM: recency, frequency, monetary' },
  top: { id: 'Pelanggan teratas dan frekuensi belanja', en: 'Top customers and purchase frequency' },
  profitability: { id: 'Profitabilitas pelanggan', en: 'Customer profitability' },
  coverage: { id: 'Kelengkapan kontak pelanggan', en: 'Customer contact coverage' },
  patterns: { id: 'Pola pembelian', en: 'Purchase patterns' },
  anomalies: { id: 'Anomali transaksi', en: 'Transaction anomalies' },
  service: { id: 'Layanan dan aktivitas staf', en: 'Service and staff activity' },
  prediction: { id: 'Prediksi pelanggan', en: 'Customer prediction' },
  customers: { id: 'Daftar pelanggan', en: 'Customer list' },
};

export const RECENCY_LABELS: Record<RecencyBucket, Words> = {
  under3m: { id: '< 3 bulan', en: '< 3 months' },
  over3m: { id: '> 3 bulan', en: '> 3 months' },
  over6m: { id: '> 6 bulan', en: '> 6 months' },
  over1y: { id: '> 1 tahun', en: '> 1 year' },
  over2y: { id: '> 2 tahun', en: '> 2 years' },
};

export const FREQUENCY_LABELS: Record<FrequencyBucket, Words> = {
  once: { id: 'Sekali setahun', en: 'Once a year' },
  twice: { id: 'Dua kali setahun', en: 'Twice a year' },
  threeToFive: { id: '3-5 kali setahun', en: '3-5 times a year' },
  overFive: { id: 'Lebih dari 5 kali', en: 'More than 5 times' },
};

export const TIER_LABELS: Record<Tier, Words> = {
  platinum: { id: 'Platinum', en: 'Platinum' },
  gold: { id: 'Gold', en: 'Gold' },
  silver: { id: 'Silver', en: 'Silver' },
  bronze: { id: 'Bronze', en: 'Bronze' },
};

export const SEGMENT_LABELS: Record<RfmSegment, Words & { hint: Words }> = {
  new: { id: 'Pelanggan baru', en: 'New customers', hint: { id: 'Pembelian pertama dalam 90 hari terakhir', en: 'First purchase in the last 90 days' } },
  champions: { id: 'Juara', en: 'Champions', hint: { id: 'Baru membeli dan sering', en: 'Bought recently and often' } },
  loyal: { id: 'Setia', en: 'Loyal', hint: { id: 'Membeli dalam 6 bulan, minimal dua kali setahun', en: 'Bought within 6 months, at least twice a year' } },
  potential: { id: 'Berpotensi setia', en: 'Potential loyalists', hint: { id: 'Baru membeli, baru sekali setahun', en: 'Bought recently, once a year so far' } },
  cantLose: { id: 'Jangan sampai hilang', en: "Can't lose them", hint: { id: 'Dulu sering sekali, sudah 6-24 bulan tidak membeli', en: 'Used to buy very often, silent for 6-24 months' } },
  needsAttention: { id: 'Perlu perhatian', en: 'Needs attention', hint: { id: 'Cukup sering, sudah 6-12 bulan tidak membeli', en: 'Fairly frequent, silent for 6-12 months' } },
  aboutToSleep: { id: 'Mulai pasif', en: 'About to sleep', hint: { id: 'Jarang, sudah 6-12 bulan tidak membeli', en: 'Infrequent, silent for 6-12 months' } },
  atRisk: { id: 'Berisiko pergi', en: 'At risk', hint: { id: 'Cukup sering, sudah 1-2 tahun tidak membeli', en: 'Fairly frequent, silent for 1-2 years' } },
  hibernating: { id: 'Tidur', en: 'Hibernating', hint: { id: 'Jarang, sudah 1-2 tahun tidak membeli', en: 'Infrequent, silent for 1-2 years' } },
  lost: { id: 'Hilang', en: 'Lost', hint: { id: 'Lebih dari 2 tahun tidak membeli', en: 'No purchase for more than 2 years' } },
};

export const ANOMALY_LABELS: Record<'customer_amount' | 'branch_amount' | 'refund_burst' | 'out_of_hours' | 'heavy_discount', Words> = {
  customer_amount: { id: 'Jauh di atas kebiasaan pelanggan', en: "Far above the customer's normal" },
  branch_amount: { id: 'Jauh di atas kebiasaan cabang', en: "Far above the branch's normal" },
  refund_burst: { id: 'Pengembalian beruntun', en: 'Burst of refunds' },
  out_of_hours: { id: 'Di luar jam buka', en: 'Out of hours' },
  heavy_discount: { id: 'Diskon besar', en: 'Heavy discount' },
};

export const MONTH_LABELS: Words[] = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'].map((id, i) => ({
  id,
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i],
}));
export const WEEKDAY_LABELS: Words[] = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'].map((id, i) => ({
  id,
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][i],
}));

/** Column and figure names used by the tables of the window and the exports. */
export const COLUMN_LABELS = {
  customerNumber: { id: 'Nomor pelanggan', en: 'Customer number' },
  fullName: { id: 'Nama', en: 'Name' },
  city: { id: 'Kota', en: 'City' },
  lastSaleAt: { id: 'Pembelian terakhir', en: 'Last purchase' },
  saleDays: { id: 'Hari belanja', en: 'Purchase days' },
  sales: { id: 'Transaksi', en: 'Sales' },
  revenue: { id: 'Pendapatan bersih', en: 'Net revenue' },
  cogs: { id: 'Harga pokok', en: 'Cost of goods' },
  costToServe: { id: 'Biaya layanan', en: 'Cost to serve' },
  profit: { id: 'Laba', en: 'Profit' },
  segment: { id: 'Segmen RFM', en: 'RFM segment' },
  recency: { id: 'Kebaruan', en: 'Recency' },
  frequency: { id: 'Frekuensi', en: 'Frequency' },
  tier: { id: 'Tier', en: 'Tier' },
  customers: { id: 'Pelanggan', en: 'Customers' },
  share: { id: 'Porsi', en: 'Share' },
  pAlive: { id: 'Peluang masih aktif', en: 'Probability still active' },
  expectedPurchases: { id: 'Perkiraan pembelian', en: 'Expected purchases' },
  expectedValue: { id: 'Perkiraan nilai per pembelian', en: 'Expected value per purchase' },
  refunds: { id: 'Pengembalian', en: 'Refunds' },
  amount: { id: 'Jumlah', en: 'Amount' },
  occurredAt: { id: 'Waktu', en: 'Time' },
  rule: { id: 'Aturan', en: 'Rule' },
  reason: { id: 'Alasan', en: 'Reason' },
  reviewed: { id: 'Ditinjau', en: 'Reviewed' },
  count: { id: 'Jumlah', en: 'Count' },
} as const satisfies Record<string, Words>;

export function say(words: Words, locale: Locale): string {
  return words[locale];
}

/** Departments a case is routed to (S1), in the words of the front office's screens (src/ui/cases texts). */
export const DEPARTMENT_LABELS: Record<'sales' | 'service' | 'quality_control' | 'shipment' | 'marketing', Words> = {
  sales: { id: 'Penjualan', en: 'Sales' },
  service: { id: 'Servis', en: 'Service' },
  quality_control: { id: 'Kontrol Kualitas', en: 'Quality control' },
  shipment: { id: 'Pengiriman', en: 'Shipment' },
  marketing: { id: 'Pemasaran', en: 'Marketing' },
};

/** Contact channels of interactions (T1), in the words of the front office's screens (src/ui/i18n channel). */
export const CHANNEL_LABELS: Record<'visit' | 'phone' | 'whatsapp' | 'sms' | 'email' | 'chat' | 'social' | 'home_visit' | 'gathering' | 'outlet', Words> = {
  visit: { id: 'Kunjungan ke kantor', en: 'Counter visit' },
  phone: { id: 'Telepon', en: 'Phone' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  sms: { id: 'SMS', en: 'SMS' },
  email: { id: 'Email', en: 'Email' },
  chat: { id: 'Chat', en: 'Chat' },
  social: { id: 'Media sosial', en: 'Social media' },
  home_visit: { id: 'Kunjungan rumah', en: 'Home visit' },
  gathering: { id: 'Seminar/gathering', en: 'Seminar/gathering' },
  outlet: { id: 'Outlet', en: 'Outlet' },
};

/** The built-in case categories (S1): their names as the front office's screens give them (CASE_CATEGORY_NAMES). */
export const CASE_CATEGORY_LABELS: Readonly<Record<string, Words>> = CASE_CATEGORY_NAMES;

/**
 * A case category where only its code is known (the head office: a branch's
 * case settings, with the labels its manager typed, stay at the branch and
 * are not synced). A built-in code reads as its built-in name; a branch's own
 * category reads as its code in words ("suku_cadang" -> "Suku cadang", the
 * code being made from the label the manager first typed) followed by the
 * code itself, so nobody takes it for the branch's exact label. '-' is a case
 * without a category.
 */
export function caseCategoryText(code: string, locale: Locale): string {
  if (code === '-') return code;
  const builtIn = CASE_CATEGORY_LABELS[code];
  if (builtIn) return builtIn[locale];
  const words = code.replace(/_+/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${code})`;
}

/**
 * A case category at the branch, which knows its categories: the label the
 * manager gave it when renamed, else the built-in name in the reader's
 * language, else the label as set, else the code in words (a category since
 * removed from the settings). As the front office's screens name it.
 */
export function branchCaseCategoryText(code: string, locale: Locale, categories: readonly { code: string; label: string }[]): string {
  const own = categories.find((c) => c.code === code)?.label?.trim();
  const builtIn = CASE_CATEGORY_LABELS[code];
  const builtInId = builtIn?.id;
  if (own && (builtIn === undefined || own !== builtInId)) return own;
  if (builtIn) return builtIn[locale];
  return caseCategoryText(code, locale);
}
