/** The language of a request: `?lang=` (or a `lang` form field), else Accept-Language, else Azerbaijani. */
import type { Request } from 'express';
import type { Language } from '../../core/report/message-types.js';

const LANGUAGES: readonly Language[] = ['az', 'en', 'ru'];

const asLanguage = (value: unknown): Language | undefined =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : undefined;

/** Picks the first supported language of an Accept-Language header, by quality. */
export function acceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 32)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((r) => asLanguage(r.primary)).find((l) => l !== undefined);
}

export function requestLanguage(req: Request): Language {
  const body = req.body as Record<string, unknown> | undefined;
  return asLanguage(req.query.lang) ?? asLanguage(body?.lang) ?? acceptLanguage(req.get('accept-language')) ?? 'az';
}
