/** `imzala pki demo DIR` and `imzala demo [DIR]`: TEST certificates, a sample signed twice, checked. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeDemoHierarchy } from '../pki-demo/write-demo.js';
import { samplePdf } from '../demo/sample-pdf.js';
import { dataDir } from '../node/config.js';
import { parseArgs, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { signCommand } from './sign-command.js';
import { verifyCommand } from './verify-command.js';

const DEMO_PASSWORD = 'test';

export async function pkiCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['crl-base-url'] });
  const [sub, dir, ...extra] = args.positional;
  if (sub !== 'demo' || !dir || extra.length) throw new UsageError('usage: imzala pki demo DIR');
  const crlBaseUrl = args.values.get('crl-base-url')?.[0];
  const { files } = await writeDemoHierarchy(resolve(dir), { p12Password: DEMO_PASSWORD, ...(crlBaseUrl ? { crlBaseUrl } : {}) });
  io.out(`TEST PKI -> ${resolve(dir)} (${files.length} files; every name says TEST; .p12 password: "${DEMO_PASSWORD}")`);
  io.out(`trust anchor: ${join(resolve(dir), 'trust', 'rca.pem')}`);
  return 0;
}

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['lang'] });
  if (args.positional.length > 1) throw new UsageError('usage: imzala demo [DIR]');
  const dir = resolve(args.positional[0] ?? join(dataDir(io.env), 'demo'));
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'trust', 'rca.pem'))) await pkiCommand(['demo', dir], io);
  const original = join(dir, 'muqavile.pdf');
  writeFileSync(original, samplePdf(['TEST muqavile (sample contract)', 'Party 1: TEST citizen', 'Party 2: TEST company']));
  const env = { ...io.env, IMZALA_DEMO_PASS: DEMO_PASSWORD };
  const demoIo: CliIo = { ...io, env };
  const once = join(dir, 'muqavile-imzali-1.pdf');
  const twice = join(dir, 'muqavile-imzali-2.pdf');
  const lang = args.values.get('lang') ?? [];
  const langArgs = lang.length ? ['--lang', lang[0]!] : [];
  for (const [input, out, who] of [
    [original, once, 'citizen'],
    [once, twice, 'business'],
  ] as const) {
    const rc = await signCommand([input, '--out', out, '--p12', join(dir, `${who}.p12`), '--pass-env', 'IMZALA_DEMO_PASS', '--reason', 'TEST'], demoIo);
    if (rc !== 0) return rc;
  }
  // The TEST certificates name CRL addresses under crl.imzala.test, which nothing serves: check offline.
  io.out(`\n$ imzala verify ${twice} --trust ${join(dir, 'trust')} --offline`);
  return verifyCommand([twice, '--trust', join(dir, 'trust'), '--offline', ...langArgs], demoIo);
}
