/**
 * The catalogue declares, the core interprets: no file under src/catalogue imports a value from the core
 * (types from the contracts only), and the core imports no host.
 */
import * as fs from 'fs';
import * as path from 'path';

const src = path.join(__dirname, '..', '..', 'src');
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []
    );
const imports = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/^(import|export)(\s+type)?\s[^;]*?from\s+'([^']+)'/gms)].map(
    (m) => ({ typeOnly: Boolean(m[2]), from: m[3] })
  );

test('the catalogue imports only types from the core', () => {
  const offending = files(path.join(src, 'catalogue')).flatMap((f) =>
    imports(f)
      .filter((i) => !i.typeOnly && /(^|\/)core\//.test(i.from))
      .map((i) => `${path.relative(src, f)} → ${i.from}`)
  );
  expect(offending).toEqual([]);
});

test('the core imports no host, no UI and no CLI', () => {
  const offending = files(path.join(src, 'core')).flatMap((f) =>
    imports(f)
      .filter(
        (i) =>
          /(^|\/)(hosts|taskpane|web|cli|commands)\//.test(i.from) || /^(exceljs|docx|react)/.test(i.from)
      )
      .map((i) => `${path.relative(src, f)} → ${i.from}`)
  );
  expect(offending).toEqual([]);
});
