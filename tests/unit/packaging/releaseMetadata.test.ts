/**
 * The deb's homepage and maintainer come from the release environment (scripts/releaseMetadata.ts):
 * passed to electron-builder when given, and a deb build refused up front when they are not.
 */
import { describe, expect, it } from 'vitest';
import { buildsDeb, releaseMetadataArgs } from '../../../scripts/releaseMetadata';

describe('release metadata from the environment', () => {
  it('well-formed values become electron-builder options', () => {
    expect(releaseMetadataArgs({ HUIMIN_HOMEPAGE: 'https://repo.invalid/huimin', HUIMIN_MAINTAINER: '惠民政策测算台开发组 <dev@mail.invalid>' })).toEqual({
      args: ['--config.extraMetadata.homepage=https://repo.invalid/huimin', '--config.linux.maintainer=惠民政策测算台开发组 <dev@mail.invalid>'],
      missing: [],
    });
  });

  it('missing, empty or malformed values are reported by variable name', () => {
    const none = releaseMetadataArgs({});
    expect(none.args).toEqual([]);
    expect(none.missing.map((m) => m.split('（')[0])).toEqual(['HUIMIN_HOMEPAGE', 'HUIMIN_MAINTAINER']);
    const bad = releaseMetadataArgs({ HUIMIN_HOMEPAGE: 'huimin.cn', HUIMIN_MAINTAINER: '开发组' });
    expect(bad.missing).toHaveLength(2);
    expect(releaseMetadataArgs({ HUIMIN_HOMEPAGE: ' ', HUIMIN_MAINTAINER: '' }).missing).toHaveLength(2);
  });
});

describe('which builds make a deb', () => {
  it('Linux with the configured targets, or with deb named', () => {
    expect(buildsDeb(['--linux'], 'win32')).toBe(true);
    expect(buildsDeb(['-l', 'deb'], 'win32')).toBe(true);
    expect(buildsDeb(['--linux', 'AppImage,deb:arm64', '--x64'], 'linux')).toBe(true);
    expect(buildsDeb([], 'linux')).toBe(true);
  });

  it('not Windows, not AppImage alone, not the unpacked folder', () => {
    expect(buildsDeb(['--win'], 'linux')).toBe(false);
    expect(buildsDeb([], 'win32')).toBe(false);
    expect(buildsDeb(['--linux', 'AppImage'], 'linux')).toBe(false);
    expect(buildsDeb(['--linux', '--dir'], 'linux')).toBe(false);
    expect(buildsDeb(['--dir'], 'linux')).toBe(false);
  });
});
