/** The CLI's language: --lang, else the environment's LANG (en/ru), else Azerbaijani. */
import type { Language } from '../../core/report/message-types.js';
import { UsageError } from './args.js';

export function cliLanguage(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  if (flag !== undefined) {
    if (flag === 'az' || flag === 'en' || flag === 'ru') return flag;
    throw new UsageError(`--lang must be az, en or ru`);
  }
  const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').toLowerCase();
  if (lang.startsWith('en')) return 'en';
  if (lang.startsWith('ru')) return 'ru';
  return 'az';
}
