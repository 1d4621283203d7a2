#!/usr/bin/env node
'use strict';
require('../dist/lib/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`hologram: ${error && error.message ? error.message : error}\n`); process.exitCode = 1; },
);
