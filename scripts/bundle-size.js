#!/usr/bin/env node
/**
 * First-load JavaScript of a built page: every <script src> the HTML loads before any dynamic
 * import(), raw and gzip -9; for a page that inlines everything (dist/绩效自评助手.html), the file itself.
 * Usage: node scripts/bundle-size.js [dist/taskpane.html] [--json]
 */
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function firstLoad(htmlFile) {
  const dir = path.dirname(htmlFile);
  const html = fs.readFileSync(htmlFile, 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=("?)([^"\s>]+)\1/g)]
    .map((m) => m[2])
    .filter((s) => !/^https?:/.test(s));
  // A page that inlines its scripts (the single-file page) is its own first load.
  const sources = scripts.length ? scripts : [path.basename(htmlFile)];
  const files = sources.map((src) => {
    const bytes = fs.readFileSync(path.join(dir, src.replace(/^\//, '')));
    return { src, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  const ours = files.filter((f) => f.src !== 'office.js');
  const sum = (xs, k) => xs.reduce((a, f) => a + f[k], 0);
  return {
    page: path.basename(htmlFile),
    files,
    raw: sum(files, 'raw'),
    gzip: sum(files, 'gzip'),
    bundleGzip: sum(ours, 'gzip'),
  };
}

module.exports = { firstLoad };

if (require.main === module) {
  const file =
    process.argv.slice(2).find((a) => !a.startsWith('--')) ||
    path.join(__dirname, '..', 'dist', 'taskpane.html');
  const r = firstLoad(file);
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else {
    for (const f of r.files)
      console.log(
        `${f.src.padEnd(36)} ${(f.raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(f.gzip / 1024).toFixed(1).padStart(7)} KB`
      );
    console.log(
      `${r.page} first load: ${(r.raw / 1024).toFixed(1)} KB, gzip ${(r.gzip / 1024).toFixed(1)} KB (bundle without office.js: ${(r.bundleGzip / 1024).toFixed(1)} KB)`
    );
  }
}
