// Rewrites docs/checks.md from the compiled catalogue (run `npm run build:cli` first; `npm run docs:checks` does both).
const fs = require('fs');
const path = require('path');
const { checkIndexMarkdown } = require('../lib/core/checkIndex');

const target = path.join(__dirname, '..', 'docs', 'checks.md');
const tmp = `${target}.tmp`;
fs.writeFileSync(tmp, checkIndexMarkdown());
fs.renameSync(tmp, target);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
