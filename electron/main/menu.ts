/**
 * The Chinese application menu. Shortcuts are handled by the page itself (so they work the same in
 * the browser); the menu shows them (registerAccelerator: false) and sends the command on click.
 */
import { app, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_EVENT, type MenuCommand } from '../../shared/api/channels';


export function buildMenu(currentWindow: () => BrowserWindow | undefined, actions: { openDataFolder: () => void }): void {
  const send = (command: MenuCommand) => () => currentWindow()?.webContents.send(MENU_EVENT, command);
  const shortcut = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建测算', ...shortcut('CmdOrCtrl+N'), click: send('new') },
        { label: '保存', ...shortcut('CmdOrCtrl+S'), click: send('save') },
        { type: 'separator' },
        { label: '打印…', ...shortcut('CmdOrCtrl+P'), click: send('print') },
        { label: '导出PDF…', click: send('exportPdf') },
        { type: 'separator' },
        { label: '立即备份', click: send('backupNow') },
        { label: '打开数据文件夹', click: actions.openDataFolder },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        // not registered: Ctrl+Z reaches the page, which undoes a deleted member or bill (新建测算) and
        // otherwise leaves the key to the text box's own undo
        { label: '撤销', role: 'undo', ...shortcut('CmdOrCtrl+Z') },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '查看',
      submenu: [
        { label: '历史记录', click: send('history') },
        { label: '政策参数', click: send('packs') },
        { label: '设置', click: send('settings') },
        { type: 'separator' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [{ label: `关于${app.getName()}`, click: send('about') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
