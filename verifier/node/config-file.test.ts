import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isImzalaError } from '../../core/errors.js';
import { loadServerConfig } from '../server/config.js';
import { withConfigFile } from './config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'imzala-config-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    withConfigFile(env);
  } catch (e) {
    if (isImzalaError(e) && e.code === 'CONFIG_FILE_INVALID') return String(e.details.reason);
    throw e;
  }
  throw new Error('expected CONFIG_FILE_INVALID');
}

describe('the optional configuration file', () => {
  it('sets the service configuration; the environment wins; directories are relative to the file', () => {
    const path = file('imzala.json', JSON.stringify({ PORT: 9090, IMZALA_DATA_DIR: 'state', IMZALA_RATE_LIMIT: 5, IMZALA_OFFLINE: true, IMZALA_PUBLIC_URL: 'https://imzala.example.az/' }));
    const config = loadServerConfig(withConfigFile({ IMZALA_CONFIG: path, IMZALA_RATE_LIMIT: '7' }));
    expect(config.port).toBe(9090);
    expect(config.dataDir).toBe(join(dir, 'state'));
    expect(config.trustDir).toBe(join(dir, 'state', 'trust'));
    expect(config.rateLimitPerMinute).toBe(7);
    expect(config.offline).toBe(true);
    expect(config.publicUrl).toBe('https://imzala.example.az');
  });

  it('is optional: without IMZALA_CONFIG and without ./imzala.config.json the environment is used as it is', () => {
    const env = { PORT: '1234' };
    expect(withConfigFile(env)).toBe(env);
  });

  it('refuses a file it cannot use, with the reason, instead of starting half-configured', () => {
    expect(refusal({ IMZALA_CONFIG: join(dir, 'missing.json') })).toMatch(/cannot be read \(ENOENT\)/);
    expect(refusal({ IMZALA_CONFIG: file('bad.json', '{"PORT": 80,') })).toBe('is not valid JSON');
    expect(refusal({ IMZALA_CONFIG: file('array.json', '[1]') })).toBe('must be a JSON object');
    expect(refusal({ IMZALA_CONFIG: file('unknown.json', '{"IMZALA_PORT": 80}') })).toMatch(/unknown name "IMZALA_PORT"/);
    expect(refusal({ IMZALA_CONFIG: file('nested.json', '{"PORT": {"value": 80}}') })).toMatch(/"PORT" must be a string, number or boolean/);
  });

  it('is still checked like the environment: a wrong value is CONFIG_INVALID', () => {
    const path = file('port.json', '{"PORT": 70000}');
    expect(() => loadServerConfig(withConfigFile({ IMZALA_CONFIG: path }))).toThrow(/PORT must be a whole number/);
  });
});
