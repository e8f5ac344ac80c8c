#!/usr/bin/env node
// The `imzala` command: runs the bundled CLI (npm install builds dist/cli/ through the `prepare` script; one bundle starts faster than the module tree: README, Benchmarks).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
