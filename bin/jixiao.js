#!/usr/bin/env node
// Runs the compiled CLI (npm install builds lib/ through the `prepare` script).
const { main } = require('../lib/cli/main.js');
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
