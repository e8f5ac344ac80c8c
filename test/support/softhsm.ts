/**
 * A real PKCS#11 token for tests: SoftHSM2 with its own SOFTHSM2_CONF (token dir in a temp dir), holding the demo
 * people's keys (softhsm2-util --import) and their certificates plus the PCA/ICA certificates (C_CreateObject, same
 * CKA_ID as the key), as an Azerbaijani token holds a person's certificate and its issuers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { decodePem } from '../../core/encoding/pem.js';
import { Certificate } from '../../core/pki/certificate.js';
import { writeDemoPki, type DemoPki } from './demo-pki.js';

export const SOFTHSM_LIBRARY = '/usr/lib/softhsm/libsofthsm2.so';
export const TEST_TOKEN_LABEL = 'TEST imzala token';

type Person = 'citizen' | 'business';
/** CKA_ID of each person's key and certificate (hex). */
export const PERSON_KEY_IDS: Record<Person, string> = { citizen: '01', business: '02' };

export interface SoftHsmToken {
  conf: string;
  library: string;
  pin: string;
  soPin: string;
  env: { SOFTHSM2_CONF: string };
  pki: DemoPki;
  /** Deletes the token's files: SoftHSM then shows only its empty, uninitialized slot (no token). */
  remove(): void;
  /** Sets CKF_USER_PIN_LOCKED in the token's stored flags (SoftHSM2 itself never locks a PIN, see below). */
  markPinLocked(): void;
}

const require = createRequire(import.meta.url);

export interface CreateSoftHsmTokenOptions {
  dir: string;
  people?: Person[];
  pin: string;
  soPin: string;
  /** Reuse an already written demo PKI (else one is written under dir/pki). */
  pki?: DemoPki;
}

export function createSoftHsmToken({ dir, people = ['citizen'], pin, soPin, pki }: CreateSoftHsmTokenOptions): SoftHsmToken {
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { SOFTHSM2_CONF: conf };
  const toolEnv = { ...process.env, ...env };
  const demo = pki ?? writeDemoPki(join(dir, 'pki'));
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TEST_TOKEN_LABEL, '--pin', pin, '--so-pin', soPin], { env: toolEnv, stdio: 'pipe' });
  for (const person of people) {
    // softhsm2-util wants a bare PKCS#8 PEM; the demo key file starts with a comment line.
    const pkcs8 = join(dir, `${person}.pkcs8.pem`);
    execFileSync('openssl', ['pkey', '-in', demo.key(person), '-out', pkcs8]);
    execFileSync('softhsm2-util', ['--import', pkcs8, '--token', TEST_TOKEN_LABEL, '--label', person, '--id', PERSON_KEY_IDS[person], '--pin', pin], { env: toolEnv, stdio: 'pipe' });
    rmSync(pkcs8);
  }
  const objects: { der: Uint8Array; id: string; label: string }[] = people.map((person) => ({ der: certificatesIn(demo.cert(person))[0]!, id: PERSON_KEY_IDS[person], label: person }));
  certificatesIn(demo.chain).forEach((der, i) => objects.push({ der, id: `ca0${i + 1}`, label: `CA ${i + 1}` }));
  writeCertificates(conf, pin, objects);
  const token: SoftHsmToken = {
    conf,
    library: SOFTHSM_LIBRARY,
    pin,
    soPin,
    env,
    pki: demo,
    remove: () => {
      for (const entry of readdirSync(tokenDir)) rmSync(join(tokenDir, entry), { recursive: true, force: true });
    },
    markPinLocked: () => markPinLocked(conf, tokenDir),
  };
  return token;
}

function certificatesIn(file: string): Uint8Array[] {
  return decodePem(readFileSync(file, 'utf8')).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
}

/** Writes certificate objects through PKCS#11 in a child process (SOFTHSM2_CONF is read once per process). */
function writeCertificates(conf: string, pin: string, objects: { der: Uint8Array; id: string; label: string }[]): void {
  const input = JSON.stringify({
    library: SOFTHSM_LIBRARY,
    label: TEST_TOKEN_LABEL,
    pin,
    objects: objects.map((o) => ({ value: Buffer.from(o.der).toString('base64'), subject: Buffer.from(Certificate.fromDer(o.der).subject.der).toString('base64'), id: o.id, label: o.label })),
  });
  execFileSync(process.execPath, ['-e', CREATE_OBJECTS_SCRIPT], { env: { ...process.env, SOFTHSM2_CONF: conf, PKCS11JS: require.resolve('pkcs11js') }, input, stdio: ['pipe', 'pipe', 'pipe'] });
}

const CREATE_OBJECTS_SCRIPT = `
const p = require(process.env.PKCS11JS);
const job = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const m = new p.PKCS11(); m.load(job.library); m.C_Initialize();
try {
  const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === job.label);
  const session = m.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
  m.C_Login(session, p.CKU_USER, job.pin);
  for (const o of job.objects) {
    m.C_CreateObject(session, [
      { type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }, { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 },
      { type: p.CKA_TOKEN, value: true }, { type: p.CKA_PRIVATE, value: false }, { type: p.CKA_LABEL, value: o.label },
      { type: p.CKA_ID, value: Buffer.from(o.id, 'hex') }, { type: p.CKA_SUBJECT, value: Buffer.from(o.subject, 'base64') },
      { type: p.CKA_VALUE, value: Buffer.from(o.value, 'base64') },
    ]);
  }
  m.C_Logout(session); m.C_CloseSession(session);
} finally { m.C_Finalize(); m.close(); }
`;

/**
 * SoftHSM2 2.6 never locks a user PIN: after any number of wrong PINs it answers CKR_PIN_INCORRECT and only sets
 * CKF_USER_PIN_COUNT_LOW (tried here: 12 wrong PINs, then the right one still logs in). It does keep and report the
 * token flags stored in token.object (CKA_OS_TOKENFLAGS, an 8-byte big-endian value), so a token whose stored flags say
 * CKF_USER_PIN_LOCKED is reported as locked by C_GetTokenInfo, as a locked hardware token is. This sets that flag.
 */
function markPinLocked(conf: string, tokenDir: string): void {
  const script = `
const p = require(process.env.PKCS11JS); const fs = require('fs'); const path = require('path');
const m = new p.PKCS11(); m.load(${JSON.stringify(SOFTHSM_LIBRARY)}); m.C_Initialize();
const slot = m.C_GetSlotList(true).find((s) => m.C_GetTokenInfo(s).label.trim() === ${JSON.stringify(TEST_TOKEN_LABEL)});
const flags = m.C_GetTokenInfo(slot).flags; m.C_Finalize(); m.close();
const dir = fs.readdirSync(${JSON.stringify(tokenDir)}).map((d) => path.join(${JSON.stringify(tokenDir)}, d)).find((d) => fs.existsSync(path.join(d, 'token.object')));
const file = path.join(dir, 'token.object'); const bytes = fs.readFileSync(file);
const stored = Buffer.alloc(8); stored.writeBigUInt64BE(BigInt(flags));
const at = bytes.indexOf(stored); if (at < 0 || bytes.indexOf(stored, at + 1) >= 0) throw new Error('token flags not found exactly once');
stored.writeBigUInt64BE(BigInt(flags | p.CKF_USER_PIN_LOCKED)); stored.copy(bytes, at); fs.writeFileSync(file, bytes);
`;
  execFileSync(process.execPath, ['-e', script], { env: { ...process.env, SOFTHSM2_CONF: conf, PKCS11JS: require.resolve('pkcs11js') }, stdio: 'pipe' });
}
