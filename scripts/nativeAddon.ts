/**
 * Facts about a compiled Node addon and the environment to build one for Electron, shared by the
 * packaging step (scripts/dist.ts) and the desktop start from a checkout (scripts/electronSqlite.ts).
 */
import { readFileSync } from 'node:fs';

/** The NODE_MODULE_VERSION a native addon was built for (its exported node_register_module_vNNN). */
export function addonAbi(file: string): string | undefined {
  return /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'))?.[1];
}

/**
 * The environment for an Electron rebuild. An npm `nodedir` setting (npm passes it on as
 * npm_config_nodedir; some machines set it to use the system's Node headers offline) makes node-gyp
 * compile better-sqlite3 against *Node's* headers even when @electron/rebuild asks for Electron's, and
 * @electron/rebuild then records the wrong build as done for Electron. Electron's headers must be used.
 */
export function electronBuildEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of Object.keys(copy)) if (/^npm_config_nodedir$/i.test(key)) delete copy[key];
  return copy;
}
