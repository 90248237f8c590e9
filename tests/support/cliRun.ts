/** The contract's command line run in memory: files and standard input given, stdout and stderr captured. */
import { runCalcCli } from '../../electron/cli/calcCli';
import { pack } from './calc';

export async function runCli(argv: string[], files: Record<string, string> = {}, stdin = '', today = '2026-11-23') {
  let stdout = '';
  let stderr = '';
  const code = await runCalcCli(argv, {
    readText: async (path) => {
      if (!(path in files)) throw new Error('ENOENT');
      return files[path] as string;
    },
    readStdin: async () => stdin,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    today,
    defaultPack: pack,
  });
  return { code, stdout, stderr };
}
