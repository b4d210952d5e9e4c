import type { CoreEvent, InputOf, Method, OutputOf, Result, Transport } from '../../shared/api/index.js';
import { makeError, type Locale } from '../../shared/api/errors.js';

/** What the Electron preload exposes; the main process holds the session. */
export interface SimpulBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

declare global {
  interface Window {
    simpul?: SimpulBridge;
  }
}

export class IpcTransport implements Transport {
  constructor(
    private readonly bridge: SimpulBridge,
    private readonly locale: () => Locale,
  ) {}

  async invoke<M extends Method>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
    try {
      return (await this.bridge.invoke(method, input ?? {})) as Result<OutputOf<M>>;
    } catch {
      // The relay itself failed (core restarting): nothing reached the database.
      return { ok: false, error: makeError('UNAVAILABLE', this.locale()) };
    }
  }

  onEvent(listener: (event: CoreEvent) => void): () => void {
    return this.bridge.onEvent(listener);
  }
}
