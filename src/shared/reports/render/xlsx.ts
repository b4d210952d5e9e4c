import ExcelJS from 'exceljs';
import { localTime, type ReportDocument } from './document.js';

/**
 * Excel through exceljs: one worksheet per section, the report's title and
 * period on top, real numbers with Rupiah and percent formats so totals and
 * sorting work in the spreadsheet.
 */
const FORMATS = { money: '"Rp"#,##0', percent: '0.0%', int: '#,##0', decimal: '#,##0.00' } as const;

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Simpul';
  book.title = doc.title;
  const used = new Set<string>();
  for (const section of doc.sections) {
    const sheet = book.addWorksheet(sheetName(section.title, used));
    sheet.addRow([doc.title]).font = { bold: true, size: 14 };
    sheet.addRow([doc.subtitle]).font = { italic: true, color: { argb: 'FF555555' } };
    sheet.addRow([section.title]).font = { bold: true };
    if (section.columns.length === 0) continue;
    const header = sheet.addRow(section.columns.map((c) => c.label));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F2' } };
    });
    for (const row of section.rows) {
      sheet.addRow(row.map((v, i) => (v !== null && section.columns[i]?.kind === 'datetime' ? localTime(String(v), doc) : v)));
    }
    section.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      if (c.kind in FORMATS) column.numFmt = FORMATS[c.kind as keyof typeof FORMATS];
      column.width = Math.min(48, Math.max(12, c.label.length + 2, ...section.rows.slice(0, 200).map((r) => String(r[i] ?? '').length + 2)));
    });
    sheet.views = [{ state: 'frozen', ySplit: 4 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Worksheet names: at most 31 characters, none of []:*?/\, unique in the book. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)} ${i}`;
  used.add(name.toLowerCase());
  return name;
}
