/**
 * The index of reconciliation checks (docs/checks.md), generated from the catalogue so it cannot drift:
 * `npm run docs:checks` rewrites it and test/core/checkIndex.test.ts fails when it is stale.
 */
import { BLANK_SEVERITY, CHECKS, CHECK_FAMILIES, FAMILY_SEVERITY } from '../catalogue/checks';
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
      '“标题”是核对不成立时问题的说法；“规则”一栏写明核对的等式或不等式；逐行核对的表格（项目支出明细表、人员情况表、其他收入明细表、自评得分表）和输入诊断写其标题。',
    '',
    '严重程度按部门决算软件的审核口径，按类别声明：表内、表间的勾稽关系（合计、平衡、一致、衔接、部分不超过整体）不成立的一律为“错误”，不论有无指标读取；' +
      '“提示”只用于可能合理存在、需书面说明原因的情况（决算超过预算、基础数据表按另一口径取数、金额量级可疑）；比率按后果（有计算读取为错误），评分按自评高低。' +
      `空白只能证实、不能指责：把空白按 0 计能使关系成立的，结果为“成立（空白按 0 计）”；否则为“无法核实”并列出空白；因空白而无法核实的、必填或计分所需而未填的，为“${BLANK_SEVERITY}”，既非错误也非提示。`,
    '',
    '| 类别 | 严重程度 |',
    '|---|---|',
    ...CHECK_FAMILIES.map((f) => {
      const note = CHECKS.find((c) => c.family === f && c.severityNote)?.severityNote;
      return `| ${f} | ${FAMILY_SEVERITY[f]}${note ? `（${note}）` : ''} |`;
    }),
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
      const severity = c.severityNote ? `${c.severity}（${c.severityNote}）` : c.severity;
      lines.push(`| \`${c.id}\` | ${c.family} | ${severity} | ${cell(c.title)} | ${cell(rule)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
