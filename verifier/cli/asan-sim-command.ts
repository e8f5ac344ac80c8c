/**
 * `imzala asan-sim list|approve ID|deny ID [--url SERVICE_URL] [--lang az|en|ru]`: the ASAN İmza simulator's "phone"
 * from a terminal. Talks to the simulator control endpoint of a service started with IMZALA_ASAN=simulator
 * (verifier/providers/simulator-control.ts). The URL defaults to IMZALA_PUBLIC_URL, else http://localhost:$PORT.
 */
import { ImzalaError } from '../../core/errors.js';
import type { Language } from '../../core/report/message-types.js';
import { SIMULATOR_CONTROL_UNREACHABLE } from '../providers/codes.js';
import type { AsanSimulatorPendingSession } from '../providers/asan-simulator.js';
import { SIMULATOR_CONTROL_PATH } from '../providers/simulator-control.js';
import { DEFAULT_PORT } from '../server/config.js';
import { parseArgs, single, UsageError } from './args.js';
import type { CliIo } from './io.js';
import { cliLanguage } from './language.js';

const USAGE = 'usage: imzala asan-sim list|approve ID|deny ID [--url SERVICE_URL] [--lang az|en|ru]';

/** An answer is a small JSON document; anything bigger is not the simulator. */
const MAX_ANSWER_BYTES = 1024 * 1024;

const LABELS: Readonly<Record<Language, { none: string; header: string; approved: string; denied: string }>> = {
  az: {
    none: 'ASAN İmza simulyatoru: gözləyən sorğu yoxdur.',
    header: 'ASAN İmza simulyatoru: telefonda gözləyən sorğular (ID, telefon, təsdiq kodu, bitmə vaxtı, sənəd):',
    approved: 'ASAN İmza simulyatoru: təsdiq edildi (imzalandı)',
    denied: 'ASAN İmza simulyatoru: rədd edildi',
  },
  en: {
    none: 'ASAN İmza simulator: no requests are waiting.',
    header: 'ASAN İmza simulator: requests waiting on the phone (ID, phone, verification code, expires, document):',
    approved: 'ASAN İmza simulator: approved (signed)',
    denied: 'ASAN İmza simulator: declined',
  },
  ru: {
    none: 'Симулятор ASAN İmza: ожидающих запросов нет.',
    header: 'Симулятор ASAN İmza: запросы, ожидающие на телефоне (ID, телефон, код проверки, истекает, документ):',
    approved: 'Симулятор ASAN İmza: подтверждено (подписано)',
    denied: 'Симулятор ASAN İmza: отклонено',
  },
};

function serviceUrl(flag: string | undefined, env: NodeJS.ProcessEnv): URL {
  const text = flag ?? env.IMZALA_PUBLIC_URL ?? `http://localhost:${env.PORT || DEFAULT_PORT}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url must be an http(s) URL, not "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http(s) URL, not "${text}"`);
  return url;
}

/** One request to the control endpoint; the service's refusal comes back as its own code. */
async function call(fetchImpl: typeof fetch, url: URL, method: 'GET' | 'POST'): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url, { method, headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    const reason = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message;
    throw new ImzalaError(SIMULATOR_CONTROL_UNREACHABLE, `cannot reach the ASAN İmza simulator at ${url.origin}`, { url: url.origin, reason });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text.length <= MAX_ANSWER_BYTES ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (!response.ok && typeof error?.code === 'string') {
    throw new ImzalaError(error.code, typeof error.message === 'string' ? error.message : error.code, { status: response.status });
  }
  if (!response.ok || body === undefined) {
    // 404 on the list: the service runs, but without the simulator (no IMZALA_ASAN=simulator).
    throw new ImzalaError(SIMULATOR_CONTROL_UNREACHABLE, `the ASAN İmza simulator at ${url.origin} did not answer`, {
      url: url.origin,
      reason: `HTTP ${response.status}`,
    });
  }
  return body;
}

export async function asanSimCommand(argv: string[], io: CliIo, fetchImpl: typeof fetch = fetch): Promise<number> {
  const args = parseArgs(argv, { values: ['url', 'lang'] });
  const language = cliLanguage(single(args, 'lang'), io.env);
  const base = serviceUrl(single(args, 'url'), io.env);
  const [action, id, ...extra] = args.positional;
  const labels = LABELS[language];
  const endpoint = (path: string) => {
    const url = new URL(`${base.pathname.replace(/\/+$/, '')}${SIMULATOR_CONTROL_PATH}${path}`, base);
    url.searchParams.set('lang', language);
    return url;
  };
  if (action === 'list' && id === undefined) {
    const body = (await call(fetchImpl, endpoint(''), 'GET')) as { sessions?: AsanSimulatorPendingSession[] };
    const sessions = Array.isArray(body.sessions) ? body.sessions : [];
    if (sessions.length === 0) {
      io.out(labels.none);
      return 0;
    }
    io.out(labels.header);
    for (const s of sessions) io.out(`  ${s.id}  ${s.phone}  ${s.verificationCode}  ${s.expiresAt}  ${s.documentName}`);
    return 0;
  }
  if ((action === 'approve' || action === 'deny') && id && extra.length === 0) {
    await call(fetchImpl, endpoint(`/${encodeURIComponent(id)}/${action}`), 'POST');
    io.out(`${action === 'approve' ? labels.approved : labels.denied}: ${id}`);
    return 0;
  }
  throw new UsageError(USAGE);
}
