import { contract, makeError, type InputOf, type Method, type OutputOf, type Result } from '../../shared/api/index.js';
import { createTransport, type AppTransport } from '../transport/index.js';
import { currentLocale } from '../i18n/index.js';

/** The one transport of this window; null when browser mode was opened without the host's secret. */
export const transport: AppTransport | null = createTransport(currentLocale);

let onSessionLost: (() => void) | null = null;

/** Called when a signed-in call comes back NOT_SIGNED_IN (session expired or ended elsewhere). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

export async function call<M extends Method>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
  if (!transport) return { ok: false, error: makeError('BAD_SECRET', currentLocale()) };
  const result = await transport.invoke(method, input);
  if (!result.ok && result.error.code === 'NOT_SIGNED_IN' && contract[method].access !== 'anonymous') onSessionLost?.();
  return result;
}
