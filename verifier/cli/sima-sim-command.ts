/**
 * `imzala sima-sim URL [--person NAME] [--pki DIR] [--cancel]`: the SİMA app SIMULATOR "scans" a QR code (its URL, or
 * the sima:// link) and does what the app does: GETDATA with ts-cert/ts-sign, signs with the demo PKI's TEST SİMA
 * person (default sima-citizen in $IMZALA_DATA_DIR/demo-pki), and posts the callback. For development and demos of a
 * service started with IMZALA_SIMA=simulator; it signs nothing for a real person.
 */
import { join, resolve } from 'node:path';
import { loadSimaTestPerson, simulateSimaPhone } from '../providers/sima/phone-simulator.js';
import { dataDir } from '../node/config.js';
import { parseArgs, single, UsageError } from './args.js';
import type { CliIo } from './io.js';

const USAGE = 'usage: imzala sima-sim URL [--person NAME] [--pki DIR] [--cancel]';

export async function simaSimCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: ['person', 'pki', 'lang'], switches: ['cancel'] });
  const [url, ...extra] = args.positional;
  if (!url || extra.length) throw new UsageError(USAGE);
  const person = single(args, 'person') ?? 'sima-citizen';
  if (!/^[a-z0-9-]+$/.test(person)) throw new UsageError('--person is a demo file name such as sima-citizen');
  const pki = resolve(single(args, 'pki') ?? join(dataDir(io.env), 'demo-pki'));
  const result = await simulateSimaPhone(url, await loadSimaTestPerson(pki, person), { cancel: args.switches.has('cancel') });
  io.out(`SİMA simulator: operation ${result.operationId}`);
  io.out(`  GETDATA  -> HTTP ${result.getData.status}`);
  if (result.callback) io.out(`  callback -> HTTP ${result.callback.status} ${JSON.stringify(result.callback.body)}`);
  return result.callback?.status === 200 ? 0 : 1;
}
