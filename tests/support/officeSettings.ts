/**
 * The office the tests print for: its name and phones appear on every handout the tests read, and
 * 李经办 is the operator the store requires before it saves. One place, so the golden handout hashes,
 * the handout tests and the e2e pages all print the same office.
 */
import type { Settings } from '../../shared/api/contract';

export const OFFICE_SETTINGS: Settings = {
  operatorName: '李经办',
  officeName: '镇平县马山口镇便民服务中心',
  officePhone: '0377-65000000',
  supervisionHotline: '12345',
  fontScale: 1,
  backupDir: '',
  backupRetentionDays: 30,
  autoBackup: false,
};
