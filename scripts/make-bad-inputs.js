#!/usr/bin/env node
/**
 * Writes the bad-input corpus (test/fixtures/bad-input/*.xlsx) from its generator,
 * test/fixtures/bad-input/generate.ts. Usage: node scripts/make-bad-inputs.js [out-dir] [file-name-prefix …]
 * (with prefixes, only the files whose names start with one of them are written)
 * TypeScript is compiled on the fly (transpile only) so no extra runner is needed.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

const { writeBadInputs, BAD_INPUT_DIR } = require(
  path.join(__dirname, '..', 'test', 'fixtures', 'bad-input', 'generate.ts')
);

const started = Date.now();
writeBadInputs(process.argv[2] ? path.resolve(process.argv[2]) : BAD_INPUT_DIR, process.argv.slice(3)).then(
  (files) => {
    for (const f of files) console.log(`${String(f.bytes).padStart(9)}  ${f.file}`);
    console.log(`已生成 ${files.length} 个工作簿，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  }
);
