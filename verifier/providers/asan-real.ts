/**
 * The real ASAN İmza provider, as far as it can honestly go: its relying-party API is not public (AZ-ESIGN.md §2)
 * and is only given under a contract with the operator, so there is no client here to pretend with. This provider
 * names the configuration a contracted client will read and answers every call with PROVIDER_NOT_CONFIGURED, so a
 * production setup that asks for ASAN İmza without a contract fails clearly instead of signing nothing.
 *
 * `asanProviderFromEnv` picks the provider from the environment:
 *   IMZALA_ASAN=simulator  the simulator, with the TEST people of $IMZALA_DATA_DIR/demo-pki (ASAN_SIMULATOR_PEOPLE)
 *   IMZALA_ASAN=real       this provider (refuses every call until a contracted client replaces it)
 *   unset or empty         no ASAN İmza at all
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImzalaError } from '../../core/errors.js';
import { createAsanSimulator, type AsanSimulatorBehaviour, type AsanSimulatorUser } from './asan-simulator.js';
import { PROVIDER_CONFIG_INVALID, PROVIDER_NOT_CONFIGURED } from './codes.js';
import type { MobileSignatureProvider } from './mobile-signature.js';

/**
 * Environment variables of the real provider. A contracted client needs the service address, the relying party's
 * identity and its TLS client credentials; the names are fixed here so deployments can be prepared.
 */
export const ASAN_REAL_ENV = {
  /** Base URL of the operator's relying-party API (given with the contract). */
  url: 'IMZALA_ASAN_URL',
  /** The relying party's client ID at the operator. */
  clientId: 'IMZALA_ASAN_CLIENT_ID',
  /** The relying party's secret or API key, if the contract uses one. */
  clientSecret: 'IMZALA_ASAN_CLIENT_SECRET',
  /** PKCS#12 file of the TLS client certificate the operator issues to the relying party. */
  clientCertificateFile: 'IMZALA_ASAN_CLIENT_P12',
  /** Name of the environment variable holding that file's password (never the password itself in a file). */
  clientCertificatePasswordEnv: 'IMZALA_ASAN_CLIENT_P12_PASS_ENV',
  /** Name shown on the phone as the requester (e.g. the company's name). */
  displayName: 'IMZALA_ASAN_DISPLAY_NAME',
  /** Session time-out in milliseconds; default 120000 (the service's own is about 2 minutes). */
  timeoutMs: 'IMZALA_ASAN_TIMEOUT_MS',
} as const;

const VARIABLES = Object.values(ASAN_REAL_ENV).join(', ');

function notConfigured(operation: string, configured: readonly string[]): ImzalaError {
  return new ImzalaError(
    PROVIDER_NOT_CONFIGURED,
    `ASAN İmza (real provider): ${operation} is not possible: the relying-party API is not public and needs a contract with the operator`,
    { variables: VARIABLES, configured: [...configured], operation },
  );
}

/**
 * The real ASAN İmza provider without a contracted client: every call throws PROVIDER_NOT_CONFIGURED, with the
 * variables that are set listed in the details (so an operator sees that setting them is not enough on its own).
 */
export function createAsanRealProvider(env: NodeJS.ProcessEnv): MobileSignatureProvider {
  const configured = Object.values(ASAN_REAL_ENV).filter((name) => (env[name] ?? '') !== '');
  return {
    name: 'asan-real',
    simulated: false,
    certificate: async () => {
      throw notConfigured('fetching the certificate', configured);
    },
    start: async () => {
      throw notConfigured('starting a signature', configured);
    },
    poll: async () => {
      throw notConfigured('polling a session', configured);
    },
    cancel: async () => {
      throw notConfigured('cancelling a session', configured);
    },
  };
}

/**
 * The simulated people made from the TEST hierarchy (`imzala pki demo`, written to $IMZALA_DATA_DIR/demo-pki):
 * phone +994 50 000 00 0N with user ID 00000N. Every certificate name says TEST.
 */
export const ASAN_SIMULATOR_PEOPLE: readonly { file: string; phone: string; userId: string; behaviour: AsanSimulatorBehaviour }[] = [
  { file: 'citizen.p12', phone: '+994500000001', userId: '000001', behaviour: 'normal' },
  { file: 'business.p12', phone: '+994500000002', userId: '000002', behaviour: 'normal' },
  // The expired TEST certificate is past notAfter: the simulator answers CERT_EXPIRED for it by itself.
  { file: 'expired.p12', phone: '+994500000003', userId: '000003', behaviour: 'expired' },
  // The revoked TEST person stands for a suspended ASAN certificate.
  { file: 'revoked.p12', phone: '+994500000004', userId: '000004', behaviour: 'suspended' },
];

export interface AsanProviderEnvOptions {
  /** Where `imzala pki demo` wrote the TEST hierarchy; default $IMZALA_DATA_DIR/demo-pki (IMZALA_DATA_DIR default ./data). */
  demoPkiDir?: string;
  /** Password of the demo .p12 files; default 'test' (what the demo writes). */
  p12Password?: string;
  /** Log lines of the simulator. */
  log?: (line: string) => void;
  now?: () => Date;
}

/**
 * The ASAN İmza provider the environment asks for: IMZALA_ASAN=simulator | real | unset (null: no ASAN İmza).
 * The simulator's people come from the demo PKI directory when it exists (otherwise it has none, and every
 * start answers CERT_NOT_FOUND); IMZALA_ASAN_TIMEOUT_MS sets its time-out too.
 * @throws ImzalaError PROVIDER_CONFIG_INVALID for another IMZALA_ASAN value or a bad time-out.
 */
export async function asanProviderFromEnv(
  env: NodeJS.ProcessEnv,
  options: AsanProviderEnvOptions = {},
): Promise<MobileSignatureProvider | null> {
  const mode = (env.IMZALA_ASAN ?? '').trim();
  if (mode === '') return null;
  if (mode === 'real') return createAsanRealProvider(env);
  if (mode !== 'simulator') {
    throw new ImzalaError(PROVIDER_CONFIG_INVALID, `IMZALA_ASAN must be "simulator" or "real", not "${mode}"`, {
      reason: `IMZALA_ASAN must be "simulator" or "real", not "${mode.slice(0, 40)}"`,
    });
  }
  const timeoutText = env[ASAN_REAL_ENV.timeoutMs];
  const timeoutMs = timeoutText ? Number(timeoutText) : undefined;
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new ImzalaError(PROVIDER_CONFIG_INVALID, `${ASAN_REAL_ENV.timeoutMs} must be a positive whole number of milliseconds`, {
      reason: `${ASAN_REAL_ENV.timeoutMs} must be a positive whole number of milliseconds`,
    });
  }
  const dir = options.demoPkiDir ?? join(env.IMZALA_DATA_DIR || './data', 'demo-pki');
  const users: AsanSimulatorUser[] = ASAN_SIMULATOR_PEOPLE.filter((p) => existsSync(join(dir, p.file))).map((p) => ({
    phone: p.phone,
    userId: p.userId,
    behaviour: p.behaviour,
    p12Bytes: new Uint8Array(readFileSync(join(dir, p.file))),
    p12Password: options.p12Password ?? 'test',
  }));
  options.log?.(`ASAN İmza simulator: ${users.length} TEST users from ${dir} (NOT the real ASAN İmza)`);
  return createAsanSimulator({
    users,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(options.log ? { log: options.log } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}
