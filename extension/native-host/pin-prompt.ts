/**
 * The host asks for the PIN itself: the page and the extension never see it. The prompt shows what is being signed
 * (origin, document name, digest) and with which certificate, so a user can refuse a request they did not make.
 * Two sources: a desktop dialog (zenity / kdialog, PowerShell, osascript) or a configured ask-pass program
 * (like SSH_ASKPASS, off by default) for headless use and tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { Language } from '../../core/report/message-types.js';

export interface PinRequest {
  origin: string;
  documentName: string;
  algorithm: string;
  /** Lower-case hex of the digest to be signed. */
  digestHex: string;
  certificateName: string;
  fin?: string;
  tokenLabel: string;
  /** The token says some wrong PINs were entered (CKF_USER_PIN_COUNT_LOW). */
  pinCountLow: boolean;
  /** One more wrong PIN blocks the token (CKF_USER_PIN_FINAL_TRY). */
  finalTry: boolean;
  language: Language;
}

export type PinAnswer = { pin: string } | 'cancelled' | 'timeout';

export interface PinPrompt {
  /** What kind of prompt this is ('program', 'zenity', ...), for the log. */
  readonly name: string;
  ask(request: PinRequest): Promise<PinAnswer>;
}

/** How long a person has to answer a dialog. */
export const PIN_PROMPT_TIMEOUT_MS = 2 * 60 * 1000;
const MAX_PIN_OUTPUT = 4096;

const TEXT: Record<Language, { title: string; site: string; document: string; digest: string; certificate: string; fin: string; token: string; low: string; final: string; ask: string }> = {
  az: {
    title: 'imzala: PIN kodu', site: 'Sayt', document: 'Sənəd', digest: 'Həş', certificate: 'Sertifikat', fin: 'FİN', token: 'Token',
    low: 'Diqqət: artıq səhv PIN daxil edilib, cəhdlərin sayı azdır.', final: 'Diqqət: bu son cəhddir! Səhv PIN tokeni bloklayacaq.',
    ask: 'Bu sənədi imzalamaq üçün PIN kodu daxil edin:',
  },
  en: {
    title: 'imzala: PIN', site: 'Site', document: 'Document', digest: 'Digest', certificate: 'Certificate', fin: 'FIN', token: 'Token',
    low: 'Warning: wrong PINs were entered before; few tries are left.', final: 'Warning: this is the last try! A wrong PIN will block the token.',
    ask: 'Enter the PIN to sign this document:',
  },
  ru: {
    title: 'imzala: PIN-код', site: 'Сайт', document: 'Документ', digest: 'Хеш', certificate: 'Сертификат', fin: 'ФИН', token: 'Токен',
    low: 'Внимание: ранее был введён неверный PIN, осталось мало попыток.', final: 'Внимание: это последняя попытка! Неверный PIN заблокирует токен.',
    ask: 'Введите PIN-код, чтобы подписать этот документ:',
  },
};

/** Hex in groups of 4, 8 groups a line, so a person can compare it with what the page shows. */
export function groupDigest(hex: string): string {
  const groups = hex.toUpperCase().match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 8) lines.push(groups.slice(i, i + 8).join(' '));
  return lines.join('\n');
}

/** The prompt text in the configured language. */
export function pinPromptText(r: PinRequest): string {
  const t = TEXT[r.language];
  const lines = [
    `${t.site}: ${r.origin}`,
    `${t.document}: ${r.documentName}`,
    `${t.certificate}: ${r.certificateName}${r.fin ? ` (${t.fin}: ${r.fin})` : ''}`,
    `${t.token}: ${r.tokenLabel}`,
    `${t.digest} (${r.algorithm}):`,
    groupDigest(r.digestHex),
  ];
  if (r.finalTry) lines.push('', t.final);
  else if (r.pinCountLow) lines.push('', t.low);
  lines.push('', t.ask);
  return lines.join('\n');
}

/** Title of the dialog window. */
export function pinPromptTitle(language: Language): string {
  return TEXT[language].title;
}

interface RunResult { code: number | null; stdout: string; timedOut: boolean }

/** Runs a prompt program with a time-out; stdin gets `input`, stdout is bounded. */
function runPrompt(command: string, args: string[], input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: false });
    let stdout = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      if (stdout.length < MAX_PIN_OUTPUT) stdout += d;
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, timedOut });
    });
    child.stdin.on('error', () => undefined); // the program may not read its stdin
    child.stdin.end(input);
  });
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

/**
 * The configured ask-pass program: runs with the prompt text on stdin and IMZALA_PROMPT_ORIGIN / _DOCUMENT / _DIGEST
 * in its environment; the first line of stdout is the PIN; exit 1 (or any non-zero) means cancelled.
 */
export function programPinPrompt(program: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = PIN_PROMPT_TIMEOUT_MS): PinPrompt {
  return {
    name: 'program',
    async ask(r) {
      const childEnv = { ...env, IMZALA_PROMPT_ORIGIN: r.origin, IMZALA_PROMPT_DOCUMENT: r.documentName, IMZALA_PROMPT_DIGEST: r.digestHex };
      const result = await runPrompt(program, [], pinPromptText(r), childEnv, timeoutMs);
      if (result.timedOut) return 'timeout';
      if (result.code !== 0) return 'cancelled';
      return { pin: firstLine(result.stdout) };
    },
  };
}

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { env, stdio: 'ignore' });
  return r.status === 0;
}

/**
 * A desktop dialog for the platform, or null when none can be shown (no display, no zenity/kdialog).
 * Tried here: none of them on a real desktop (this machine is headless). zenity's and kdialog's options are from their
 * manuals; the PowerShell and osascript variants follow the documented APIs and are untested.
 */
export function desktopPinPrompt(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, timeoutMs = PIN_PROMPT_TIMEOUT_MS): PinPrompt | null {
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
    if (onPath('zenity', env)) {
      // `--password` shows no text, so the prompt uses `--entry --hide-text`, which shows the text and hides the answer.
      return dialog('zenity', (r) => ['--entry', '--hide-text', `--title=${pinPromptTitle(r.language)}`, `--text=${pinPromptText(r)}`, `--timeout=${Math.ceil(timeoutMs / 1000)}`], env, timeoutMs);
    }
    if (onPath('kdialog', env)) {
      return dialog('kdialog', (r) => ['--title', pinPromptTitle(r.language), '--password', pinPromptText(r)], env, timeoutMs);
    }
    return null;
  }
  if (platform === 'darwin') {
    return dialog('osascript', (r) => [
      '-e', `display dialog ${appleString(pinPromptText(r))} with title ${appleString(pinPromptTitle(r.language))} default answer "" with hidden answer giving up after ${Math.ceil(timeoutMs / 1000)}`,
      '-e', 'text returned of result',
    ], env, timeoutMs);
  }
  if (platform === 'win32') {
    // A small WinForms dialog with a password box; prompt text comes through an environment variable to avoid quoting.
    const script = [
      'Add-Type -AssemblyName System.Windows.Forms',
      '$f = New-Object Windows.Forms.Form; $f.Text = $env:IMZALA_PROMPT_TITLE; $f.Width = 520; $f.Height = 360; $f.TopMost = $true',
      '$l = New-Object Windows.Forms.Label; $l.Text = $env:IMZALA_PROMPT_TEXT; $l.SetBounds(10,10,480,220); $f.Controls.Add($l)',
      '$t = New-Object Windows.Forms.TextBox; $t.UseSystemPasswordChar = $true; $t.SetBounds(10,240,480,24); $f.Controls.Add($t)',
      '$o = New-Object Windows.Forms.Button; $o.Text = "OK"; $o.DialogResult = "OK"; $o.SetBounds(330,280,75,26); $f.AcceptButton = $o; $f.Controls.Add($o)',
      '$c = New-Object Windows.Forms.Button; $c.Text = "Cancel"; $c.DialogResult = "Cancel"; $c.SetBounds(415,280,75,26); $f.CancelButton = $c; $f.Controls.Add($c)',
      'if ($f.ShowDialog() -eq "OK") { [Console]::Out.WriteLine($t.Text); exit 0 } else { exit 1 }',
    ].join('; ');
    return {
      name: 'powershell',
      async ask(r) {
        const childEnv = { ...env, IMZALA_PROMPT_TITLE: pinPromptTitle(r.language), IMZALA_PROMPT_TEXT: pinPromptText(r) };
        const result = await runPrompt('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', script], '', childEnv, timeoutMs);
        if (result.timedOut) return 'timeout';
        if (result.code !== 0) return 'cancelled';
        return { pin: firstLine(result.stdout) };
      },
    };
  }
  return null;
}

function dialog(command: string, args: (r: PinRequest) => string[], env: NodeJS.ProcessEnv, timeoutMs: number): PinPrompt {
  return {
    name: command,
    async ask(r) {
      const result = await runPrompt(command, args(r), '', env, timeoutMs);
      if (result.timedOut) return 'timeout';
      // zenity exits 5 on its own --timeout; osascript's "giving up" returns an empty answer with status 0.
      if (command === 'zenity' && result.code === 5) return 'timeout';
      if (result.code !== 0) return 'cancelled';
      return { pin: firstLine(result.stdout) };
    },
  };
}

function appleString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
