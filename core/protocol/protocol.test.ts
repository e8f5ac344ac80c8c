import { describe, expect, it } from 'vitest';
import { bridgeError, isBridgeError, PROTOCOL_MESSAGES } from './codes.js';
import { base64Length, isNativeResponse, nativeRequestProblem, signArgsProblem } from './native.js';
import { handoverProblem, isPageReply, isPageRequest, pageCommandOf } from './page.js';

const digest = Buffer.alloc(32, 7).toString('base64');
const sign = { certificate: 'MIIB', digest, algorithm: 'SHA-256', documentName: 'müqavilə.pdf' };

describe('page requests', () => {
  it('accepts the three commands and nothing else', () => {
    expect(isPageRequest({ type: 'imzala:status', protocol: 1, id: 'a', args: {} })).toBe(true);
    expect(isPageRequest({ type: 'imzala:list-certificates', protocol: 1, id: 'a', args: {} })).toBe(true);
    expect(isPageRequest({ type: 'imzala:sign', protocol: 1, id: 'a', args: sign })).toBe(true);
    expect(isPageRequest({ type: 'imzala:delete-everything', protocol: 1, id: 'a', args: {} })).toBe(false);
    expect(isPageRequest({ type: 'web-eid:sign', protocol: 1, id: 'a', args: sign })).toBe(false);
    expect(isPageRequest({ type: 'imzala:status', protocol: 1, id: 'x'.repeat(65), args: {} })).toBe(false);
    expect(isPageRequest('imzala:status')).toBe(false);
    expect(pageCommandOf('imzala:sign-ack')).toBeNull();
  });

  it('refuses sign arguments that do not fit their algorithm', () => {
    expect(signArgsProblem({ ...sign, digest: Buffer.alloc(31).toString('base64') })).toMatch(/32 bytes/);
    expect(signArgsProblem({ ...sign, algorithm: 'SHA-384' })).toMatch(/48 bytes/);
    expect(signArgsProblem({ ...sign, algorithm: 'MD5' })).toMatch(/algorithm/);
    expect(signArgsProblem({ ...sign, certificate: 'not base64!' })).toMatch(/certificate/);
    expect(signArgsProblem({ ...sign, documentName: ' ' })).toMatch(/documentName/);
    expect(signArgsProblem({ ...sign, scheme: 'DSA' })).toMatch(/scheme/);
    expect(signArgsProblem(sign)).toBeNull();
  });

  it('recognises replies and their errors', () => {
    expect(isPageReply({ type: 'imzala:sign-ack', id: '1' })).toBe(true);
    expect(isPageReply({ type: 'imzala:sign-success', id: '1', result: { signature: 'AA==' } })).toBe(true);
    expect(isPageReply({ type: 'imzala:sign-failure', id: '1', error: bridgeError('USER_CANCELLED') })).toBe(true);
    expect(isPageReply({ type: 'imzala:sign-failure', id: '1', error: { code: 'MADE_UP', message: 'x' } })).toBe(false);
  });
});

describe('native requests', () => {
  it('needs the origin for sign (the background sets it)', () => {
    expect(nativeRequestProblem({ protocol: 1, id: '1', command: 'sign', args: sign })).toMatch(/origin/);
    expect(nativeRequestProblem({ protocol: 1, id: '1', command: 'sign', args: { ...sign, origin: 'https://imzala.example.az' } })).toBeNull();
    expect(nativeRequestProblem({ protocol: 1, id: '1', command: 'status', args: { pkcs11Library: 7 } })).toMatch(/pkcs11Library/);
    expect(nativeRequestProblem([1])).toMatch(/object/);
  });

  it('recognises responses', () => {
    expect(isNativeResponse({ id: '1', ok: true, result: {} })).toBe(true);
    expect(isNativeResponse({ id: '1', ok: false, error: bridgeError('PIN_BLOCKED') })).toBe(true);
    expect(isNativeResponse({ id: '1', ok: false, error: 'PIN_BLOCKED' })).toBe(false);
  });

  it('measures base64 without decoding', () => {
    for (const n of [0, 1, 2, 3, 31, 32, 48, 64]) expect(base64Length(Buffer.alloc(n).toString('base64'))).toBe(n);
    expect(base64Length('abc')).toBe(-1);
  });
});

describe('messages', () => {
  it('fills details into the message in the asked language', () => {
    const error = bridgeError('TOKEN_ERROR', { ckr: 'CKR_DEVICE_ERROR' }, 'az');
    expect(error.message).toBe('Token xəta ilə cavab verdi (CKR_DEVICE_ERROR).');
    expect(isBridgeError(error)).toBe(true);
    for (const [code, m] of Object.entries(PROTOCOL_MESSAGES)) expect([code, m.az && m.en && m.ru]).toEqual([code, expect.any(String)]);
  });
});

describe('handovers', () => {
  const good = { source: 'gmail', documents: [{ name: 'a.pdf', mimeType: 'application/pdf', data: 'JVBERi0=' }], signers: [{ email: 'a@example.test' }] };
  it('accepts documents and people within the wizard\'s limits, nothing else', () => {
    expect(handoverProblem(good)).toBeNull();
    expect(isPageRequest({ type: 'imzala:take-handover', protocol: 1, id: 'h', args: {} })).toBe(true);
    expect(handoverProblem({ ...good, documents: Array(11).fill(good.documents[0]) })).toMatch(/10 documents/);
    expect(handoverProblem({ ...good, signers: [{ name: 'x' }] })).toMatch(/e-mail/);
    expect(handoverProblem({ ...good, documents: [{ name: '', mimeType: 'x', data: '' }] })).toMatch(/name/);
    expect(handoverProblem({ ...good, source: 'x'.repeat(40) })).toMatch(/source/);
  });
});
