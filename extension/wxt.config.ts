import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

// The public half of the Chrome signing key: with it in the manifest every unpacked or packed Chromium build gets the
// fixed id iocoigakjbbnhenkjjcnnhinconhhebn that the native host manifests name in allowed_origins.
const CHROME_KEY = readFileSync(fileURLToPath(new URL('./keys/chrome-dev.pub.b64', import.meta.url)), 'utf8').trim();
// One version for the whole product: the extension reports the npm package's version in `status`.
const VERSION = (JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
// IMZALA_TEST_BUILD=1: a separate build in .output-test whose webmail content script also runs on http://localhost (the
// replica pages of test/support/webmail-replica-server.ts) and whose adapters accept those replicas (TEST_BUILD in
// src/webmail/core/test-build.ts). The release build in .output never matches localhost for webmail.
const TEST_BUILD = process.env.IMZALA_TEST_BUILD === '1';
const WEBMAIL_TEST_MATCH = 'http://localhost/*';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'src',
  outDir: TEST_BUILD ? '.output-test' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    version: VERSION,
    description: '__MSG_extensionDescription__',
    default_locale: 'az',
    permissions: ['nativeMessaging', 'storage'],
    ...(browser === 'firefox'
      ? {
          // Firefox reads managed values from policies.json "3rdparty" and needs no schema file.
          browser_specific_settings: {
            gecko: { id: 'imzala@imzala.az', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {
          key: CHROME_KEY,
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
  // Vite 8 transforms with oxc: compile JSX against Preact's automatic runtime.
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { __IMZALA_TEST_BUILD__: JSON.stringify(TEST_BUILD) },
  }),
  hooks: {
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!TEST_BUILD) return;
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.some((file) => file.includes('webmail')) && !script.matches?.includes(WEBMAIL_TEST_MATCH)) script.matches = [...(script.matches ?? []), WEBMAIL_TEST_MATCH];
      }
    },
  },
  zip: {
    artifactTemplate: 'imzala-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'imzala-{{version}}-sources.zip',
    // The store reviewers get the extension's sources; the native host ships separately (docs/native-host.md).
    excludeSources: ['.output/**', '.wxt/**', 'keys/**', 'native-host/**', '**/*.test.ts'],
  },
});
