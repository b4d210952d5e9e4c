import { localTime, type Cell, type Column, type ReportDocument } from './document.js';

/**
 * CSV (RFC 4180, comma, CRLF) with a UTF-8 byte-order mark so spreadsheet
 * programs read the Indonesian text right. Numbers stay plain (integer
 * Rupiah, percentages as 72.1), so the file can be computed on; each
 * section starts with its title on a line of its own.
 */
export function renderCsv(doc: ReportDocument): Buffer {
  const lines: string[] = [quote(doc.title), quote(doc.subtitle), ''];
  for (const section of doc.sections) {
    lines.push(quote(section.title));
    if (section.columns.length) {
      lines.push(section.columns.map((c) => quote(c.kind === 'percent' ? `${c.label} (%)` : c.label)).join(','));
      for (const row of section.rows) lines.push(row.map((v, i) => quote(cellText(v, section.columns[i], doc))).join(','));
    }
    lines.push('');
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}`, 'utf8');
}

/** A cell as plain text: numbers unformatted (percent as 72.1), times in the branch's zone. */
export function cellText(value: Cell, column: Column | undefined, doc: ReportDocument): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (column?.kind === 'percent') return (Math.round(value * 1000) / 10).toString();
    if (column?.kind === 'decimal') return (Math.round(value * 10000) / 10000).toString();
    return Math.round(value).toString();
  }
  if (column?.kind === 'datetime') return localTime(value, doc);
  return value;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
