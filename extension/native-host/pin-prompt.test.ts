import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desktopPinPrompt, groupDigest, pinPromptText, programPinPrompt, type PinRequest } from './pin-prompt.js';

const request: PinRequest = {
  origin: 'https://imzala.az', documentName: 'akt.pdf', algorithm: 'SHA-256', digestHex: 'ab'.repeat(32),
  certificateName: 'TEST ƏLİYEV VÜQAR', fin: '1TEST01', tokenLabel: 'TEST imzala token', pinCountLow: false, finalTry: false, language: 'az',
};

describe('PIN prompt text', () => {
  it('groups the digest in fours, eight groups a line', () => {
    expect(groupDigest('ab'.repeat(32))).toBe('ABAB ABAB ABAB ABAB ABAB ABAB ABAB ABAB\nABAB ABAB ABAB ABAB ABAB ABAB ABAB ABAB');
  });

  it('shows site, document, certificate, FIN and digest in az, en and ru; warns on the last try', () => {
    expect(pinPromptText(request)).toContain('Sənəd: akt.pdf');
    expect(pinPromptText(request)).toContain('(FİN: 1TEST01)');
    expect(pinPromptText({ ...request, language: 'en' })).toContain('Document: akt.pdf');
    expect(pinPromptText({ ...request, language: 'ru' })).toContain('Документ: akt.pdf');
    expect(pinPromptText({ ...request, language: 'en', finalTry: true })).toContain('last try');
    expect(pinPromptText({ ...request, language: 'en', pinCountLow: true })).toContain('few tries');
  });
});

describe('PIN program', () => {
  it('gets the text on stdin and the IMZALA_PROMPT_* variables; first line is the PIN; exit 1 cancels; a hang times out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-pin-'));
    try {
      const program = join(dir, 'ask.sh');
      writeFileSync(program, `#!/bin/sh\ncat > '${dir}/seen'\necho "$IMZALA_PROMPT_ORIGIN $IMZALA_PROMPT_DOCUMENT $IMZALA_PROMPT_DIGEST" >> '${dir}/seen'\n[ -f '${dir}/hang' ] && sleep 5\n[ -f '${dir}/cancel' ] && exit 1\nprintf '4321\\nextra\\n'\n`);
      chmodSync(program, 0o755);
      expect(await programPinPrompt(program, process.env).ask(request)).toEqual({ pin: '4321' });
      const seen = readFileSync(join(dir, 'seen'), 'utf8');
      expect(seen).toContain('Sayt: https://imzala.az');
      expect(seen).toContain(`https://imzala.az akt.pdf ${'ab'.repeat(32)}`);
      writeFileSync(join(dir, 'cancel'), '');
      expect(await programPinPrompt(program, process.env).ask(request)).toBe('cancelled');
      writeFileSync(join(dir, 'hang'), '');
      expect(await programPinPrompt(program, process.env, 300).ask(request)).toBe('timeout');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no display on Linux: no desktop dialog', () => {
    expect(desktopPinPrompt({ PATH: process.env.PATH }, 'linux')).toBeNull();
  });
});
