#!/usr/bin/env node
// Builds the self-contained native host: a Node single executable application (SEA) that runs on a computer without
// Node, with pkcs11js's native addon (pkcs11.node) beside it. `npm run package:host` (after `npm run build`):
//
//   node extension/native-host/package/build-sea.mjs [--entry dist/extension/native-host/bin.js]
//        [--out dist/host-package/<platform>-<arch>] [--node <node binary to copy>] [--no-strip]
//
// Steps (docs/native-host.md "Building the package" repeats them for Windows and macOS):
//  1. rolldown bundles the host (tsc output) into ONE CommonJS file: Node 20's SEA runs only a CommonJS main script whose
//     `require` knows the built-in modules only. pkcs11js does `require("./build/Release/pkcs11.node")`; a native addon
//     cannot live inside the blob, so the bundle replaces that require with a shim that loads `pkcs11.node` from the
//     executable's own directory with process.dlopen.
//  2. `node --experimental-sea-config sea-config.json` turns the bundle into a preparation blob (with V8 code cache, so
//     `status` starts fast).
//  3. A copy of the running node binary (process.execPath) gets the blob injected with postject under the sentinel fuse.
//  4. pkcs11.node, README.txt and the install scripts go beside it.
// Only the current platform can be built (the executable is a copy of this node, the addon is built for this OS/arch).
// A real release must code-sign the executable and the addon on Windows (Authenticode) and macOS (codesign + notarize):
// NOT done here.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
/** The fuse Node's SEA code looks for; postject flips it when it injects the blob. */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const ADDON_NAME = 'pkcs11.node';

/**
 * The module that stands in for pkcs11js's `require("./build/Release/pkcs11.node")` inside the bundle. Inside the
 * executable the addon sits beside it (process.execPath is the executable); when the bundle is run by plain node (to
 * debug it) the addon sits beside the bundle.
 */
const ADDON_SHIM = `
const path = require('node:path');
let inSea = false;
try { inSea = require('node:sea').isSea(); } catch { inSea = false; }
const dir = inSea ? path.dirname(process.execPath) : __dirname;
const addon = { exports: {} };
process.dlopen(addon, path.join(dir, ${JSON.stringify(ADDON_NAME)}));
module.exports = addon.exports;
`;

/** Parses the few options; unknown ones are an error (a typo must not build the wrong thing silently). */
function parseArgs(argv) {
  const opts = {
    entry: join(ROOT, 'dist/extension/native-host/bin.js'),
    out: join(ROOT, 'dist/host-package', `${process.platform}-${process.arch}`),
    node: process.execPath,
    strip: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return resolve(v);
    };
    if (a === '--entry') opts.entry = value();
    else if (a === '--out') opts.out = value();
    else if (a === '--node') opts.node = value();
    else if (a === '--no-strip') opts.strip = false;
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

/** Runs a program and throws with its output when it fails. */
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Where pkcs11js's built addon is (node_modules/pkcs11js/build/Release/pkcs11.node). */
function findAddon() {
  const req = createRequire(join(ROOT, 'package.json'));
  const pkg = dirname(req.resolve('pkcs11js/package.json'));
  const addon = join(pkg, 'build/Release', ADDON_NAME);
  if (!existsSync(addon)) throw new Error(`${addon} is missing: pkcs11js was not built (npm rebuild pkcs11js)`);
  return addon;
}

/** Step 1: one CommonJS file with every dependency inside, the addon require replaced by the shim. */
async function bundle(entry, file) {
  const { rolldown } = await import('rolldown');
  const build = await rolldown({
    input: entry,
    platform: 'node',
    // A module the bundle cannot find would become a require() of a missing built-in at run time: fail the build.
    onLog(level, log, handler) {
      if (log.code === 'UNRESOLVED_IMPORT') throw new Error(`cannot bundle: ${log.message}`);
      if (level === 'warn') handler(level, log);
    },
    // ESM-only names have CommonJS equivalents in the bundle (the host code is written as ESM).
    transform: {
      define: {
        'import.meta.dirname': '__dirname',
        'import.meta.filename': '__filename',
        'import.meta.url': '__imzalaImportMetaUrl',
      },
    },
    plugins: [
      {
        name: 'imzala-native-addon',
        resolveId(source) {
          if (source.endsWith('.node')) return { id: `\0imzala-addon:${source}` };
          return null;
        },
        load(id) {
          if (id.startsWith('\0imzala-addon:')) return { code: ADDON_SHIM, moduleType: 'js' };
          return null;
        },
      },
    ],
  });
  await build.write({
    file,
    format: 'cjs',
    codeSplitting: false,
    banner: "const __imzalaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  });
  await build.close();
}

/** Steps 2-3: the blob, injected into a copy of node. */
async function makeExecutable(bundleFile, work, nodeBinary, exe, strip) {
  const blob = join(work, 'sea-prep.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main: bundleFile, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }, null, 2));
  run(nodeBinary, ['--experimental-sea-config', config], { cwd: work });
  copyFileSync(nodeBinary, exe);
  chmodSync(exe, 0o755);
  // Debug info is most of an unstripped Linux node (about 100 MB); the program itself does not need it.
  if (strip && process.platform === 'linux' && spawnSync('strip', ['--version']).status === 0) run('strip', ['--strip-debug', exe]);
  if (process.platform === 'darwin') run('codesign', ['--remove-signature', exe]);
  // Windows (untested here): node.exe's Authenticode signature would be broken by the injection; remove it first.
  if (process.platform === 'win32' && spawnSync('signtool', ['/?']).status === 0) run('signtool', ['remove', '/s', exe]);
  const { inject } = createRequire(import.meta.url)('postject');
  await inject(exe, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: SEA_FUSE,
    ...(process.platform === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}),
  });
  // macOS refuses to run a modified binary without a signature: ad-hoc here; a release signs with a Developer ID.
  if (process.platform === 'darwin') run('codesign', ['--sign', '-', exe]);
}

/** The README that goes into the package (plain text: IT departments read it on servers). */
function readme(exeName) {
  return `imzala native messaging host (az.imzala.host)
==============================================

This folder is the self-contained host: it needs no Node.js installation.

  ${exeName}    the host program (the browser starts it; it speaks native messaging on stdin/stdout)
  ${ADDON_NAME}       the PKCS#11 binding; must stay in the same folder as the program
  install.sh      registers the host with Chrome, Chromium, Edge and Firefox (Linux, macOS)
  install.ps1     the same for Windows (Windows packages only; untested)
  README.txt      this file

Install for the current user:           ./install.sh
Install for every user (as root):       sudo ./install.sh --system
Only some browsers:                     ./install.sh --browser chrome --browser firefox
Remove:                                 ./install.sh --uninstall [--system]
Windows:                                powershell -ExecutionPolicy Bypass -File install.ps1 [-System] [-Uninstall]

--system copies the files to /opt/imzala/host (macOS: /Library/Application Support/imzala/host) and writes the
manifests into the browsers' system folders; without it the files go to ~/.local/share/imzala/host.

The host finds the token's PKCS#11 library from its configuration (/etc/imzala/host.json or
~/.config/imzala/host.json, key "pkcs11Libraries") or the extension's managed "pkcs11Library" policy. The token's
middleware (driver) is installed from the token vendor's own package.

Full documentation: docs/native-host.md and docs/fleet-deployment.md in the imzala repository.
This build is NOT code-signed; a release for Windows and macOS must be signed.
`;
}

/** Builds the package; returns what was written (the test and the bench use it). */
export async function buildHostPackage(options = {}) {
  const opts = { ...parseArgs([]), ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  if (!existsSync(opts.entry)) throw new Error(`${opts.entry} is missing: run npm run build first`);
  const addon = findAddon();
  const started = process.hrtime.bigint();
  const work = mkdtempSync(join(tmpdir(), 'imzala-sea-'));
  try {
    const bundleFile = join(work, 'imzala-host.cjs');
    await bundle(opts.entry, bundleFile);
    rmSync(opts.out, { recursive: true, force: true });
    mkdirSync(opts.out, { recursive: true });
    const exeName = process.platform === 'win32' ? 'imzala-host.exe' : 'imzala-host';
    const exe = join(opts.out, exeName);
    await makeExecutable(bundleFile, work, opts.node, exe, opts.strip);
    copyFileSync(addon, join(opts.out, ADDON_NAME));
    copyFileSync(join(HERE, 'install.sh'), join(opts.out, 'install.sh'));
    chmodSync(join(opts.out, 'install.sh'), 0o755);
    if (process.platform === 'win32') copyFileSync(join(HERE, 'install.ps1'), join(opts.out, 'install.ps1'));
    writeFileSync(join(opts.out, 'README.txt'), readme(exeName));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { dir: opts.out, executable: exe, addon: join(opts.out, ADDON_NAME), bytes: statSync(exe).size, seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await buildHostPackage(parseArgs(process.argv.slice(2)));
    console.log(`${r.executable} (${(r.bytes / 1048576).toFixed(1)} MiB) built in ${r.seconds.toFixed(1)} s`);
  } catch (e) {
    console.error(`build-sea: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
