/**
 * The preload: exposes one typed `window.api` and nothing else. It forwards calls on known channels to
 * the main process (which validates them again) and menu commands to the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, MENU_COMMANDS, MENU_EVENT } from '../../shared/api/channels';
import type { WindowApi } from '../../shared/api/contract';


const api: WindowApi = {
  transport: 'electron',
  invoke: (channel, input) => {
    if (!isChannel(channel)) return Promise.resolve({ ok: false, errors: [{ message: `未知的接口「${String(channel)}」`, path: '' }] });
    return ipcRenderer.invoke(channel, input);
  },
  onMenu: (listener) => {
    const handler = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string' && (MENU_COMMANDS as readonly string[]).includes(command)) listener(command);
    };
    ipcRenderer.on(MENU_EVENT, handler);
    return () => ipcRenderer.removeListener(MENU_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
