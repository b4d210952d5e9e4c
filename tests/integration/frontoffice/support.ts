import type { TestBranch } from '../../support/branch.js';
import { UPLOAD_CHUNK_BYTES } from '../../../src/shared/api/procedures/imports.js';

/** Sends a file through imports.upload in pieces, as the wizard does; returns the upload id. */
export async function upload(b: TestBranch, fileName: string, content: string | Buffer): Promise<string> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let uploadId: string | undefined;
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64');
    const r = await b.ok<{ uploadId: string }>('imports.upload', uploadId ? { uploadId, fileName, chunk } : { fileName, chunk });
    uploadId = r.uploadId;
  }
  return uploadId!;
}


/** Rows of every table the front office writes, straight from SQLite. */
export function frontOfficeCounts(b: TestBranch): Record<string, number> {
  const q = (sql: string) => b.core.services.db.sqlite.prepare(sql).pluck().get() as number;
  return {
    customers: q('SELECT count(*) FROM customers WHERE deleted = 0'),
    contacts: q('SELECT count(*) FROM contact_points WHERE deleted = 0'),
    transactions: q('SELECT count(*) FROM transactions WHERE voided_at IS NULL'),
    outbox: q('SELECT count(*) FROM sync_outbox'),
    relations: q('SELECT count(*) FROM customer_relations'),
    interactions: q('SELECT count(*) FROM interactions'),
  };
}

/** Signs a second account in and returns a caller bound to it. */
export async function staffSession(b: TestBranch, role: 'front_office' | 'back_office', username: string) {
  await b.ok('users.create', { username, displayName: `Staf ${username}`, password: 'kata-sandi-uji', role });
  const signIn = await b.core.call(null, 'auth.signIn', { username, password: 'kata-sandi-uji' });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  const token = (signIn.value as { sessionToken: string }).sessionToken;
  return (method: string, input: unknown) => b.core.call(token, method, input);
}
