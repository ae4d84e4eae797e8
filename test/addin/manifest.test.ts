/** The manifest validates offline against Microsoft's XSDs, and the validator does catch a broken one. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const validate = (file: string) =>
  spawnSync(process.execPath, [path.join(root, 'scripts', 'validate-manifest.js'), file], {
    encoding: 'utf8',
  });
const manifest = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

function withManifest(xml: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-manifest-'));
  const file = path.join(dir, 'manifest.xml');
  fs.writeFileSync(file, xml);
  return validate(file);
}

test('manifest.xml passes xmllint against OfficeAppManifestV1_1.xsd', () => {
  const r = validate(path.join(root, 'manifest.xml'));
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('通过校验');
});

test('the ribbon has 一键生成 (ExecuteFunction runAll) and 打开助手 (ShowTaskpane) on the Home tab, zh-CN first', () => {
  expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
  expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
  expect(manifest).toMatch(/<Action xsi:type="ExecuteFunction">\s*<FunctionName>runAll<\/FunctionName>/);
  expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(manifest).toMatch(
    /id="RunAll.Label" DefaultValue="一键生成">\s*<bt:Override Locale="en-US" Value="Run all"\/>/
  );
  expect(manifest).toMatch(/id="Taskpane.Label" DefaultValue="打开助手"/);
  expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.7"/>');
  expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
});

test('elements out of schema order are rejected', () => {
  const swapped = manifest.replace(
    '<Version>1.0.0.0</Version>\n  <ProviderName>Jixiao</ProviderName>',
    '<ProviderName>Jixiao</ProviderName>\n  <Version>1.0.0.0</Version>'
  );
  expect(swapped).not.toBe(manifest);
  const r = withManifest(swapped);
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('未通过校验');
});

test('a resid with no resource and a missing icon are rejected', () => {
  const r = withManifest(
    manifest
      .replace('<Label resid="Group.Label"/>', '<Label resid="Group.Nope"/>')
      .replace('assets/icon-80.png', 'assets/icon-81.png')
  );
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('resid="Group.Nope" 未在 <Resources> 中定义');
  expect(r.stderr).toContain('引用的图标文件不存在：assets/icon-81.png');
});
