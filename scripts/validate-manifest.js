#!/usr/bin/env node
/**
 * Offline manifest validation. `office-addin-manifest validate` posts the XML to a Microsoft service,
 * so instead: xmllint against Microsoft's XSDs (carried in schemas/office-addin-manifest/), plus the
 * cross-references the schema cannot see (every resid defined, every asset file present).
 *
 * Usage: node scripts/validate-manifest.js [manifest.xml]   (JIXIAO_SCHEMAS overrides the schema folder)
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const manifest = path.resolve(root, process.argv[2] || 'manifest.xml');
const schemaDir = process.env.JIXIAO_SCHEMAS || path.resolve(root, 'schemas', 'office-addin-manifest');
const schema = path.join(schemaDir, 'OfficeAppManifestV1_1.xsd');

const problems = [];
if (!fs.existsSync(schema)) {
  console.error(
    `找不到清单架构 ${schema}（应在仓库的 schemas/office-addin-manifest/，或用 JIXIAO_SCHEMAS 指定）`
  );
  process.exit(2);
}
try {
  execFileSync('xmllint', ['--noout', '--schema', schema, manifest], { stdio: ['ignore', 'pipe', 'pipe'] });
} catch (e) {
  if (e.code === 'ENOENT') {
    console.error('未找到 xmllint：请安装 libxml2-utils（apt-get install libxml2-utils）');
    process.exit(2);
  }
  problems.push(String(e.stderr || e.stdout || e.message).trim());
}

const xml = fs.readFileSync(manifest, 'utf8');
const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String)\s+id="([^"]+)"/g)].map((m) => m[1]));
for (const m of xml.matchAll(/resid="([^"]+)"/g))
  if (!defined.has(m[1])) problems.push(`resid="${m[1]}" 未在 <Resources> 中定义`);
for (const m of xml.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+)"/g))
  if (!fs.existsSync(path.join(root, m[1]))) problems.push(`引用的图标文件不存在：${m[1]}`);

if (problems.length) {
  console.error(`${path.basename(manifest)} 未通过校验：\n${[...new Set(problems)].join('\n')}`);
  process.exit(1);
}
console.log(`${path.basename(manifest)} 通过校验（架构 ${path.relative(root, schema)}）`);
