/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Print stack traces of unexpected errors (IMZALA_DEBUG=1). */
  debug: boolean;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    env: process.env,
    debug: process.env.IMZALA_DEBUG === '1',
  };
}
