/**
 * The Electron transport of the handler table. Each channel is registered once; a message is served
 * only when it comes from the app's own main frame (app://renderer, or the dev server in development),
 * and its payload is validated by dispatch() before any service sees it, under the same limits as the
 * web host's (shared/api/replyLimits.ts: forbidden keys, malformed text, bounded error replies).
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/api/channels';
import type { Result } from '../../shared/errors';
import { dispatch, type HandlerTable } from '../handlers';
import { APP_ORIGIN } from './appProtocol';

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | undefined): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window.webContents || frame !== window.webContents.mainFrame) return false;
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  return frame.url.startsWith(`${APP_ORIGIN}/`) || (devUrl !== undefined && frame.url.startsWith(devUrl));
}

export function registerIpc(table: HandlerTable, currentWindow: () => BrowserWindow | undefined): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, currentWindow())) {
        return { ok: false, errors: [{ message: '拒绝访问：请求不是来自本程序的窗口', path: '' }] };
      }
      return dispatch(table, channel, payload);
    });
  }
}
