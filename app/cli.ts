/**
 * `sotto`: the app core without Electron, either headless (JSON-RPC on stdio) or
 * in browser mode (the renderer served on loopback with a token).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliArgs, USAGE } from './cli-args';
import { createCore } from './core/create-core';
import { stderrLogger } from './log';
import { defaultProfileDir, ensureProfileDir } from './profile';
import { startBrowserServer } from './transport/browser-server';
import { serveStdio } from './transport/stdio';

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sotto: ${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stderr.write(USAGE);
    return;
  }
  const logger = stderrLogger(options.logLevel);
  const profileDir = await ensureProfileDir(options.profileDir ?? defaultProfileDir());
  const core = await createCore({ profileDir, frontEnd: options.mode, logger });
  const stop = async () => {
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  if (options.mode === 'headless') {
    logger.log('info', `headless mode, profile ${profileDir}`);
    await serveStdio(core, process.stdin, process.stdout);
    await stop();
    return;
  }
  // The bundle lives in dist/app/; the built renderer beside it in dist/renderer/.
  const staticDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const server = await startBrowserServer({ core, staticDir, port: options.port });
  logger.log('info', `browser mode, profile ${profileDir}`);
  // The one line a user needs, on stdout, like Jupyter's.
  process.stdout.write(
    `Sotto is running in browser mode. Open this address in a browser:\n    ${server.url}\nIt works once: open it in the browser you will use (that browser can reload and open more tabs).\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`sotto: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
