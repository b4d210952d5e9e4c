import { normalisePhone } from './phone.js';
import { parseCalendarDate, type DateFormat, type NumberFormat } from './import-values.js';
import type { ImportField, ImportKind } from './importing.js';

/**
 * First guess of a column mapping, so the clerk only corrects it. Headers
 * are matched in Indonesian and English; a file without a header is read by
 * what its cells look like. Fields are tried in the order below, so
 * "jumlah barang" becomes an item count before "jumlah" can become an amount.
 */

type Rule = [ImportField, RegExp];

const CUSTOMER_RULES: Rule[] = [
  ['externalRef', /^(id|no|kode|nomor)( pelanggan| customer| member| anggota)?( lama)?$|^customer ?id$|^(member|anggota) ?(id|no)$|external|^ref/],
  ['nik', /^(nik|no ktp|nomor ktp|ktp|national id)$/],
  ['birthDate', /(tgl|tanggal) lahir|birth|dob|^lahir$/],
  ['nickname', /panggilan|nick|alias/],
  ['fullName', /^(nama|name|full name|nama lengkap|nama pelanggan|customer name|nama customer|customer)$/],
  ['gender', /jenis kelamin|gender|^sex$|^jk$|^l ?p$/],
  ['occupation', /pekerjaan|occupation|profesi|^job$/],
  ['whatsapp', /whats ?app|^wa$|no wa|nomor wa/],
  ['phone2', /(telepon|telp|tlp|phone|hp|handphone) ?2$/],
  ['phone', /^(no |nomor )?(hp|telepon|telp|tlp|phone|mobile|handphone|ponsel)( 1)?$/],
  ['email2', /^e ?mail ?2$/],
  ['email', /^e ?mail( 1)?$|surel/],
  ['postalCode', /kode ?pos|postal|^zip/],
  ['province', /provinsi|province/],
  ['city', /kota|kabupaten|^city$/],
  ['addressLine', /^(alamat|address|jalan|street)/],
  ['lifecycleStage', /tahap|stage/],
  ['tags', /^(label|tags?|kategori|segmen)$/],
  ['hobbies', /hobi|hobby|hobbies|minat|interest/],
  ['dislikes', /tidak suka|dislike/],
  ['likes', /^(suka|kesukaan|likes?)$/],
  ['ambitions', /ambisi|cita|ambition/],
  ['shoppingHabits', /kebiasaan belanja|shopping/],
  ['preferredChannel', /saluran|channel/],
  ['preferredContactTime', /waktu (kontak|dihubungi)|contact time/],
  ['preferredLanguage', /bahasa|language/],
  ['notes', /catatan|^notes?$|keterangan|remarks?/],
];

const TRANSACTION_RULES: Rule[] = [
  ['customerNumber', /nomor pelanggan|customer number|no pelanggan/],
  ['customerRef', /customer ?id|id pelanggan|kode pelanggan|^(customer|pelanggan|member|id|ref)$|member ?(id|no)|external/],
  ['customerNik', /^(nik|ktp|no ktp)$/],
  ['customerPhone', /^(no )?(hp|telepon|telp|phone|mobile)$/],
  ['customerEmail', /^e ?mail$/],
  ['customerName', /^(nama|name|nama pelanggan|customer name)$/],
  ['occurredAt', /tanggal|^tgl|date|waktu|^time$/],
  // A bare "jumlah" is a quantity in most Indonesian sheets; an amount says "nilai", "total" or "jumlah (Rp)".
  ['itemCount', /qty|kuantitas|quantity|^jumlah$|jumlah (barang|item|unit)|^items?$|number of|^banyak|count|^cds?$/],
  ['discount', /diskon|discount|potongan/],
  ['cost', /^(modal|hpp|cost|harga pokok)/],
  ['type', /^(jenis|type|tipe)( transaksi)?$/],
  ['amount', /nilai|jumlah|total|amount|value|nominal|harga|dollar|rupiah|price|sales/],
];

export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface MappingGuess {
  columns: { column: number; field: ImportField }[];
  dateFormat: DateFormat;
  numberFormat: NumberFormat;
}

export function guessMapping(kind: ImportKind, headers: (string | null)[], samples: string[][]): MappingGuess {
  const used = new Set<ImportField>();
  const columns: { column: number; field: ImportField }[] = [];
  const rules = kind === 'customers' ? CUSTOMER_RULES : TRANSACTION_RULES;
  headers.forEach((header, column) => {
    if (!header) return;
    const folded = foldHeader(header);
    const rule = rules.find(([field, re]) => !used.has(field) && re.test(folded));
    if (rule) {
      used.add(rule[0]);
      columns.push({ column, field: rule[0] });
    }
  });
  if (headers.every((h) => !h)) columns.push(...guessByContent(kind, samples, used));
  columns.sort((a, b) => a.column - b.column);
  return { columns, dateFormat: guessDateFormat(samples), numberFormat: guessNumberFormat(samples) };
}

const values = (samples: string[][], column: number) => samples.map((r) => (r[column] ?? '').trim()).filter(Boolean);
const all = (list: string[], test: (s: string) => boolean) => list.length > 0 && list.every(test);

/** Headerless files: dates, amounts, counts, phones, emails and ids recognised by their shape. */
function guessByContent(kind: ImportKind, samples: string[][], used: Set<ImportField>): { column: number; field: ImportField }[] {
  const width = Math.max(0, ...samples.map((r) => r.length));
  const out: { column: number; field: ImportField }[] = [];
  const take = (column: number, field: ImportField) => {
    if (used.has(field) || out.some((o) => o.column === column)) return false;
    used.add(field);
    out.push({ column, field });
    return true;
  };
  const isDate = (s: string) => parseCalendarDate(s) !== null && /\d{4}/.test(s);
  for (let c = 0; c < width; c++) {
    const v = values(samples, c);
    if (kind === 'transactions') {
      if (all(v, isDate)) take(c, 'occurredAt');
      else if (all(v, (s) => /^-?\d[\d.,]*[.,]\d{1,2}$/.test(s))) take(c, 'amount');
    } else if (all(v, (s) => /@/.test(s))) take(c, 'email');
    else if (all(v, (s) => /^\d{16}$/.test(s))) take(c, 'nik');
    else if (all(v, isDate)) take(c, 'birthDate');
    else if (all(v, (s) => normalisePhone(s) !== null)) take(c, used.has('phone') ? 'phone2' : 'phone');
    else if (all(v, (s) => /\p{L}{2,}/u.test(s)) && !used.has('fullName')) take(c, 'fullName');
  }
  if (kind === 'transactions') {
    // The customer's id is the first remaining column of digits (often zero-padded), then a small count.
    for (let c = 0; c < width; c++) {
      const v = values(samples, c);
      if (out.some((o) => o.column === c)) continue;
      if (!used.has('customerRef') && all(v, (s) => /^\w+$/.test(s))) take(c, 'customerRef');
      else if (!used.has('itemCount') && all(v, (s) => /^\d{1,3}$/.test(s))) take(c, 'itemCount');
    }
  }
  return out;
}

function guessDateFormat(samples: string[][]): DateFormat {
  const cells = samples.flat().map((s) => s.trim());
  if (cells.some((s) => /^\d{4}-\d{1,2}-\d{1,2}/.test(s))) return 'YYYY-MM-DD';
  if (cells.some((s) => /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(s))) return 'YYYYMMDD';
  // A first part above 12 can only be a day; one above 12 in the middle means the file is month-first.
  const slashed = cells.map((s) => /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}$/.exec(s)).filter((m): m is RegExpExecArray => m !== null);
  if (slashed.some((m) => Number(m[2]) > 12)) return 'MM/DD/YYYY';
  if (slashed.length > 0) return 'DD/MM/YYYY';
  return 'auto';
}

/** 11.77 or 1,250.50 is English; 1.250.000 or 12,5 is Indonesian. */
function guessNumberFormat(samples: string[][]): NumberFormat {
  let en = 0;
  let id = 0;
  for (const s of samples.flat().map((c) => c.trim())) {
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) || /^-?\d+\.\d{1,2}$/.test(s)) en += 1;
    else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s) || /^-?\d+,\d{1,2}$/.test(s)) id += 1;
  }
  return en > id ? 'en' : 'id';
}
