/**
 * The deb package's homepage and maintainer. Debian requires both and electron-builder refuses a deb
 * without them, but the project has published neither a web page nor a contact address yet; invented
 * ones would end up in every installed package's metadata. So electron-builder.yml leaves them out and
 * `npm run dist` takes them at release time from HUIMIN_HOMEPAGE ("https://…") and HUIMIN_MAINTAINER
 * ("惠民政策测算台开发组 <address>"), refusing a deb build without them before anything is built.
 */
export const HOMEPAGE_ENV = 'HUIMIN_HOMEPAGE';
export const MAINTAINER_ENV = 'HUIMIN_MAINTAINER';

/** electron-builder options for the values given; the names of the variables missing or malformed. */
export function releaseMetadataArgs(env: NodeJS.ProcessEnv): { args: string[]; missing: string[] } {
  const args: string[] = [];
  const missing: string[] = [];
  const homepage = env[HOMEPAGE_ENV]?.trim();
  if (homepage && /^https?:\/\/\S+$/.test(homepage)) args.push(`--config.extraMetadata.homepage=${homepage}`);
  else missing.push(`${HOMEPAGE_ENV}（项目主页，如 https://…）`);
  const maintainer = env[MAINTAINER_ENV]?.trim();
  if (maintainer && /^.+ <[^@\s<>]+@[^@\s<>]+>$/.test(maintainer)) args.push(`--config.linux.maintainer=${maintainer}`);
  else missing.push(`${MAINTAINER_ENV}（维护者，如 惠民政策测算台开发组 <邮箱>）`);
  return { args, missing };
}

/**
 * Whether these electron-builder arguments build a deb: Linux targets (--linux, or no platform
 * given on a Linux machine) with deb among them (none named: the config's, which include deb),
 * and not just the unpacked folder (--dir).
 */
export function buildsDeb(builderArgs: readonly string[], platform: NodeJS.Platform): boolean {
  if (builderArgs.includes('--dir')) return false;
  const linuxAt = builderArgs.findIndex((arg) => arg === '--linux' || arg === '-l');
  const anyPlatform = builderArgs.some((arg) => ['--linux', '-l', '--win', '-w', '--windows', '--mac', '-m', '--macos'].includes(arg));
  if (linuxAt < 0) return !anyPlatform && platform === 'linux';
  const named: string[] = [];
  for (const arg of builderArgs.slice(linuxAt + 1)) {
    if (arg.startsWith('-')) break;
    named.push(...arg.split(',').map((target) => target.split(':')[0] as string));
  }
  return named.length === 0 || named.includes('deb');
}
