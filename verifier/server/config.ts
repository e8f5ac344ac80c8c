/**
 * The service's configuration from the environment (ARCHITECTURE.md, stable names): PORT, IMZALA_DATA_DIR,
 * IMZALA_TRUST_DIR, IMZALA_PUBLIC_URL, and the limits IMZALA_MAX_UPLOAD_BYTES, IMZALA_RATE_LIMIT, IMZALA_OFFLINE,
 * IMZALA_VERIFY_WORKERS.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ImzalaError } from '../../core/errors.js';
import { dataDir, trustDir } from '../node/config.js';
import { loadSimaSettings, type SimaSettings } from '../providers/sima/sima-config.js';

export interface ServerConfig {
  /** 0 picks a free port (tests). */
  port: number;
  dataDir: string;
  trustDir: string;
  /** The address people reach the service at, without a trailing slash; null: http://localhost:PORT. */
  publicUrl: string | null;
  /** Largest accepted upload in bytes. */
  maxUploadBytes: number;
  /** Requests per minute per client address to POST /api/v1/verify. */
  rateLimitPerMinute: number;
  /** Revocation only from embedded, given and cached data. */
  offline: boolean;
  /** IMZALA_OFFLINE was set (either way); when not, a service with only the TEST trust store checks offline. */
  offlineSetExplicitly: boolean;
  /** Where uploads are streamed to (one temporary directory per request, removed afterwards). */
  uploadDir: string;
  /** Where fetched revocation data is cached. */
  revocationCacheDir: string;
  /** Worker threads that check documents; 0 checks in the HTTP thread. */
  verifyWorkers: number;
  /** SMTP_URL (smtp:// or smtps://); null: mail is written to $IMZALA_DATA_DIR/outbox/*.eml and its links printed. */
  smtpUrl: string | null;
  /** IMZALA_MAIL_FROM: the sender of the service's mail. */
  mailFrom: string;
  /** IMZALA_MAIL_ATTACHMENT_LIMIT_BYTES: final files above this size together go as a link instead of attachments. */
  mailAttachmentLimitBytes: number;
  /** Where the process store keeps its records. */
  storeDir: string;
  /** IMZALA_REMINDER_HOURS: hours between reminders to the signer whose turn it is (0: none). */
  reminderHours: number;
  /** IMZALA_SCHEDULER_SECONDS: how often deadlines and reminders are looked at. */
  schedulerSeconds: number;
  /** IMZALA_ASAN: 'simulator', 'real', or null (no ASAN İmza). */
  asan: string | null;
  /** SİMA Web2App (IMZALA_SIMA and its IMZALA_SIMA_* settings, verifier/providers/sima/sima-config.ts); null: off. */
  sima: SimaSettings | null;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
export const DEFAULT_RATE_LIMIT = 60;
/** Most mail servers take 25 MB per message; base64 makes files a third larger. */
export const DEFAULT_MAIL_ATTACHMENT_LIMIT = 15 * 1024 * 1024;
/** More verification workers than this only cost memory. */
export const MAX_VERIFY_WORKERS = 64;
/**
 * One verification worker per core but one: the HTTP thread (parsing uploads, writing and removing files) needs a
 * core of its own; on 2 cores 1 worker checked ~20 % more documents per second than 2 (README, load benchmark).
 */
export const defaultVerifyWorkers = (): number => Math.max(1, Math.min(MAX_VERIFY_WORKERS, availableParallelism() - 1));

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ImzalaError('CONFIG_INVALID', `${name} must be a whole number from ${min} to ${max}`, {
      name,
      value: text,
      expected: `${min}..${max}`,
    });
  }
  return value;
}

function publicUrl(env: NodeJS.ProcessEnv): string | null {
  const text = env.IMZALA_PUBLIC_URL;
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ImzalaError('CONFIG_INVALID', 'IMZALA_PUBLIC_URL must be an http(s) URL', { name: 'IMZALA_PUBLIC_URL', value: text, expected: 'http(s) URL' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImzalaError('CONFIG_INVALID', 'IMZALA_PUBLIC_URL must be an http(s) URL', { name: 'IMZALA_PUBLIC_URL', value: text, expected: 'http(s) URL' });
  }
  return url.href.replace(/\/+$/, '');
}

/** Reads the configuration; a malformed value is an ImzalaError CONFIG_INVALID (never silently a default). */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const data = dataDir(env);
  return {
    port: integer(env, 'PORT', DEFAULT_PORT, 0, 65535),
    dataDir: data,
    trustDir: trustDir(env),
    publicUrl: publicUrl(env),
    maxUploadBytes: integer(env, 'IMZALA_MAX_UPLOAD_BYTES', DEFAULT_MAX_UPLOAD_BYTES, 1, Number.MAX_SAFE_INTEGER),
    rateLimitPerMinute: integer(env, 'IMZALA_RATE_LIMIT', DEFAULT_RATE_LIMIT, 1, 1_000_000),
    offline: env.IMZALA_OFFLINE === '1' || env.IMZALA_OFFLINE === 'true',
    offlineSetExplicitly: env.IMZALA_OFFLINE !== undefined && env.IMZALA_OFFLINE !== '',
    uploadDir: join(data, 'uploads'),
    revocationCacheDir: join(data, 'cache', 'revocation'),
    verifyWorkers: integer(env, 'IMZALA_VERIFY_WORKERS', defaultVerifyWorkers(), 0, MAX_VERIFY_WORKERS),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.IMZALA_MAIL_FROM || 'imzala <noreply@localhost>',
    mailAttachmentLimitBytes: integer(env, 'IMZALA_MAIL_ATTACHMENT_LIMIT_BYTES', DEFAULT_MAIL_ATTACHMENT_LIMIT, 0, Number.MAX_SAFE_INTEGER),
    storeDir: join(data, 'store'),
    reminderHours: integer(env, 'IMZALA_REMINDER_HOURS', 24, 0, 24 * 366),
    schedulerSeconds: integer(env, 'IMZALA_SCHEDULER_SECONDS', 60, 1, 86_400),
    asan: env.IMZALA_ASAN || null,
    sima: loadSimaSettings(env, { dataDir: data, publicUrl: publicUrl(env) }),
  };
}
