import type { Locale } from '../../shared/api/errors.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { formatInstant, type BranchTimeZone } from '../../shared/domain/dates.js';
import { maskNik } from '../../shared/domain/customer.js';
import { fieldMessage, isFieldMessageKey } from '../../shared/api/errors.js';

/**
 * The columns of each exportable list: a header in the clerk's language and
 * how a database row becomes that cell. The SQL behind each list is in
 * service.ts; sensitive columns are added only when asked for and allowed.
 */
export interface ExportColumn {
  header: Record<Locale, string>;
  value(row: Record<string, unknown>, zone: BranchTimeZone, locale: Locale): string | number | null;
}

const text = (key: string) => (row: Record<string, unknown>) => (row[key] as string | null) ?? null;
const col = (id: string, en: string, value: ExportColumn['value']): ExportColumn => ({ header: { id, en }, value });
const instant = (key: string) => (row: Record<string, unknown>, zone: BranchTimeZone, locale: Locale) => (row[key] ? formatInstant(row[key] as string, zone, locale) : null);
const list = (key: string) => (row: Record<string, unknown>) => (row[key] ? (JSON.parse(row[key] as string) as string[]).join(', ') : null);

export const CUSTOMER_COLUMNS: ExportColumn[] = [
  col('Nomor pelanggan', 'Customer number', text('customer_number')),
  col('Nama lengkap', 'Full name', text('full_name')),
  col('Nama panggilan', 'Nickname', text('nickname')),
  col('NIK', 'National ID', (r) => (r.show_nik ? (r.nik as string | null) : maskNik(r.nik as string | null))),
  col('Tanggal lahir', 'Date of birth', text('birth_date')),
  col('Jenis kelamin', 'Gender', text('gender')),
  col('Pekerjaan', 'Occupation', text('occupation')),
  col('HP/Telepon', 'Phone', (r) => (r.phone ? formatPhone(r.phone as string) : null)),
  col('Email', 'Email', text('email')),
  col('Alamat', 'Address', text('address_line')),
  col('Kota', 'City', text('city')),
  col('Provinsi', 'Province', text('province')),
  col('Kode pos', 'Postal code', text('postal_code')),
  col('Label', 'Tags', list('tags')),
  col('Tahap', 'Stage', text('lifecycle_stage')),
  col('Hobi', 'Hobbies', list('hobbies')),
  col('Saluran pilihan', 'Preferred channel', text('preferred_channel')),
  col('Waktu kontak', 'Contact time', text('preferred_contact_time')),
  col('Nomor di sistem asal', 'External reference', text('external_ref')),
  col('Terdaftar', 'Registered', instant('created_at')),
  col('Diarsipkan', 'Archived', instant('archived_at')),
];

export const SENSITIVE_COLUMNS: ExportColumn[] = [
  col('Kondisi kesehatan', 'Health conditions', text('health_conditions')),
  col('Data keuangan', 'Financial data', text('financial_notes')),
  col('Anak', 'Children', text('children')),
];

export const INTERACTION_COLUMNS: ExportColumn[] = [
  col('Waktu', 'Time', instant('occurred_at')),
  col('Nomor pelanggan', 'Customer number', text('customer_number')),
  col('Nama pelanggan', 'Customer name', text('full_name')),
  col('Saluran', 'Channel', text('channel')),
  col('Arah', 'Direction', text('direction')),
  col('Jenis komunikasi', 'Exchange', text('exchange')),
  col('Tujuan', 'Purpose', text('purpose')),
  col('Hasil', 'Outcome', text('outcome')),
  col('Durasi (menit)', 'Duration (minutes)', (r) => (r.duration_minutes as number | null) ?? null),
  col('Catatan', 'Notes', text('notes')),
  col('Staf', 'Staff', text('staff_name')),
];

export const ISSUE_COLUMNS: ExportColumn[] = [
  col('Baris', 'Row', (r) => r.row_number as number),
  col('Kolom', 'Column', text('column_name')),
  col('Isian', 'Field', text('field')),
  col('Masalah', 'Problem', (r, _z, locale) => (isFieldMessageKey(r.code as string) ? fieldMessage(r.code as never, locale) : (r.code as string))),
  col('Nilai di berkas', 'Value in the file', text('value')),
];

/** One CSV cell (RFC 4180), defused: a cell Excel would run as a formula is written as text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (/^[=@]/.test(s) || /^[+-][^\d]/.test(s) || /^[\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n;]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
