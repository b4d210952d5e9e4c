import type { InputOf } from '../../shared/api/contract.js';
import type { ApiError } from '../../shared/api/errors.js';
import { call } from '../app/api.js';

/**
 * Asks the core for an export and hands the file to the browser's download
 * (Electron shows its save dialog for the same). The file is made in the
 * core, never here: the window only receives its bytes.
 */
export async function downloadExport(input: InputOf<'reports.export'>): Promise<ApiError | null> {
  const result = await call('reports.export', input);
  if (!result.ok) return result.error;
  const bytes = Uint8Array.from(atob(result.value.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.value.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.value.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}
