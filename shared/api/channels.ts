/**
 * The names of the renderer↔main calls. Kept apart from their schemas so the preload (which must stay
 * tiny) can check a channel name without bundling the validation library.
 */
export const CHANNELS = [
  'app.info',
  'packs.active',
  'calc.compute',
  'settings.get',
  'settings.set',
  'cases.save',
  'cases.get',
  'cases.revision',
  'cases.void',
  'cases.search',
  'cases.export',
  'backup.now',
  'backup.list',
  'backup.status',
  'backup.restore',
  'data.check',
  'data.reopen',
  'print.record',
  'print.printers',
  'print.run',
  'print.pdf',
  'campaign.load',
  'campaign.print',
  'campaign.pdf',
  'campaign.record',
  'packs.list',
  'packs.get',
  'packs.diff',
  'packs.saveLocal',
  'packs.activate',
  'packs.export',
  'packs.import',
  'keys.list',
  'keys.add',
  'keys.remove',
  'keys.generate',
  'recalc.start',
  'recalc.status',
  'recalc.cancel',
  'recalc.reports',
  'recalc.report',
  'recalc.exportReport',
  'countySync.status',
  'countySync.connect',
  'countySync.trust',
  'countySync.send',
  'countySync.exportBundle',
  'countySync.importReceipt',
  'countySync.fetchPack',
  'roster.read',
  'roster.check',
  'roster.import',
  'roster.presets',
  'roster.savePreset',
  'roster.deletePreset',
  'roster.words',
  'roster.saveWords',
  'roster.batches',
  'village.start',
  'village.status',
  'village.cancel',
  'village.table',
  'village.export',
] as const;

export type Channel = (typeof CHANNELS)[number];

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && CHANNEL_SET.has(name);
}

/** The IPC event carrying menu commands from the main process to the page. */
export const MENU_EVENT = 'menu:command';

/** Menu commands the main process sends to the renderer (Electron only; the browser uses keys). */
export const MENU_COMMANDS = ['new', 'save', 'print', 'exportPdf', 'history', 'packs', 'settings', 'about', 'backupNow'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
