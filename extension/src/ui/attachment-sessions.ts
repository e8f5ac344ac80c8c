/**
 * ASAN İmza and SİMA for a file that is in no process: the configured imzala service's one-off signing sessions
 * (POST /api/v1/sessions, poll GET /api/v1/sessions/{id}?secret=, GET .../result once; the service deletes the
 * document after). No cookies go with these requests; the session's secret is the only capability.
 */

export type PhoneTool = 'asan' | 'sima';

export interface SimaOperation {
  qrUrl: string;
  deepLink: string;
  /** An image of the QR code (a data: URL). */
  qrImage?: string;
}

export interface SigningSession {
  id: string;
  secret: string;
  tool: PhoneTool;
  expiresAt: string;
  name?: string;
  sha256?: string;
  verificationCode?: string;
  operations?: SimaOperation[];
}

export interface SessionState {
  status: 'waiting' | 'signed' | 'failed';
  error?: { code?: string; message?: string } | string;
  signer?: { name?: string; fin?: string };
}

/** A refusal of the service, with its code when it gave one. */
export class SessionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SessionFailure';
  }
}

async function failure(response: Response): Promise<SessionFailure> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } | string; code?: string; message?: string };
    const error = typeof body.error === 'object' && body.error !== null ? body.error : { code: body.code, message: typeof body.error === 'string' ? body.error : body.message };
    return new SessionFailure(error.code ?? `HTTP_${response.status}`, error.message ?? `HTTP ${response.status}`);
  } catch {
    return new SessionFailure(`HTTP_${response.status}`, `HTTP ${response.status}`);
  }
}

function sessionUrl(serviceUrl: string, id: string, secret: string, suffix = ''): URL {
  const url = new URL(`/api/v1/sessions/${encodeURIComponent(id)}${suffix}`, serviceUrl);
  url.searchParams.set('secret', secret);
  return url;
}

/** Starts a session: ASAN sends the request to the phone at once (verificationCode), SİMA answers with its QR. */
export async function startSession(
  serviceUrl: string,
  file: File,
  tool: PhoneTool,
  options: { phone?: string; userId?: string; fin?: string; lang: string },
): Promise<SigningSession> {
  const form = new FormData();
  form.set('tool', tool);
  form.set('lang', options.lang);
  if (options.phone) form.set('phone', options.phone);
  if (options.userId) form.set('userId', options.userId);
  // SİMA: the service names the person in the contract (Assignee), so it asks for the FIN.
  if (options.fin) form.set('fin', options.fin);
  form.set('file', file, file.name);
  const response = await fetch(new URL('/api/v1/sessions', serviceUrl), { method: 'POST', body: form, credentials: 'omit' });
  if (!response.ok) throw await failure(response);
  const session = (await response.json()) as SigningSession;
  if (typeof session.id !== 'string' || typeof session.secret !== 'string') throw new SessionFailure('MALFORMED_ANSWER', 'malformed session');
  return session;
}

/** Where the session stands. */
export async function sessionState(serviceUrl: string, session: SigningSession): Promise<SessionState> {
  const response = await fetch(sessionUrl(serviceUrl, session.id, session.secret), { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as SessionState;
}

/** The signed file (once: the service deletes it and the document afterwards). */
export async function sessionResult(serviceUrl: string, session: SigningSession, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  const response = await fetch(sessionUrl(serviceUrl, session.id, session.secret, '/result'), { credentials: 'omit', cache: 'no-store' });
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  return { blob, name: fileNameOf(response.headers.get('content-disposition')) ?? fallbackName };
}

/** Cancels a session the person gave up on; failures are ignored (it expires anyway). */
export async function cancelSession(serviceUrl: string, session: SigningSession): Promise<void> {
  await fetch(sessionUrl(serviceUrl, session.id, session.secret), { method: 'DELETE', credentials: 'omit' }).catch(() => undefined);
}

/** The file name of a Content-Disposition header (RFC 6266 filename* first). */
export function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name ? name.replace(/[\\/]/g, '_') : null;
}
