import { describe, expect, it } from 'vitest';
import { bridgeError } from '../../../core/protocol/codes.js';
import { createImzalaBridge, ImzalaBridgeError, type BridgeWindow } from './imzala-extension.js';

/** A window stand-in: postMessage delivers a `message` event whose source is this window, like the browser does. */
class FakeWindow implements BridgeWindow {
  readonly posted: unknown[] = [];
  private readonly events = new EventTarget();
  constructor(
    readonly location: { origin: string; protocol: string; hostname: string },
    readonly isSecureContext = true,
  ) {}
  static at(url: string, secure?: boolean): FakeWindow {
    const u = new URL(url);
    return new FakeWindow({ origin: u.origin, protocol: u.protocol, hostname: u.hostname }, secure ?? true);
  }
  postMessage(message: unknown, targetOrigin: string): void {
    if (targetOrigin !== this.location.origin) return;
    this.posted.push(message);
    this.deliver(message, this, this.location.origin);
  }
  /** Delivers a message as if `source` at `origin` had posted it to this window. */
  deliver(data: unknown, source: unknown, origin: string): void {
    const event = new Event('message');
    Object.defineProperties(event, { data: { value: structuredClone(data) }, source: { value: source }, origin: { value: origin } });
    queueMicrotask(() => this.events.dispatchEvent(event));
  }
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void {
    this.events.addEventListener(type, listener as EventListener);
  }
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void {
    this.events.removeEventListener(type, listener as EventListener);
  }
}

type Reply = (request: { type: string; id: string; args: Record<string, unknown>; protocol: number }) => unknown[] | undefined;

/** Plays the content script: answers each imzala request with the messages `reply` returns. */
function extensionOn(win: FakeWindow, reply: Reply): { requests: unknown[] } {
  const requests: unknown[] = [];
  win.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string; id?: string };
    if ((event.source as unknown) !== win || !/^imzala:(status|list-certificates|sign)$/.test(data.type ?? '')) return;
    requests.push(data);
    for (const message of reply(data as Parameters<Reply>[0]) ?? []) win.postMessage(message, win.location.origin);
  });
  return { requests };
}

const STATUS = { extension: '0.1.0', protocol: 1, nativeHost: null, nativeError: bridgeError('NATIVE_UNAVAILABLE'), tools: ['token', 'asan', 'sima'] };
const SIGN_ARGS = { certificate: 'MIIB', digest: btoa(String.fromCharCode(...new Uint8Array(32).fill(7))), algorithm: 'SHA-256' as const, documentName: 'müqavilə.pdf' };

async function refusal(p: Promise<unknown>): Promise<ImzalaBridgeError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ImzalaBridgeError);
  return e as ImzalaBridgeError;
}

describe('page library imzala-extension', () => {
  it('gets the status after an ack', async () => {
    const win = FakeWindow.at('https://imzala.example.az/sign');
    extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }, { type: `${r.type}-success`, id: r.id, result: STATUS }]);
    const status = await createImzalaBridge(win).status();
    expect(status.extension).toBe('0.1.0');
    expect(status.nativeError?.code).toBe('NATIVE_UNAVAILABLE');
  });

  it('says EXTENSION_UNAVAILABLE when nothing acks', async () => {
    const win = FakeWindow.at('https://imzala.example.az/');
    const e = await refusal(createImzalaBridge(win).listCertificates({ ackTimeoutMs: 30 }));
    expect(e.code).toBe('EXTENSION_UNAVAILABLE');
    expect(win.posted).toHaveLength(1);
  });

  it('passes the extension refusal on with its code and details', async () => {
    const win = FakeWindow.at('http://localhost:8080/');
    extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }, { type: `${r.type}-failure`, id: r.id, error: bridgeError('PIN_INCORRECT', { finalTry: true }) }]);
    const e = await refusal(createImzalaBridge(win).sign(SIGN_ARGS));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(e.details).toEqual({ finalTry: true });
  });

  it('times out with TIMEOUT after an ack without an answer', async () => {
    const win = FakeWindow.at('https://imzala.example.az/');
    extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }]);
    const e = await refusal(createImzalaBridge(win).sign(SIGN_ARGS, { timeoutMs: 30 }));
    expect(e.code).toBe('TIMEOUT');
  });

  it('refuses at once in an insecure context and posts nothing', async () => {
    for (const win of [FakeWindow.at('http://imzala.example.az/', false), FakeWindow.at('http://example.az/', true)]) {
      const { requests } = extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }]);
      const e = await refusal(createImzalaBridge(win).status());
      expect(e.code).toBe('CONTEXT_INSECURE');
      expect(win.posted).toEqual([]);
      expect(requests).toEqual([]);
    }
  });

  it('refuses a status of another protocol version with VERSION_MISMATCH', async () => {
    const win = FakeWindow.at('https://imzala.example.az/');
    extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }, { type: `${r.type}-success`, id: r.id, result: { ...STATUS, protocol: 2 } }]);
    const e = await refusal(createImzalaBridge(win).status());
    expect(e.code).toBe('VERSION_MISMATCH');
    expect(e.details).toMatchObject({ page: 1, extension: 2 });
  });

  it('ignores answers from another window, another origin, or to another request id', async () => {
    const win = FakeWindow.at('https://imzala.example.az/');
    const other = FakeWindow.at('https://evil.example/');
    extensionOn(win, (r) => {
      win.deliver({ type: `${r.type}-ack`, id: r.id }, other, 'https://evil.example');
      win.deliver({ type: `${r.type}-ack`, id: r.id }, win, 'https://evil.example');
      return [{ type: `${r.type}-ack`, id: 'other-id' }];
    });
    const e = await refusal(createImzalaBridge(win).listCertificates({ ackTimeoutMs: 30 }));
    expect(e.code).toBe('EXTENSION_UNAVAILABLE');
  });

  it('sends only the known sign fields and the protocol version', async () => {
    const win = FakeWindow.at('https://imzala.example.az/');
    const signed = { signature: 'AAAA', scheme: 'ECDSA', signatureFormat: 'p1363' };
    const { requests } = extensionOn(win, (r) => [{ type: `${r.type}-ack`, id: r.id }, { type: `${r.type}-success`, id: r.id, result: signed }]);
    const forged = { ...SIGN_ARGS, origin: 'https://imzala.az' } as typeof SIGN_ARGS;
    expect(await createImzalaBridge(win).sign(forged)).toEqual(signed);
    expect(requests).toEqual([{ type: 'imzala:sign', protocol: 1, id: expect.any(String), args: SIGN_ARGS }]);
  });
});
