/**
 * The private keys of the county exchange are readable by their owner only: the county server's key
 * (its signature is what every office trusts) with the pages' access token, and each office's own key
 * (its identity at the county). POSIX permissions; Windows keeps user folders private by its ACLs.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCountyFolder } from '../../../county/config';
import { CountyLink } from '../../../electron/services/countySync/link';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe.runIf(process.platform !== 'win32')('key files', () => {
  it('the county server key and access token: owner only, and kept across starts', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'huimin-county-keys-')), 'county-server');
    const first = openCountyFolder(dir, '某某县');
    for (const file of ['server-key.pem', 'access-token']) expect(modeOf(join(dir, file)), file).toBe(0o600);
    expect(modeOf(dir)).toBe(0o700);
    const again = openCountyFolder(dir);
    expect(again.serverKey.fingerprint).toBe(first.serverKey.fingerprint);
    expect(again).toMatchObject({ token: first.token, name: '某某县' });
  });

  it("the office's key: owner only, made once", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'huimin-office-key-'));
    const fingerprint = new CountyLink(dataDir).officeKey().fingerprint;
    expect(modeOf(join(dataDir, 'county-link', 'office-key.pem'))).toBe(0o600);
    expect(new CountyLink(dataDir).officeKey().fingerprint).toBe(fingerprint);
  });
});
