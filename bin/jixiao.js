#!/usr/bin/env node
// Runs the compiled CLI (npm install builds lib/ through the `prepare` script).
const { main } = require('../lib/cli/main.js');
// A reader that stops early (`jixiao evaluate … | head`) closes the pipe: the run goes on and ends
// with its own exit code, instead of dying on the unhandled EPIPE after the outputs are written.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e) => {
    if (e.code !== 'EPIPE') throw e;
  });
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
