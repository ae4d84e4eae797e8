/**
 * Lets `npm run bench` load TypeScript that is not compiled into lib/ (the Excel double and the
 * real-office.js harness under test/support/): each .ts file is transpiled on require with
 * TypeScript's own transpileModule, no type check.
 */
const fs = require('fs');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2020,
  esModuleInterop: true,
  jsx: ts.JsxEmit.ReactJSX,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
