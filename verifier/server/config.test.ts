/** Configuration from the environment: the defaults of a fresh machine, and refusals of malformed values. */
import { describe, expect, it } from 'vitest';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { isImzalaError } from '../../core/errors.js';
import { loadServerConfig } from './config.js';

describe('loadServerConfig', () => {
  it('has the documented defaults', () => {
    const c = loadServerConfig({});
    expect(c).toMatchObject({
      port: 8080,
      dataDir: resolve('data'),
      trustDir: resolve('data', 'trust'),
      publicUrl: null,
      maxUploadBytes: 100 * 1024 * 1024,
      rateLimitPerMinute: 60,
      offline: false,
      uploadDir: join(resolve('data'), 'uploads'),
      verifyWorkers: Math.max(1, Math.min(64, availableParallelism() - 1)),
      smtpUrl: null,
      mailFrom: 'imzala <noreply@localhost>',
      mailAttachmentLimitBytes: 15 * 1024 * 1024,
      storeDir: join(resolve('data'), 'store'),
      reminderHours: 24,
      schedulerSeconds: 60,
    });
  });

  it('reads every name', () => {
    const c = loadServerConfig({
      PORT: '3000',
      IMZALA_DATA_DIR: '/srv/imzala',
      IMZALA_TRUST_DIR: '/etc/imzala/trust',
      IMZALA_PUBLIC_URL: 'https://imzala.example.az/',
      IMZALA_MAX_UPLOAD_BYTES: '5000',
      IMZALA_RATE_LIMIT: '10',
      IMZALA_OFFLINE: '1',
      IMZALA_VERIFY_WORKERS: '3',
      SMTP_URL: 'smtps://TEST:TEST@mail.example.az:465',
      IMZALA_MAIL_FROM: 'imzala TEST <imzala@example.az>',
      IMZALA_MAIL_ATTACHMENT_LIMIT_BYTES: '1000',
      IMZALA_REMINDER_HOURS: '0',
      IMZALA_SCHEDULER_SECONDS: '5',
    });
    expect(c).toMatchObject({
      port: 3000,
      dataDir: '/srv/imzala',
      trustDir: '/etc/imzala/trust',
      publicUrl: 'https://imzala.example.az',
      maxUploadBytes: 5000,
      rateLimitPerMinute: 10,
      offline: true,
      uploadDir: '/srv/imzala/uploads',
      verifyWorkers: 3,
      smtpUrl: 'smtps://TEST:TEST@mail.example.az:465',
      mailFrom: 'imzala TEST <imzala@example.az>',
      mailAttachmentLimitBytes: 1000,
      storeDir: '/srv/imzala/store',
      reminderHours: 0,
      schedulerSeconds: 5,
    });
    expect(loadServerConfig({ IMZALA_VERIFY_WORKERS: '0' }).verifyWorkers).toBe(0);
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['IMZALA_MAX_UPLOAD_BYTES', '1e6'],
    ['IMZALA_RATE_LIMIT', '0'],
    ['IMZALA_VERIFY_WORKERS', '-1'],
    ['IMZALA_VERIFY_WORKERS', '65'],
    ['IMZALA_VERIFY_WORKERS', 'two'],
    ['IMZALA_PUBLIC_URL', 'ftp://x'],
    ['IMZALA_PUBLIC_URL', 'not a url'],
  ])('refuses %s=%s with CONFIG_INVALID', (name, value) => {
    let error: unknown;
    try {
      loadServerConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(isImzalaError(error) && error.code).toBe('CONFIG_INVALID');
  });
});
