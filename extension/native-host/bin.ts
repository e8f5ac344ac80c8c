#!/usr/bin/env node
// Entry point of the native messaging host az.imzala.host: the browser starts this program, writes one framed request
// on stdin and reads the hello and the answer from stdout (see main.ts). Bundled to dist/host/imzala-host.js.
import { runHost } from './main.js';

runHost(process.stdin, process.stdout, { env: process.env, platform: process.platform }).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    // runHost answers every failure itself; reaching here means stdout is gone. Never print a stack for the browser.
    process.exitCode = 1;
  },
);
