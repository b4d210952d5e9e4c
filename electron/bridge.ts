import type { IpcRendererEvent, ipcRenderer } from 'electron';
import { makeError, type Result } from '../src/shared/api/errors.js';
import type { CoreEvent } from '../src/shared/api/transport.js';
import { IPC_EVENT, IPC_INVOKE, MAX_METHOD_LENGTH } from './constants.js';

/**
 * window.simpul, as the preload builds it. Bundled into the sandboxed
 * preload: type-only Electron imports here, pure code otherwise.
 */

type IpcRendererLike = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export interface SimpulBridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

export function createBridge(ipc: IpcRendererLike): SimpulBridge {
  return {
    invoke(method: string, input: unknown): Promise<Result<unknown>> {
      if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
        return Promise.resolve({ ok: false, error: makeError('UNKNOWN_METHOD') });
      }
      return ipc.invoke(IPC_INVOKE, method, input) as Promise<Result<unknown>>;
    },
    onEvent(listener: (event: CoreEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      // Hand the page only the payload; the IpcRendererEvent would leak ipcRenderer (its `sender`).
      const relay = (_event: IpcRendererEvent, payload: CoreEvent): void => listener(payload);
      ipc.on(IPC_EVENT, relay);
      return () => {
        ipc.removeListener(IPC_EVENT, relay);
      };
    },
  };
}
