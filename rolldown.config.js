// Bundles made after `tsc` (from its output in dist/): the CLI for Node, and the /yoxla page's script for browsers.
import { defineConfig } from 'rolldown';

export default defineConfig([
  {
    input: 'dist/verifier/cli/main.js',
    platform: 'node',
    logLevel: 'warn',
    // `imzala sign --pkcs11` loads the PKCS#11 binding (a native addon) from node_modules when used.
    external: ['pkcs11js'],
    output: { dir: 'dist/cli', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' },
  },
  {
    // The native messaging host (extension/native-host): one file started by the browser; pkcs11js is a native addon
    // loaded from node_modules (or beside the single executable, see docs/native-host.md).
    input: { 'imzala-host': 'dist/extension/native-host/bin.js' },
    platform: 'node',
    logLevel: 'warn',
    external: ['pkcs11js'],
    output: { dir: 'dist/host', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js' },
  },
  {
    // The pages' scripts, sharing chunks: the check page (core in the browser; the PDF report, pdf-lib, is a chunk
    // loaded only when asked for) and the wizard that starts signing processes.
    input: { yoxla: 'dist/verifier/web/yoxla/main.js', yeni: 'dist/verifier/web/wizard/main.js', sign: 'dist/verifier/web/signing/main.js', process: 'dist/verifier/web/process/main.js' },
    platform: 'browser',
    logLevel: 'warn',
    output: { dir: 'dist/web/app', format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunk-[hash].js', minify: true },
  },
]);
