/**
 * The ASAN İmza simulator: a MobileSignatureProvider for development and tests that behaves like the real service
 * (AZ-ESIGN.md §2) while its "phone" is controlled from outside (simulator-control.ts, `imzala asan-sim`).
 * Sessions live in memory. Each simulated person is a phone number + ASAN user ID with a TEST certificate and key;
 * approving a session signs the session's digest with that key, the way the SIM card signs a pre-hashed value.
 * Nothing here may run in a production setup: every name, log line and error says "simulator".
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { preHashedSigner, type SignPreHashed } from '../node/pre-hashed-signer.js';
import { subjectPublicKeyInfoOf } from '../../core/cms/build-signed-data.js';
import { describePublicKey } from '../../core/crypto/public-key.js';
import { verifySignatureOfDigest } from '../../core/crypto/verify-signature.js';
import { ImzalaError } from '../../core/errors.js';
import { readPkcs12 } from '../../core/keys/pkcs12.js';
import { Certificate } from '../../core/pki/certificate.js';
import type { KeyPairMaterial } from '../../core/signing/key-pair-signer.js';
import {
  mobileSignatureFailureCode,
  PROVIDER_SESSION_UNKNOWN,
  SIMULATOR_SESSION_NOT_PENDING,
  SIMULATOR_USER_INVALID,
  type MobileSignatureFailure,
} from './codes.js';
import {
  checkMobileSignatureRequest,
  mobileSignatureAlgorithm,
  normalizePhoneNumber,
  normalizeUserId,
  verificationCode,
  type MobileSignatureProvider,
  type MobileSignatureRequest,
  type MobileSignatureSession,
  type MobileSignatureState,
} from './mobile-signature.js';

/** How a simulated person's certificate behaves at the service. */
export type AsanSimulatorBehaviour = 'normal' | 'suspended' | 'expired';

export interface AsanSimulatorUser {
  /** Any form normalizePhoneNumber accepts. */
  phone: string;
  /** 6 digits. */
  userId: string;
  /** A PKCS#12 file with the TEST key, certificate and chain (password `p12Password`, default 'test'). */
  p12Bytes?: Uint8Array;
  p12Password?: string;
  /** Or the key material directly. */
  keyPairMaterial?: KeyPairMaterial;
  /** 'suspended' -> CERT_SUSPENDED, 'expired' -> CERT_EXPIRED at start. A certificate past notAfter is expired anyway. */
  behaviour?: AsanSimulatorBehaviour;
}

export interface AsanSimulatorOptions {
  users: readonly AsanSimulatorUser[];
  /** How long the phone waits for PIN2; default 120 000 ms like the real service. */
  timeoutMs?: number;
  /** Every call answers SERVICE_UNAVAILABLE (can be switched later with setUnavailable). */
  unavailable?: boolean;
  /** The clock; tests inject one to reach the time-out without waiting. */
  now?: () => Date;
  /** Log lines (each starts with "ASAN İmza simulator"); default: none. */
  log?: (line: string) => void;
}

/** A pending session as the simulated phone shows it. */
export interface AsanSimulatorPendingSession {
  id: string;
  phone: string;
  userId: string;
  documentName: string;
  verificationCode: string;
  language: MobileSignatureRequest['language'];
  expiresAt: string;
}

/** The simulator: a provider plus the phone's buttons. */
export interface AsanSimulatorProvider extends MobileSignatureProvider {
  readonly simulated: true;
  /** The person approves on the phone (PIN2): the digest is signed with their TEST key. */
  approve(sessionId: string): Promise<void>;
  /** The person declines on the phone: USER_CANCEL. */
  deny(sessionId: string): Promise<void>;
  /** Sessions waiting for the phone, oldest first. */
  pendingSessions(): AsanSimulatorPendingSession[];
  /** Simulates the service going down (true) or coming back (false). */
  setUnavailable(unavailable: boolean): void;
}

/** True when the provider is the simulator (only then may its control endpoint exist). */
export function isAsanSimulator(provider: MobileSignatureProvider | null | undefined): provider is AsanSimulatorProvider {
  const candidate = provider as Partial<AsanSimulatorProvider> | null | undefined;
  return candidate?.simulated === true && typeof candidate.approve === 'function' && typeof candidate.deny === 'function'
    && typeof candidate.pendingSessions === 'function';
}

export const DEFAULT_ASAN_TIMEOUT_MS = 120_000;
/** Bound on sessions kept in memory (pending and recently finished). */
export const MAX_SIMULATOR_SESSIONS = 10_000;
/** A finished session still answers polls for this long, so a page that polls late sees the outcome. */
const FINISHED_RETENTION_MS = 10 * 60_000;


interface SimulatedPerson {
  phone: string;
  userId: string;
  certificate: Uint8Array;
  chain: Uint8Array[];
  notAfter: Date;
  behaviour: AsanSimulatorBehaviour;
  sign: SignPreHashed;
}

type SessionStatus = 'pending' | 'signing' | 'ok' | MobileSignatureFailure;

interface SimulatedSession {
  id: string;
  request: MobileSignatureRequest;
  person: SimulatedPerson;
  verificationCode: string;
  expiresAt: Date;
  status: SessionStatus;
  finishedAt?: Date;
  signature?: Uint8Array;
}


function userInvalid(reason: string, index: number): ImzalaError {
  return new ImzalaError(SIMULATOR_USER_INVALID, `ASAN İmza simulator user ${index}: ${reason}`, { reason: `user ${index}: ${reason}` });
}

function failure(status: MobileSignatureFailure, message: string, details: Record<string, unknown> = {}): ImzalaError {
  return new ImzalaError(mobileSignatureFailureCode(status), `ASAN İmza simulator: ${message}`, { status, simulated: true, ...details });
}

/** The person's signer of pre-hashed digests, once their key was found to fit their certificate's key type. */
function preHashedSignerOf(material: KeyPairMaterial, index: number): SignPreHashed {
  const publicKey = describePublicKey(subjectPublicKeyInfoOf(material.certificate));
  let sign: SignPreHashed;
  try {
    sign = preHashedSigner(material.privateKeyPkcs8);
  } catch (e) {
    throw userInvalid(`the private key cannot be used: ${(e as Error).message}`, index);
  }
  const keyType = createPrivateKey({ key: Buffer.from(material.privateKeyPkcs8), format: 'der', type: 'pkcs8' }).asymmetricKeyType;
  if ((publicKey.type === 'RSA') !== (keyType === 'rsa')) {
    throw userInvalid(`the key (${keyType}) and certificate (${publicKey.type}) do not fit`, index);
  }
  return sign;
}

async function simulatedPerson(user: AsanSimulatorUser, index: number): Promise<SimulatedPerson> {
  let phone: string;
  let userId: string;
  try {
    phone = normalizePhoneNumber(user.phone);
    userId = normalizeUserId(user.userId);
  } catch (e) {
    throw userInvalid((e as Error).message, index);
  }
  let material: KeyPairMaterial;
  if (user.keyPairMaterial) {
    material = user.keyPairMaterial;
  } else if (user.p12Bytes) {
    const bundle = await readPkcs12(user.p12Bytes, user.p12Password ?? 'test').catch((e: unknown) => {
      throw userInvalid(`the PKCS#12 file cannot be read: ${(e as Error).message}`, index);
    });
    material = { certificate: bundle.certificate, chain: bundle.chain, privateKeyPkcs8: bundle.privateKeyPkcs8 };
  } else {
    throw userInvalid('needs p12Bytes or keyPairMaterial', index);
  }
  let notAfter: Date;
  try {
    notAfter = Certificate.fromDer(material.certificate).notAfter;
  } catch (e) {
    throw userInvalid(`the certificate cannot be read: ${(e as Error).message}`, index);
  }
  const sign = preHashedSignerOf(material, index);
  // The key must belong to the certificate, or every "approved" signature would fail on the server.
  const probe = new Uint8Array(32).fill(0x5a);
  const check = await verifySignatureOfDigest({
    publicKeyInfo: subjectPublicKeyInfoOf(material.certificate),
    algorithm: mobileSignatureAlgorithm(material.certificate, 'SHA-256'),
    digest: probe,
    signature: sign(probe, 'SHA-256'),
  });
  if (!check.valid) throw userInvalid(`the private key does not belong to the certificate (${check.code})`, index);
  return {
    phone,
    userId,
    certificate: new Uint8Array(material.certificate),
    chain: material.chain.map((c) => new Uint8Array(c)),
    notAfter,
    behaviour: user.behaviour ?? 'normal',
    sign,
  };
}

/**
 * Creates the ASAN İmza simulator.
 * @throws ImzalaError SIMULATOR_USER_INVALID for a user whose phone, user ID, key or certificate is not usable.
 */
export async function createAsanSimulator(options: AsanSimulatorOptions): Promise<AsanSimulatorProvider> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ASAN_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ImzalaError(SIMULATOR_USER_INVALID, 'ASAN İmza simulator: timeoutMs must be a positive number', { reason: 'timeoutMs must be positive' });
  }
  const now = options.now ?? (() => new Date());
  const log = (line: string) => options.log?.(`ASAN İmza simulator: ${line}`);
  let unavailable = options.unavailable ?? false;

  const people = new Map<string, SimulatedPerson>();
  const persons = await Promise.all(options.users.map((u, i) => simulatedPerson(u, i)));
  for (const [i, person] of persons.entries()) {
    const key = `${person.phone}/${person.userId}`;
    if (people.has(key)) throw userInvalid(`${person.phone} with user ID ${person.userId} is configured twice`, i);
    people.set(key, person);
  }
  const sessions = new Map<string, SimulatedSession>();

  const finish = (session: SimulatedSession, status: SessionStatus) => {
    session.status = status;
    session.finishedAt = now();
    log(`session ${session.id} for ${session.person.phone}: ${status}`);
  };

  /** Applies the time-out lazily: the clock decides, no timers keep the process alive. */
  const current = (session: SimulatedSession): SimulatedSession => {
    if (session.status === 'pending' && now().getTime() >= session.expiresAt.getTime()) finish(session, 'TIMEOUT');
    return session;
  };

  const sessionById = (sessionId: string): SimulatedSession => {
    const session = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (!session) {
      throw new ImzalaError(PROVIDER_SESSION_UNKNOWN, 'ASAN İmza simulator: no such session', { sessionId: String(sessionId).slice(0, 100) });
    }
    return current(session);
  };

  const personFor = (phone: string, userId: string): SimulatedPerson => {
    const person = people.get(`${normalizePhoneNumber(phone)}/${normalizeUserId(userId)}`);
    if (!person) throw failure('CERT_NOT_FOUND', 'no simulated user with this phone number and user ID');
    return person;
  };

  const refuseWhenUnavailable = () => {
    if (unavailable) throw failure('SERVICE_UNAVAILABLE', 'the simulated service is switched to unavailable');
  };

  /** Drops finished sessions past retention; refuses when the bound is still reached (never grows without end). */
  const makeRoom = () => {
    const cutoff = now().getTime() - Math.max(FINISHED_RETENTION_MS, timeoutMs);
    for (const [id, s] of sessions) {
      current(s);
      if (s.finishedAt && s.finishedAt.getTime() < cutoff) sessions.delete(id);
    }
    if (sessions.size < MAX_SIMULATOR_SESSIONS) return;
    for (const [id, s] of sessions) {
      if (s.finishedAt) sessions.delete(id);
      if (sessions.size < MAX_SIMULATOR_SESSIONS) return;
    }
    throw failure('SERVICE_UNAVAILABLE', `too many pending sessions (${MAX_SIMULATOR_SESSIONS})`);
  };

  const notPending = (session: SimulatedSession) =>
    new ImzalaError(SIMULATOR_SESSION_NOT_PENDING, `ASAN İmza simulator: session ${session.id} is ${session.status}`, {
      sessionId: session.id,
      status: session.status,
    });

  return {
    name: 'asan-simulator',
    simulated: true,

    async certificate(phone, userId) {
      refuseWhenUnavailable();
      const person = personFor(phone, userId);
      return { certificate: new Uint8Array(person.certificate), chain: person.chain.map((c) => new Uint8Array(c)) };
    },

    async start(req) {
      const request = checkMobileSignatureRequest(req);
      refuseWhenUnavailable();
      const person = personFor(request.phone, request.userId);
      if (person.behaviour === 'suspended') throw failure('CERT_SUSPENDED', `the certificate of ${person.phone} is suspended`);
      if (person.behaviour === 'expired' || person.notAfter.getTime() < now().getTime()) {
        throw failure('CERT_EXPIRED', `the certificate of ${person.phone} has expired`, { notAfter: person.notAfter.toISOString() });
      }
      makeRoom();
      const session: SimulatedSession = {
        id: randomUUID(),
        request,
        person,
        verificationCode: verificationCode(request.digest),
        expiresAt: new Date(now().getTime() + timeoutMs),
        status: 'pending',
      };
      sessions.set(session.id, session);
      log(`session ${session.id} started for ${person.phone}, "${request.documentName}", verification code ${session.verificationCode}`);
      return { id: session.id, verificationCode: session.verificationCode, expiresAt: session.expiresAt.toISOString() } satisfies MobileSignatureSession;
    },

    async poll(sessionId): Promise<MobileSignatureState> {
      const session = sessionById(sessionId);
      // The phone may have answered, but a service that is down cannot say so.
      if (unavailable) return { status: 'SERVICE_UNAVAILABLE' };
      switch (session.status) {
        case 'pending':
        case 'signing':
          return { status: 'pending' };
        case 'ok':
          return {
            status: 'ok',
            signature: new Uint8Array(session.signature!),
            certificate: new Uint8Array(session.person.certificate),
            chain: session.person.chain.map((c) => new Uint8Array(c)),
          };
        default:
          return { status: session.status };
      }
    },

    async cancel(sessionId) {
      const session = sessionById(sessionId);
      if (session.status === 'pending') finish(session, 'USER_CANCEL');
    },

    async approve(sessionId) {
      const session = sessionById(sessionId);
      if (session.status !== 'pending') throw notPending(session);
      // 'signing' first: a second approve or a deny while the key works is refused, not applied twice.
      session.status = 'signing';
      try {
        session.signature = session.person.sign(session.request.digest, session.request.digestAlgorithm);
        finish(session, 'ok');
      } catch (e) {
        session.status = 'pending';
        throw e;
      }
    },

    async deny(sessionId) {
      const session = sessionById(sessionId);
      if (session.status !== 'pending') throw notPending(session);
      finish(session, 'USER_CANCEL');
    },

    pendingSessions() {
      return [...sessions.values()]
        .map(current)
        .filter((s) => s.status === 'pending')
        .map((s) => ({
          id: s.id,
          phone: s.person.phone,
          userId: s.person.userId,
          documentName: s.request.documentName,
          verificationCode: s.verificationCode,
          language: s.request.language,
          expiresAt: s.expiresAt.toISOString(),
        }));
    },

    setUnavailable(value) {
      unavailable = value;
      log(value ? 'the simulated service is now unavailable' : 'the simulated service is available again');
    },
  };
}
