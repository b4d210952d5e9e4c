import { HTTP, makeError, type CoreEvent, type InputOf, type Method, type OutputOf, type Result, type Transport } from '../../shared/api/index.js';
import type { Locale } from '../../shared/api/errors.js';

/**
 * Browser mode: RPC over POST /api/rpc/<method> and core events over
 * Server-Sent Events, both guarded by the per-start secret the host printed.
 * The session token is added once the clerk has signed in.
 */
export interface HttpTransportOptions {
  origin: string;
  secret: string;
  /** Language for errors made here (network failures); the server localises its own. */
  locale: () => Locale;
}

export class HttpTransport implements Transport {
  private session: string | null = null;
  private listeners = new Set<(event: CoreEvent) => void>();
  private events: EventSource | null = null;

  constructor(private readonly options: HttpTransportOptions) {}

  setSession(token: string | null): void {
    if (token === this.session) return;
    this.session = token;
    this.reconnectEvents();
  }

  async invoke<M extends Method>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [HTTP.secretHeader]: this.options.secret,
      // Language for errors before sign-in; afterwards the session's language counts.
      'x-simpul-locale': this.options.locale(),
    };
    if (this.session) headers[HTTP.sessionHeader] = this.session;
    let response: Response;
    try {
      response = await fetch(`${this.options.origin}${HTTP.rpcPath}${method}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: makeError('UNAVAILABLE', this.options.locale()) };
    }
    try {
      const body = (await response.json()) as Result<OutputOf<M>>;
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body;
    } catch {
      // fall through: a proxy page or a cut-off body is not a Result
    }
    return { ok: false, error: makeError('UNAVAILABLE', this.options.locale()) };
  }

  onEvent(listener: (event: CoreEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.events) this.reconnectEvents();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.closeEvents();
    };
  }

  private closeEvents(): void {
    this.events?.close();
    this.events = null;
  }

  private reconnectEvents(): void {
    this.closeEvents();
    if (!this.session || this.listeners.size === 0 || typeof EventSource === 'undefined') return;
    const params = new URLSearchParams({ secret: this.options.secret, session: this.session });
    const source = new EventSource(`${this.options.origin}${HTTP.eventsPath}?${params.toString()}`);
    source.onmessage = (message) => {
      let event: CoreEvent;
      try {
        event = JSON.parse(message.data as string) as CoreEvent;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) listener(event);
    };
    this.events = source;
  }
}
