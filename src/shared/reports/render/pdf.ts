import PDFDocument from 'pdfkit';
import { formatRupiah, formatRupiahCompact } from '../../domain/money.js';
import { localTime, type Cell, type Column, type ReportDocument, type Section } from './document.js';

/**
 * PDF through pdfkit: A4 landscape, the built-in Helvetica (no font files to
 * ship), each section as a table with its header repeated on new pages, and
 * a bar chart for sections that name a chart column. Vector output prints
 * sharply at any size.
 */
const MARGIN = 36;
const ROW = 15;
const INK = '#1f2933';
const ACCENT = '#0f766e';

export function renderPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, info: { Title: doc.title, Author: 'Simpul' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 2 * MARGIN;
  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(16).text(doc.title, MARGIN, MARGIN);
  pdf.font('Helvetica').fontSize(9).fillColor('#52606d').text(doc.subtitle);
  pdf.moveDown(0.8);
  for (const section of doc.sections) {
    ensureRoom(pdf, 3 * ROW);
    pdf.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(section.title, MARGIN);
    pdf.moveDown(0.3);
    if (section.columns.length === 0) continue;
    if (section.chartColumn !== undefined && section.rows.length > 0 && section.rows.length <= 24) chart(pdf, section, width, doc);
    table(pdf, section, width, doc);
    pdf.moveDown(0.8);
  }
  pdf.end();
  return done;
}

function ensureRoom(pdf: PDFKit.PDFDocument, needed: number): void {
  if (pdf.y + needed > pdf.page.height - MARGIN) pdf.addPage();
}

function text(value: Cell, column: Column, doc: ReportDocument): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return column.kind === 'datetime' ? localTime(value, doc) : value;
  switch (column.kind) {
    case 'money':
      return formatRupiah(Math.round(value));
    case 'percent':
      return `${(value * 100).toLocaleString(doc.locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 })}%`;
    case 'decimal':
      return value.toLocaleString(doc.locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 3 });
    default:
      return Math.round(value).toLocaleString(doc.locale === 'id' ? 'id-ID' : 'en-GB');
  }
}

function table(pdf: PDFKit.PDFDocument, section: Section, width: number, doc: ReportDocument): void {
  const weights = section.columns.map((c) => (c.kind === 'text' ? 2.2 : c.kind === 'datetime' ? 1.8 : 1.2));
  const total = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => (w / total) * width);
  const right = (c: Column) => c.kind !== 'text' && c.kind !== 'datetime';
  const drawRow = (cells: string[], bold: boolean) => {
    const y = pdf.y;
    let x = MARGIN;
    pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor(INK);
    cells.forEach((cell, i) => {
      pdf.text(cell, x + 3, y + 3, { width: widths[i] - 6, height: ROW - 2, ellipsis: true, lineBreak: false, align: right(section.columns[i]) ? 'right' : 'left' });
      x += widths[i];
    });
    pdf.moveTo(MARGIN, y + ROW).lineTo(MARGIN + width, y + ROW).lineWidth(0.3).strokeColor('#cbd2d9').stroke();
    pdf.x = MARGIN;
    pdf.y = y + ROW;
  };
  const header = () => {
    pdf.rect(MARGIN, pdf.y, width, ROW).fill('#e6f4f2');
    drawRow(section.columns.map((c) => c.label), true);
  };
  header();
  for (const row of section.rows) {
    if (pdf.y + ROW > pdf.page.height - MARGIN) {
      pdf.addPage();
      header();
    }
    drawRow(row.map((v, i) => text(v, section.columns[i], doc)), false);
  }
}

function chart(pdf: PDFKit.PDFDocument, section: Section, width: number, doc: ReportDocument): void {
  const col = section.chartColumn!;
  const values = section.rows.map((r) => (typeof r[col] === 'number' ? (r[col] as number) : 0));
  const max = Math.max(...values.map(Math.abs), 1);
  const bar = 11;
  ensureRoom(pdf, values.length * (bar + 3) + 10);
  const labelWidth = 170;
  const area = Math.min(width - labelWidth - 90, 420);
  let y = pdf.y + 2;
  section.rows.forEach((r, i) => {
    const v = values[i];
    pdf.font('Helvetica').fontSize(8).fillColor(INK).text(String(r[0] ?? ''), MARGIN, y + 1, { width: labelWidth - 8, ellipsis: true, lineBreak: false });
    const w = (Math.abs(v) / max) * area;
    pdf.rect(MARGIN + labelWidth, y, Math.max(w, 0.5), bar).fill(v < 0 ? '#b91c1c' : ACCENT);
    const label = section.columns[col].kind === 'money' ? formatRupiahCompact(v) : text(v, section.columns[col], doc);
    pdf.fillColor(INK).text(label, MARGIN + labelWidth + w + 4, y + 1, { lineBreak: false });
    y += bar + 3;
  });
  pdf.x = MARGIN;
  pdf.y = y + 6;
}
