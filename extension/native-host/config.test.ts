import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configCandidates, loadHostConfig } from './config.js';

describe('host config', () => {
  it('looks in IMZALA_HOST_CONFIG, else the per-user then the system file of each OS', () => {
    expect(configCandidates({ env: { IMZALA_HOST_CONFIG: '/x/h.json' }, platform: 'linux' })).toEqual(['/x/h.json']);
    expect(configCandidates({ env: { XDG_CONFIG_HOME: '/c' }, platform: 'linux', home: '/h' })).toEqual(['/c/imzala/host.json', '/etc/imzala/host.json']);
    expect(configCandidates({ env: {}, platform: 'darwin', home: '/h' })).toEqual(['/h/Library/Application Support/imzala/host.json', '/Library/Application Support/imzala/host.json']);
    expect(configCandidates({ env: { APPDATA: 'A', ProgramData: 'P' }, platform: 'win32' }).length).toBe(2);
  });

  it('defaults without a file; refuses a wrong file with HOST_CONFIG_INVALID and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'imzala-config-'));
    try {
      expect(loadHostConfig({ env: { XDG_CONFIG_HOME: dir }, platform: 'linux', home: dir })).toMatchObject({ pkcs11Libraries: [], pinProgram: null, language: 'az', source: null });
      const file = join(dir, 'host.json');
      const load = () => loadHostConfig({ env: { IMZALA_HOST_CONFIG: file }, platform: 'linux' });
      expect(load).toThrow(expect.objectContaining({ code: 'HOST_CONFIG_INVALID', details: { path: file, reason: 'the file does not exist' } }));
      writeFileSync(file, '{"pkcs11Libraries": ["/lib/a.so"], "pinProgram": "/bin/ask", "language": "ru"}');
      expect(load()).toMatchObject({ pkcs11Libraries: ['/lib/a.so'], pinProgram: '/bin/ask', language: 'ru', source: file });
      for (const bad of ['{', '[]', '{"pinProgram": "relative/ask"}', '{"language": "de"}', '{"pkcs11Library": "/typo.so"}']) {
        writeFileSync(file, bad);
        expect(load).toThrow(expect.objectContaining({ code: 'HOST_CONFIG_INVALID' }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
