/** `imzala serve` (what `npm start` runs): the verification service, until SIGINT/SIGTERM. Configured by the environment over the optional configuration file. */
import { withConfigFile } from '../node/config-file.js';
import { loadServerConfig } from '../server/config.js';
import { startServer } from '../server/server.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';

export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, {});
  if (args.positional.length) throw new UsageError('usage: imzala serve (configured by environment variables or imzala.config.json, see README)');
  const server = await startServer(loadServerConfig(withConfigFile(io.env)), { log: io.out });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
