#!/usr/bin/env node
/**
 * npm run demo: evaluates the sample department's workbook into out/ (result workbook, JSON, Word
 * report), then says in one line what the sample is — the department's published 自评报告 as written,
 * its own inconsistencies included — and the score the department gave itself, read from the run's
 * JSON (the workbook's 自评打分 table), so the verified score above it is not read as the tool's error.
 * Usage: node scripts/demo.js [sample.xlsx] (lib/ must be built: npm install does it).
 */
const fs = require('fs');
const path = require('path');
const Decimal = require('decimal.js');

const root = path.join(__dirname, '..');

/** The line after the run: what the sample reproduces and what the unit claimed. */
function sampleNote(result) {
  const { unit, year } = result.summary;
  const claimed = result.scores && result.scores.claimedTotal;
  const claim = claimed
    ? `单位在“自评打分”表中自评 ${new Decimal(claimed).toFixed(2)} 分，上面的核实得分是按所填数据和评分规则重算的结果`
    : '工作簿中没有单位的自评得分';
  return (
    `说明：样例按${unit ?? '该单位'}公开的 ${year ?? ''} 年度自评报告原文填写，保留了报告自身的不一致之处` +
    `（同一个数几处不同、合计加不平、比率与所列分子分母不符）；${claim}。`
  );
}

async function demo(sample) {
  const { main } = require('../lib/cli/main.js');
  const base = path.basename(sample, path.extname(sample));
  const out = (suffix) => path.join('out', `${base}${suffix}`);
  const json = out('.json');
  const code = await main([
    'evaluate',
    sample,
    '-o',
    out('-评价.xlsx'),
    '--json',
    json,
    '--docx',
    out('-报告.docx'),
  ]);
  // Only a run that wrote its JSON has a result to speak of.
  if (code === 0 || code === 4) console.log(sampleNote(JSON.parse(fs.readFileSync(json, 'utf8'))));
  return code;
}

module.exports = { sampleNote };

if (require.main === module) {
  process.chdir(root);
  demo(process.argv[2] || 'samples/衡阳市科协-2021.xlsx').then((code) => {
    process.exitCode = code;
  });
}
