/**
 * 设置: one row per key, the value as JSON. A key never written (or holding a value a later version no
 * longer accepts) reads as its default, so a new setting needs no migration.
 */
import { isAbsolute } from 'node:path';
import { SETTING_KEYS, settingChangeSchema, settingSchemas, type SettingKey, type Settings } from '../../../shared/api/contract';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Connection } from './connection';
import { parseRequest } from './schemas';

export const SETTING_DEFAULTS: Settings = {
  operatorName: '',
  officeName: '',
  officePhone: '',
  supervisionHotline: '',
  fontScale: 1,
  /** empty: the "backups" folder inside the data folder */
  backupDir: '',
  backupRetentionDays: 30,
  autoBackup: true,
};

export class SettingsStore {
  constructor(private readonly conn: Connection) {}

  get(): Settings {
    const settings: Record<string, unknown> = { ...SETTING_DEFAULTS };
    const rows = this.conn.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    for (const row of rows) {
      if (!(SETTING_KEYS as readonly string[]).includes(row.key)) continue;
      let value: unknown;
      try {
        value = JSON.parse(row.value);
      } catch {
        continue;
      }
      const parsed = settingSchemas[row.key as SettingKey].safeParse(value);
      if (parsed.success) settings[row.key] = parsed.data;
    }
    return settings as Settings;
  }

  /**
   * The 经办人 a revision or a printing is recorded under: the one given, else 设置's 经办人姓名. The one
   * check for saving, printing and 重新测算, refused at one path ('operator'); `why` says what needs it.
   */
  operator(given?: string, why = ''): Result<string> {
    const operator = given ?? this.get().operatorName.trim();
    return operator === '' ? fail(`请先在“设置”中填写经办人姓名${why}`, 'operator') : ok(operator);
  }

  /** One setting changed ({ key, value }, as the settings.set channel sends it); returns them all. */
  set(change: unknown): Result<Settings> {
    const parsed = parseRequest(settingChangeSchema, change);
    if (!parsed.ok) return parsed;
    const { key, value } = parsed.value as { key: SettingKey; value: unknown };
    if (key === 'backupDir' && value !== '' && !isAbsolute(value as string)) {
      return fail('备份文件夹请选择完整路径（如 E:\\惠民备份）', 'value');
    }
    this.conn
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, JSON.stringify(value));
    return ok(this.get());
  }
}
