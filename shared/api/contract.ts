/**
 * The renderer↔main API, defined once: for each channel, the schema its payload must pass and the type
 * of what it returns. The preload, the Electron IPC handlers, the `npm run web` host and the renderer's
 * client all take their types from here, and both transports dispatch through one handler table.
 */
import { z } from 'zod';
import type { Result } from '../errors';
import type { RawPack } from '../packs/types';
import type { CalcResult } from '../result/types';
import type { Channel } from './channels';

export interface AppInfo {
  productName: string;
  version: string;
  transport: 'electron' | 'web';
  platform: string;
  dataDir: string;
  databasePath: string;
  portable: boolean;
  pack: { id: string; version: string; title: string; validFrom: string; source: 'shipped' | 'local' };
}

export const SETTING_KEYS = [
  'operatorName',
  'officeName',
  'officePhone',
  'supervisionHotline',
  'fontScale',
  'backupDir',
  'backupRetentionDays',
  'autoBackup',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** What each setting holds; the schema is the one check for both the UI form and the API. */
export const settingSchemas = {
  operatorName: z.string().trim().max(20, { message: '经办人姓名不能超过20个字' }),
  officeName: z.string().trim().max(40, { message: '单位名称不能超过40个字' }),
  officePhone: z.string().trim().max(30, { message: '联系电话不能超过30个字符' }),
  supervisionHotline: z.string().trim().max(30, { message: '监督电话不能超过30个字符' }),
  fontScale: z.number().min(0.9, { message: '字号比例不能小于0.9' }).max(1.6, { message: '字号比例不能大于1.6' }),
  backupDir: z.string().trim().max(400, { message: '备份文件夹路径过长' }),
  backupRetentionDays: z.number().int({ message: '保留天数应为整数' }).min(1, { message: '至少保留1天' }).max(3650, { message: '保留天数不能超过3650天' }),
  autoBackup: z.boolean(),
} satisfies Record<SettingKey, z.ZodType>;

export type Settings = { [K in SettingKey]: z.output<(typeof settingSchemas)[K]> };

const settingChange = z.union(
  SETTING_KEYS.map((key) => z.strictObject({ key: z.literal(key), value: settingSchemas[key] })) as unknown as [
    z.ZodType,
    z.ZodType,
    ...z.ZodType[],
  ],
);

const none = z.undefined().or(z.strictObject({}));

/** Declares a channel: its payload schema and (as a type only) its result: channel<Result>()(schema). */
function channel<Output>() {
  return <Input extends z.ZodType>(input: Input) => ({ input, output: undefined as unknown as Output });
}

export const apiContract = {
  'app.info': channel<AppInfo>()(none),
  'packs.active': channel<RawPack>()(none),
  /** the authoritative result, computed by the main process with the pack in force */
  'calc.compute': channel<CalcResult>()(z.strictObject({ case: z.unknown(), overrides: z.record(z.string(), z.unknown()).optional() })),
  'settings.get': channel<Settings>()(none),
  'settings.set': channel<Settings>()(settingChange),
} satisfies Record<Channel, { input: z.ZodType; output: unknown }>;

export type ApiInput<C extends Channel> = z.input<(typeof apiContract)[C]['input']>;
export type ApiParsedInput<C extends Channel> = z.output<(typeof apiContract)[C]['input']>;
export type ApiOutput<C extends Channel> = (typeof apiContract)[C]['output'];
export type ApiResponse<C extends Channel> = Result<ApiOutput<C>>;

/** The one object the preload puts on `window.api` (Electron); the browser client has the same shape. */
export interface WindowApi {
  transport: 'electron' | 'web';
  invoke<C extends Channel>(channel: C, input: ApiInput<C>): Promise<ApiResponse<C>>;
  /** menu commands from the application menu (Electron); returns an unsubscribe function */
  onMenu(listener: (command: string) => void): () => void;
}
