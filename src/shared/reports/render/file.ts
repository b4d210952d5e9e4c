import { renderCsv } from './csv.js';
import { renderPdf } from './pdf.js';
import { renderXlsx } from './xlsx.js';
import type { ReportDocument, ReportFileFormat } from './document.js';

/** A report document as the bytes of a CSV, Excel or PDF file. */
export async function renderReportFile(doc: ReportDocument, format: ReportFileFormat): Promise<Buffer> {
  if (format === 'csv') return renderCsv(doc);
  if (format === 'xlsx') return renderXlsx(doc);
  return renderPdf(doc);
}
