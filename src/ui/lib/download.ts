import { call } from '../app/api.js';
import type { ApiError } from '../../shared/api/errors.js';

/**
 * Fetches a finished export in pieces (exports.read) and hands it to the
 * browser as a download. Works the same in Electron and browser mode: the
 * core never needs to know where the clerk saves it.
 */
export async function downloadExport(exportId: string, fileName: string): Promise<ApiError | null> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let offset = 0; ; ) {
    const piece = await call('exports.read', { exportId, offset });
    if (!piece.ok) return piece.error;
    parts.push(Uint8Array.from(atob(piece.value.chunk), (c) => c.charCodeAt(0)));
    offset = piece.value.nextOffset;
    if (piece.value.done) break;
  }
  const type = fileName.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv;charset=utf-8';
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** A File's bytes as base64 pieces of at most `size` bytes, for imports.upload. */
export async function* base64Pieces(file: File, size: number): AsyncGenerator<{ chunk: string; sent: number }> {
  for (let offset = 0; offset === 0 || offset < file.size; offset += size) {
    const bytes = new Uint8Array(await file.slice(offset, offset + size).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    yield { chunk: btoa(binary), sent: Math.min(file.size, offset + size) };
  }
}
