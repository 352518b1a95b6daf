import { contextBridge, ipcRenderer } from 'electron';
import { fail } from '../../shared/api/errors';

// The renderer's only door to the core: one call, never ipcRenderer itself, so a compromised page
// cannot reach other channels. The main process checks sender, method and input again.
contextBridge.exposeInMainWorld('regulars', {
  call: (method: string, input: unknown): Promise<unknown> => {
    // Answered here in the usual envelope so the renderer handles it like any other failure.
    if (typeof method !== 'string') return Promise.resolve(fail('UNKNOWN_METHOD'));
    // The main process passes a worker's reply on as JSON text when it came so (main/core/encoded-reply.ts).
    return ipcRenderer
      .invoke('regulars:call', method, input)
      .then((r: unknown) => (typeof r === 'string' ? (JSON.parse(r) as unknown) : r));
  },
});
