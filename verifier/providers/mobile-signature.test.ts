import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { LANGUAGES } from '../../core/report/message-types.js';
import { localizeFrom } from '../../core/report/messages.js';
import { MOBILE_SIGNATURE_FAILURES, mobileSignatureFailureCode, PROVIDER_MESSAGES } from './codes.js';
import { checkMobileSignatureRequest, normalizePhoneNumber, normalizeUserId, verificationCode, type MobileSignatureRequest } from './mobile-signature.js';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (isImzalaError(e)) return e.code;
    throw e;
  }
  return undefined;
}

describe('verificationCode (Mobile-ID rule: 6 bits of the first byte, 7 bits of the last)', () => {
  it('matches a vector worked out by hand from SHA-256 of the empty string', () => {
    // e3b0c442...7852b855: (0xe3 & 0xfc) << 5 = 7168, 0x55 & 0x7f = 85 -> 7253
    const digest = createHash('sha256').update('').digest();
    expect(digest[0]).toBe(0xe3);
    expect(digest[31]).toBe(0x55);
    expect(verificationCode(new Uint8Array(digest))).toBe('7253');
  });

  it('pads to 4 digits and stays within 13 bits', () => {
    const low = new Uint8Array(32);
    low[0] = 0x03; // the two low bits of the first byte do not count
    low[31] = 0x85; // the high bit of the last byte does not count
    expect(verificationCode(low)).toBe('0005');
    expect(verificationCode(new Uint8Array(64).fill(0xff))).toBe('8191');
    expect(verificationCode(new Uint8Array(48))).toBe('0000');
  });

  it('changes when the digest changes (the page and the phone would disagree)', () => {
    const a = new Uint8Array(createHash('sha256').update('contract v1').digest());
    const b = new Uint8Array(createHash('sha256').update('contract v2').digest());
    expect(verificationCode(a)).toMatch(/^\d{4}$/);
    expect(verificationCode(a)).not.toBe(verificationCode(b));
  });
});

describe('phone numbers and ASAN user IDs', () => {
  it.each([
    ['+994501234567', '+994501234567'],
    ['+994 50 123 45 67', '+994501234567'],
    ['994551234567', '+994551234567'],
    ['050 123 45 67', '+994501234567'],
    ['(070) 123-45-67', '+994701234567'],
    ['  0991234567 ', '+994991234567'],
  ])('normalises %s', (input, expected) => {
    expect(normalizePhoneNumber(input)).toBe(expected);
  });

  it.each(['', '+99450123456', '+9945012345678', '+7 912 123 45 67', '501234567', '+994001234567', '050-12a-45-67', '+994 50 123 45 67 ext 1'])(
    'refuses %j',
    (input) => {
      expect(codeOf(() => normalizePhoneNumber(input))).toBe('PROVIDER_PHONE_INVALID');
    },
  );

  it('checks the user ID: 6 digits', () => {
    expect(normalizeUserId(' 123456 ')).toBe('123456');
    for (const bad of ['12345', '1234567', '12345a', '', '１２３４５６']) expect(codeOf(() => normalizeUserId(bad))).toBe('PROVIDER_USER_ID_INVALID');
  });

  it('says what is wrong in Azerbaijani, English and Russian', () => {
    const details = { phone: '+99450' };
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_PHONE_INVALID', 'az', details)).toBe(
      'Telefon nömrəsi düzgün deyil: +99450. +994XXXXXXXXX və ya 0XX XXX XX XX şəklində yazın.',
    );
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_PHONE_INVALID', 'en', details)).toContain('The phone number is not valid: +99450');
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_PHONE_INVALID', 'ru', details)).toContain('Неверный номер телефона: +99450');
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_USER_ID_INVALID', 'az')).toBe('ASAN istifadəçi ID düzgün deyil: 6 rəqəm olmalıdır.');
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_USER_ID_INVALID', 'en')).toContain('6 digits');
    expect(localizeFrom(PROVIDER_MESSAGES, 'PROVIDER_USER_ID_INVALID', 'ru')).toContain('6 цифр');
  });

  it('has a message in every language for every failure status and code', () => {
    const codes = [...MOBILE_SIGNATURE_FAILURES.map(mobileSignatureFailureCode), ...Object.keys(PROVIDER_MESSAGES)];
    for (const code of codes) {
      for (const lang of LANGUAGES) expect(PROVIDER_MESSAGES[code]?.[lang], `${code} ${lang}`).toMatch(/\S{3}/);
      expect(PROVIDER_MESSAGES[code]!.az).not.toBe(PROVIDER_MESSAGES[code]!.en);
    }
  });
});

describe('checkMobileSignatureRequest', () => {
  const good: MobileSignatureRequest = {
    phone: '050 123 45 67',
    userId: '123456',
    digest: new Uint8Array(32).fill(1),
    digestAlgorithm: 'SHA-256',
    documentName: 'muqavile.pdf',
    language: 'az',
  };

  it('normalises a good request', () => {
    const checked = checkMobileSignatureRequest(good);
    expect(checked.phone).toBe('+994501234567');
    expect(checked.digest).toEqual(good.digest);
  });

  it('refuses a digest that does not fit its algorithm, and other bad fields', () => {
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, digestAlgorithm: 'SHA-384' }))).toBe('PROVIDER_DIGEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, digestAlgorithm: 'SHA-1' as 'SHA-256', digest: new Uint8Array(20) }))).toBe(
      'PROVIDER_DIGEST_INVALID',
    );
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, digest: 'abc' as unknown as Uint8Array }))).toBe('PROVIDER_DIGEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, documentName: ' ' }))).toBe('PROVIDER_REQUEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, documentName: 'x'.repeat(201) }))).toBe('PROVIDER_REQUEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, language: 'de' as 'az' }))).toBe('PROVIDER_REQUEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, documentName: 'a\nASAN İmza simulator: approved' }))).toBe('PROVIDER_REQUEST_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, phone: '12' }))).toBe('PROVIDER_PHONE_INVALID');
    expect(codeOf(() => checkMobileSignatureRequest({ ...good, userId: '12' }))).toBe('PROVIDER_USER_ID_INVALID');
  });
});
