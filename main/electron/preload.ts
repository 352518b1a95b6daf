import { contextBridge, ipcRenderer } from 'electron';

// The renderer's only door to the core: one typed call, checked again in the main process.
contextBridge.exposeInMainWorld('regulars', {
  call: (method: string, input: unknown) => {
    if (typeof method !== 'string') return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    return ipcRenderer.invoke('regulars:call', method, input);
  },
});
