#!/usr/bin/env node
// The `imzala` command: runs the compiled CLI (npm install builds dist/ through the `prepare` script).
import { main } from '../dist/verifier/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
