/** The TEST hierarchy written by `imzala pki demo`, as tests use it. */
import { join } from 'node:path';
import { imzala } from './cli.js';

export interface DemoPki {
  dir: string;
  trust: string;
  root: string;
  chain: string;
  crl: string;
  p12(name: 'citizen' | 'business' | 'expired' | 'revoked'): string;
  cert(name: 'citizen' | 'business' | 'expired' | 'revoked'): string;
  key(name: 'citizen' | 'business' | 'expired' | 'revoked'): string;
  password: string;
}

export function writeDemoPki(dir: string): DemoPki {
  const r = imzala(['pki', 'demo', dir]);
  if (r.status !== 0) throw new Error(`imzala pki demo failed: ${r.stderr}`);
  return {
    dir,
    trust: join(dir, 'trust'),
    root: join(dir, 'trust', 'rca.pem'),
    chain: join(dir, 'chain.pem'),
    crl: join(dir, 'ica.crl'),
    p12: (name) => join(dir, `${name}.p12`),
    cert: (name) => join(dir, `${name}.pem`),
    key: (name) => join(dir, `${name}.key.pem`),
    password: 'test',
  };
}
