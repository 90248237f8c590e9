/**
 * Entry of `npm run web`: opens the services for the data folder (the same one the desktop app uses,
 * unless --data-dir is given), starts the host on 127.0.0.1 and prints the address to open.
 *   npm run web -- [--port 5180] [--data-dir /path]
 */
import { resolve } from 'node:path';
import { createHandlerTable } from '../handlers';
import { createServices } from '../services';
import { chooseDataDir, dataDirArgument } from '../services/dataDir';
import { startWebHost } from './server';

function portArgument(argv: readonly string[]): number | undefined {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index < 0) return undefined;
  const arg = argv[index] as string;
  const value = arg.includes('=') ? arg.slice('--port='.length) : argv[index + 1];
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`端口号不正确：${String(value)}`);
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const choice = chooseDataDir({ explicit: dataDirArgument(argv) });
  const services = createServices({ dataDir: choice.dataDir, portable: choice.portable, transport: 'web' });
  const host = await startWebHost({
    table: createHandlerTable(services),
    rendererDir: resolve(__dirname, '../../out/renderer'),
    port: portArgument(argv) ?? 0,
  });
  const shutdown = () => {
    void host.close().then(() => {
      services.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  const access = services.access();
  process.stdout.write(
    `惠民政策测算台（浏览器模式）已启动\n数据文件夹：${choice.dataDir}\n${access.writable ? '' : `只读：${access.reason}\n`}请在浏览器中打开：${host.url}\n（仅限本机访问；按 Ctrl+C 停止）\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`启动失败：${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
