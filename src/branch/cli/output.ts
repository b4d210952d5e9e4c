import type { Result } from '../../shared/api/errors.js';
import type { CustomerRow, Customer } from '../../shared/domain/customer.js';
import { formatPhone } from '../../shared/domain/phone.js';
import { formatCalendarDate } from '../../shared/domain/dates.js';

/** How the CLI prints: JSON for scripts, short text for people. */
export interface Output {
  json: boolean;
}

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly payload?: unknown,
  ) {
    super(message);
  }
}

/** Prints a Result: the value, or the error on stderr (and as JSON on stdout with --json). */
export function emit<T>(out: Output, result: Result<unknown>, human: (value: T) => string): void {
  if (!result.ok) {
    const fields = result.error.fields?.map((f) => `  - ${f.path.join('.') || '(input)'}: ${f.message}`).join('\n');
    throw new CliFailure([`${result.error.code}: ${result.error.message}`, fields].filter(Boolean).join('\n'), 1, {
      ok: false,
      error: result.error,
    });
  }
  process.stdout.write(out.json ? `${JSON.stringify(result.value, null, 2)}\n` : `${human(result.value as T)}\n`);
}

export function customerRowsText(rows: CustomerRow[]): string {
  if (rows.length === 0) return '(tidak ada pelanggan / no customers)';
  return table(
    ['Nomor', 'Nama', 'HP/Telepon', 'Email', 'Kota'],
    rows.map((r) => [r.customerNumber, r.fullName, r.primaryPhone ? formatPhone(r.primaryPhone) : '', r.primaryEmail ?? '', r.city ?? '']),
  );
}

export function customerText(c: Customer): string {
  const lines: [string, string][] = [
    ['Nomor pelanggan', c.customerNumber],
    ['Nama', c.fullName + (c.nickname ? ` (${c.nickname})` : '')],
    ['Tanggal lahir', c.birthDate ? formatCalendarDate(c.birthDate) : '-'],
    ['Pekerjaan', c.occupation ?? '-'],
    ['Telepon', c.phones.map((p) => p.display + (p.whatsapp ? ' [WA]' : '')).join(', ') || '-'],
    ['Email', c.emails.map((e) => e.address).join(', ') || '-'],
    ['Kota', c.address.city ?? '-'],
    ['Label', c.tags.join(', ') || '-'],
    ['Status', c.archivedAt ? `diarsipkan ${c.archivedAt}` : c.lifecycleStage],
    ['ID', c.id],
  ];
  const width = Math.max(...lines.map(([k]) => k.length));
  return lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
