import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, type FakeElectron } from '../../fakes/electron.js';

type Bridge = { invoke(method: unknown, input: unknown): Promise<unknown>; onEvent(cb: unknown): () => void };

let fakeElectron: FakeElectron;

/** What the preload put on window.simpul. */
async function loadPreload(): Promise<Bridge> {
  return fakeElectron.contextBridge.exposed.get('simpul') as Bridge;
}

// Run the real preload file, as Electron would, against a fresh fake 'electron' each time.
beforeEach(async () => {
  fakeElectron = createFakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fakeElectron);
  await import('../../../electron/preload.js');
});

describe('preload', () => {
  it('exposes window.simpul and nothing else', async () => {
    await loadPreload();
    expect([...fakeElectron.contextBridge.exposed.keys()]).toEqual(['simpul']);
  });

  it('window.simpul has exactly two functions, invoke and onEvent', async () => {
    const bridge = await loadPreload();
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    // ipcRenderer must not be reachable through the bridge, not even as a property of a function.
    for (const value of Object.values(bridge)) {
      expect(Object.values(value as object)).not.toContain(fakeElectron.ipcRenderer);
    }
  });

  it('invoke goes through simpul:invoke with the method and input', async () => {
    const bridge = await loadPreload();
    fakeElectron.ipcRenderer.invokeResult = { ok: true, value: { initialised: true } };
    expect(await bridge.invoke('setup.status', {})).toEqual({ ok: true, value: { initialised: true } });
    expect(fakeElectron.ipcRenderer.invocations).toEqual([['simpul:invoke', 'setup.status', {}]]);
  });

  it('invoke refuses a method that is not a string without touching IPC', async () => {
    const bridge = await loadPreload();
    for (const method of [undefined, 42, { toString: () => 'auth.me' }, '', 'x'.repeat(101)]) {
      expect(await bridge.invoke(method, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    }
    expect(fakeElectron.ipcRenderer.invocations).toEqual([]);
  });

  it('onEvent delivers only the payload of simpul:event and unsubscribes', async () => {
    const bridge = await loadPreload();
    const received: unknown[][] = [];
    const unsubscribe = bridge.onEvent((...args: unknown[]) => received.push(args));
    const ipcEvent = { sender: fakeElectron.ipcRenderer, ports: [] };
    fakeElectron.ipcRenderer.emit('simpul:event', ipcEvent, { type: 'customers.changed', ids: ['c1'] });
    fakeElectron.ipcRenderer.emit('other:channel', ipcEvent, { type: 'session.ended' });
    expect(received).toEqual([[{ type: 'customers.changed', ids: ['c1'] }]]);

    unsubscribe();
    fakeElectron.ipcRenderer.emit('simpul:event', ipcEvent, { type: 'session.ended' });
    expect(received).toHaveLength(1);
    expect(fakeElectron.ipcRenderer.listenerCount('simpul:event')).toBe(0);
  });

  it('onEvent refuses a non-function listener', async () => {
    const bridge = await loadPreload();
    expect(() => bridge.onEvent('alert(1)')).toThrow(TypeError);
    expect(fakeElectron.ipcRenderer.listenerCount('simpul:event')).toBe(0);
  });
});
