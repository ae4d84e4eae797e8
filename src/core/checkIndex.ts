/**
 * The index of reconciliation checks (docs/checks.md), generated from the catalogue so it cannot drift:
 * `npm run docs:checks` rewrites it and test/core/checkIndex.test.ts fails when it is stale.
 */
import { CHECKS, CHECK_FAMILIES } from '../catalogue/checks';
import { templateReading, InputValues } from './fill';
import { INPUTS } from '../catalogue/inputs';
import { checkStatements } from './checks';
import { computeIndicators } from './indicators';
import { buildModel } from './model';

/** A value of each scalar's kind, so every comparison over scalars states its rule (tables stay empty). */
function everyScalarFilled(): InputValues {
  const filled: InputValues = {};
  for (const d of INPUTS) {
    if (d.type !== 'scalar') continue;
    filled[d.name] =
      d.kind === 'year'
        ? 2021
        : d.kind === 'flag'
          ? '是'
          : d.kind === 'date'
            ? '2021-12-31'
            : d.kind === 'text'
              ? '文本'
              : 1;
  }
  return filled;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function checkIndexMarkdown(): string {
  const model = buildModel(templateReading(everyScalarFilled()));
  const statements = checkStatements(model, computeIndicators(model), null);
  const lines = [
    '# 勾稽核对一览（check index）',
    '',
    '<!-- Generated from src/catalogue/checks.ts by `npm run docs:checks`; test/core/checkIndex.test.ts fails when it is stale. -->',
    '',
    `共 ${CHECKS.length} 项核对。id 是“出错说明”表按其对应的键；一项核对可逐行、逐列产生多条结果，其 id 为核对 id 后接“.键”。` +
      '“规则”一栏写明核对的等式或不等式；逐行核对的表格（项目支出明细表、人员情况表、其他收入明细表、自评得分表）和输入诊断写其标题。',
    '',
  ];
  for (const family of CHECK_FAMILIES) {
    const checks = CHECKS.filter((c) => c.family === family);
    if (checks.length === 0) continue;
    lines.push(
      `## ${family}（${checks.length}）`,
      '',
      '| id | 类别 | 严重程度 | 标题 | 规则 |',
      '|---|---|---|---|---|'
    );
    for (const c of checks) {
      const rule = statements.get(c.id)?.join('；') || c.title;
      lines.push(`| \`${c.id}\` | ${c.family} | ${c.severity} | ${cell(c.title)} | ${cell(rule)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
