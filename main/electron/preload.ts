import { contextBridge, ipcRenderer } from 'electron';
import { fail } from '../../shared/api/errors';

// The renderer's only door to the core: one call, never ipcRenderer itself, so a compromised page
// cannot reach other channels. The main process checks sender, method and input again.
contextBridge.exposeInMainWorld('regulars', {
  call: (method: string, input: unknown): Promise<unknown> => {
    // Answered here in the usual envelope so the renderer handles it like any other failure.
    if (typeof method !== 'string') return Promise.resolve(fail('UNKNOWN_METHOD'));
    // A worker's reply may come as its JSON text (main/core/encoded-reply.ts): passed to the page as
    // it is, a string crossing the bridge is one copy; the page parses it (renderer/api/ipc.ts).
    return ipcRenderer.invoke('regulars:call', method, input);
  },
});
