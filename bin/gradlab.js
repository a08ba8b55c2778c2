#!/usr/bin/env node
// The `gradlab` command: runs the compiled CLI (src/cli → dist/src/cli).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
