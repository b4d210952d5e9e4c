/**
 * Preload of every window. Sandboxed: only 'electron' may be required, so
 * the bundle imports nothing else at runtime (scripts/build-node.mjs checks).
 * Exposes exactly window.simpul = { invoke, onEvent }: no ipcRenderer, no
 * IPC event objects, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('simpul', createBridge(ipcRenderer));
