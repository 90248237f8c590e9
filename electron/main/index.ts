/**
 * The Electron main process: thin wiring over the Node services. Hardened per Electron's security
 * checklist: isolated, sandboxed renderer without Node; the app's files served from a privileged
 * app:// scheme with the CSP header; navigation, new windows, webviews and permission requests denied;
 * every IPC message's sender checked and its payload validated (ipc.ts); one instance at a time.
 */
import { app, BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { createHandlerTable } from '../handlers';
import { createServices, type Services } from '../services';
import { chooseDataDir, dataDirArgument } from '../services/dataDir';
import { useNativeBinding } from '../services/store/db';
import { sqliteBindingFromEnv } from '../services/store/sqliteBinding';
import { APP_ORIGIN, registerAppProtocol, registerAppScheme } from './appProtocol';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { electronPrintService } from './windowPrinter';
import { secureWebPreferences } from './windowOptions';

registerAppScheme();
// Chinese date pickers, spell-check and built-in dialogs whatever the PC's display language
app.commandLine.appendSwitch('lang', 'zh-CN');

let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;

function rendererEntry(): string {
  // electron-vite dev server during development; the built files (app://) otherwise
  return !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : `${APP_ORIGIN}/index.html`;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: '惠民政策测算台',
    show: false,
    autoHideMenuBar: false,
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererEntry());
  return window;
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(APP_ORIGIN) && !(process.env.ELECTRON_RENDERER_URL && url.startsWith(process.env.ELECTRON_RENDERER_URL))) {
        event.preventDefault();
      }
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    // from a checkout, the Electron build of better-sqlite3 that scripts/start.ts prepared
    useNativeBinding(sqliteBindingFromEnv(process.env, app.isPackaged));
    const choice = chooseDataDir({
      explicit: dataDirArgument(process.argv),
      executablePath: app.isPackaged ? app.getPath('exe') : undefined,
      userDataDir: app.getPath('userData'),
    });
    services = createServices({
      dataDir: choice.dataDir,
      portable: choice.portable,
      transport: 'electron',
      // prints the window the request came from (the only one: the main window)
      print: electronPrintService(() => BrowserWindow.getFocusedWindow() ?? mainWindow),
    });
    hardenContents();
    registerAppProtocol(join(__dirname, '../renderer'));
    registerIpc(createHandlerTable(services), () => mainWindow);
    mainWindow = createWindow();
    buildMenu(() => mainWindow, {
      openDataFolder: () => void shell.openPath(choice.dataDir),
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
    });
  });

  app.on('window-all-closed', () => {
    services?.close();
    app.quit();
  });
}
