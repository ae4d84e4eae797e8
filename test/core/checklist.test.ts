/**
 * The 报送前核对清单 as its reader, the preparer, uses it: every highlighted place of the report they submit, each
 * once, with what to enter or check and where. Run on the sample's structure with made-up figures.
 */
import JSZip from 'jszip';
import { evaluate } from '../../src/core/engine';
import { draftChecklist } from '../../src/core/checklist';
import { draftLines } from '../../src/core/narrative';
import { draftReview } from '../../src/core/review';
import { reportToDocx } from '../../src/export/docx';
import { sampleReading } from '../helpers/sample';
import type { InputValues } from '../../src/core/fill';

function run(overrides: InputValues = {}) {
  const e = evaluate(sampleReading(overrides));
  const input = { model: e.model, indicators: e.indicators, scores: e.scores, findings: e.findings };
  return { input, report: e.report, checklist: draftChecklist(input, e.report) };
}

/** The text of each highlighted run of a .docx's document.xml: one placeholder each. */
async function highlighted(docx: Uint8Array | Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:highlight[\s\S]*?<\/w:r>/g)].map((r) =>
    [...r[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'))
      .join('')
  );
}

/** Made-up departments: the sample's tables with other figures, some reconciling where the sample's do not. */
const MADE_UP: Record<string, InputValues> = {
  'as the sample is laid out': {},
  'other figures': {
    单位名称: '某某市某某局',
    财拨_本年收入_合计: 900.5,
    财拨_基本支出: 478.29,
    其他_公用经费: 12.5,
    项目_合计_年中追加: 308.76,
    支出_对个人和家庭的补助: 80,
  },
  'another detail figure of 基本支出': { 财拨_基本支出: 401.5, 支出_对个人和家庭的补助: 80 },
};

/** A part of the checklist by its heading's words, as its numbered lines. */
function part(lines: string[], heading: RegExp): string[] {
  const at = lines.findIndex((l) => /^[一二三四五六七八九十]+、/.test(l) && heading.test(l));
  const next = lines.findIndex((l, i) => i > at && /^[一二三四五六七八九十]+、/.test(l));
  return lines.slice(at + 1, next < 0 ? undefined : next);
}

describe('报送前核对清单: complete by construction', () => {
  test.each(Object.keys(MADE_UP))(
    'every highlighted placeholder of the report (%s) is a checklist item, once',
    async (name) => {
      const { report, input, checklist } = run(MADE_UP[name]);
      const inReport = await highlighted(await reportToDocx(report, input.scores, { remarks: 'checklist' }));
      const inChecklist = await highlighted(await reportToDocx(checklist, null));
      expect(inReport.length).toBeGreaterThan(20);
      const missing = inReport.filter((p) => {
        // A table cell's bare 【待核对①②】 is settled by the notes under the table, each listed with its number.
        const bare = /^【待核对([①-⑳]+)】$/.exec(p);
        if (bare) return [...bare[1]].some((n) => !inChecklist.some((c) => c.startsWith(`【待核对${n}：`)));
        return !inChecklist.includes(p);
      });
      expect(missing).toEqual([]);
      // Each once: a placeholder printed in several places is one item naming them all.
      // (The bare 【待补】 is a finding's severity in the checklist's last part, not a place of the report.)
      const items = inChecklist.filter((p) => p.includes('：'));
      expect(items.filter((p, i) => items.indexOf(p) !== i)).toEqual([]);
    }
  );

  test('a heading’s placeholder and a table’s notes are listed with where they stand', () => {
    const { checklist } = run();
    const items = checklist.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []))
    );
    // A heading that is itself a placeholder (九's improvement for a problem the unit listed) stands by its number.
    expect(items).toContainEqual(
      expect.stringMatching(/^\d+\.【待补：针对“[^”]+”的改进措施】（九（[一二三四五六七八九十]+））。$/)
    );
    // A place in 附件1 is its row (or rows), by name: the preparer finds it without reading the whole table.
    expect(items).toContainEqual(expect.stringMatching(/（附件1“[^”]+”(“[^”]+”)*行）。$/));
    expect(items.filter((t) => /附件1[）；]/.test(t))).toEqual([]);
    // A note under a table: its number and the table it explains.
    expect(items).toContainEqual(expect.stringMatching(/^\d+\.【待核对①：[^】]+】（.*“[^”]+表”注[；）]/));
  });
});

describe('报送前核对清单: the same limits and the same first figure as the 审核意见', () => {
  test.each(Object.keys(MADE_UP))('the total’s limit is the memo’s 核实后至多 (%s)', (name) => {
    const { input, checklist } = run(MADE_UP[name]);
    const memo = draftLines(draftReview(input)).join('');
    const limit = /核实后至多([\d.]+)分（(.)）/.exec(memo);
    const item = draftLines(checklist).find((l) => /^\d+\.自评总分/.test(l));
    expect(limit).not.toBeNull();
    expect(item).toContain(`按评分规则至多${limit![1]}分（“${limit![2]}”`);
    expect(item).not.toMatch(/自评总分[\d.]+分（“.”），按所列数据计/);
  });

  test.each(Object.keys(MADE_UP))('each group’s limit is the memo’s, with its alternative (%s)', (name) => {
    const { input, checklist } = run(MADE_UP[name]);
    const memo = draftLines(draftReview(input)).join('').replace(/ /g, '');
    const scores = part(draftLines(checklist), /待定的得分/);
    const limits = [...memo.matchAll(/“([^”]+)”自评[\d.]+分[^“]*?应改为不超过([\d.]+)分（或([\d.]+)分）/g)];
    // The sample's layout leaves a 其中 line blank that lowers a limit; other figures may not.
    if (name === 'as the sample is laid out') expect(limits.length).toBeGreaterThan(0);
    else if (!limits.length) expect(scores.join('')).not.toContain('列报');
    for (const [, group, low, most] of limits) {
      const item = scores.find((l) => l.startsWith(`${scores.indexOf(l) + 1}.${group}自评`));
      expect(item).toContain(`按评分规则至多${low}分（列报`);
      expect(item).toContain(`的，至多${most}分`);
    }
    // A 二级 that is its 一级's only one, with the same claim and figures, is one item, not two.
    const bodies = scores.map((l) => l.replace(/^\d+\.[^自]+自评/, ''));
    expect(bodies.filter((b, i) => bodies.indexOf(b) !== i)).toEqual([]);
  });
});

describe('报送前核对清单: each correction once, with its figures and cells', () => {
  test.each(Object.keys(MADE_UP))('the figure to check first is the memo’s (%s)', (name) => {
    const { input, checklist } = run(MADE_UP[name]);
    const memo = draftLines(draftReview(input)).join('').replace(/ /g, '');
    const workbook = part(draftLines(checklist), /工作簿/);
    const first = /应先核对([^，。]+?)([\d.]+万元)，/.exec(memo);
    if (!first) return expect(workbook.join('')).not.toContain('应先核对');
    // The item of that pair names the same figure; the others of its cause refer to it, not to a cell of their own.
    const lead = workbook.findIndex((l) => l.replace(/ /g, '').includes(`应先核对${first[1]}${first[2]}`));
    expect(lead).toBeGreaterThanOrEqual(0);
    const refer = workbook.filter((l) => l.includes(`与第${lead + 1}项同一原因`));
    expect(refer.length).toBeGreaterThan(0);
    for (const l of refer) expect(l).not.toMatch(/先核对 \S+!/);
  });

  test.each(Object.keys(MADE_UP))('every 错误 of the workbook names its figures and cells (%s)', (name) => {
    const errors = part(draftLines(run(MADE_UP[name]).checklist), /工作簿/).filter((l) =>
      l.includes('【错误】')
    );
    expect(errors.length).toBeGreaterThan(3);
    for (const l of errors) {
      expect(l).toMatch(/（[^（）!]+![A-Z]+\d+/);
      expect(l).toMatch(/\d(万元|人|%|分)/);
    }
  });

  test.each(Object.keys(MADE_UP))('a correction is stated once and referred to elsewhere (%s)', (name) => {
    const { report, checklist } = run(MADE_UP[name]);
    const lines = draftLines(checklist);
    // Each change of a figure (from → to), as 六 and 四 word it: once in the whole checklist.
    const fixes = lines.flatMap((l) =>
      [...l.replace(/[ ,]/g, '').matchAll(/(?:由|填列)([\d.]+)万元.*?(?:改为|更正为)([\d.]+)万元/g)].map(
        (m) => `${m[1]}→${m[2]}`
      )
    );
    expect(fixes.length).toBeGreaterThan(0);
    expect(fixes.filter((x, i) => fixes.indexOf(x) !== i)).toEqual([]);
    // 四 says what the report shows at each figure to correct: a 【待核对】 only where the report has one naming it.
    const text = draftLines(report).join('');
    for (const l of part(lines, /须更正的数/)) {
      const stated = /填列([\d.]+)万元/.exec(l)?.[1];
      if (!stated) continue;
      const marked = (text.match(/【待核对[^】]*】/g) ?? []).some((m) => m.includes(`${stated}万元`));
      expect(l).toContain(marked ? '报告该处列【待核对】' : '报告已按改正后的数表述');
      expect(l).toMatch(/见第六部分第\d+项/);
    }
    expect(lines.join('')).not.toContain('报告已按两处一致的数表述');
    // A self-score to correct is 三's item; the workbook's finding refers to it.
    for (const l of part(lines, /工作簿/).filter((x) => /^\d+\.【错误】“[^”]+”自评/.test(x)))
      expect(l).toMatch(/改正见第三部分第\d+项。$/);
  });
});

test('figures of another year: the first of them says so for all and names no cell of its own to check first', () => {
  const lines = part(draftLines(run().checklist), /工作簿/);
  const head = lines.findIndex((l) => /误填\d{4}年数据（第[\d、]+项同一原因）/.test(l));
  expect(head).toBeGreaterThanOrEqual(0);
  expect(lines[head]).not.toMatch(/先核对 ?\S+!/);
  const members = /（第([\d、]+)项同一原因）/.exec(lines[head])![1].split('、').map(Number);
  for (const n of members) expect(lines[n - 1]).toContain(`之一（见第${head + 1}项）`);
});

test('figures of another year: an item with no correction of its own states 二’s, against the corrected figure', () => {
  const lines = part(draftLines(run().checklist), /工作簿/);
  const head = lines.findIndex((l) => /误填\d{4}年数据（第[\d、]+项同一原因）/.test(l));
  const members = /（第([\d、]+)项同一原因）/.exec(lines[head])![1].split('、').map(Number);
  // 本年度累计结转结余 4.04 is the other year's end: this year's is the two tables' sum, 0.00 — not "which is right".
  const closing = lines.find((l) => l.includes('本年度累计结转结余与'))!;
  expect(closing).not.toContain('确定哪一处正确');
  expect(closing).toMatch(
    /本年度累计结转结余（基础数据!B44）由 ?4\.04 ?万元改为 ?0\.00 ?万元，即\d{4}年年末数/
  );
  // 本年追加预算 is compared with 年中追加合计 as another item corrects it (654.62 → 492.06), by that item.
  const added = lines.find((l) => l.includes('本年追加预算与'))!;
  const fix = lines.findIndex((l) => /由 ?654\.62 ?万元\S*改为 ?492\.06 ?万元/.test(l));
  expect(added.replace(/ /g, '')).toContain(
    `改为492.06万元，即财政拨款表年中追加合计（按第${fix + 1}项改正后）`
  );
  // The head names which cell holds which figure: the years, then each amount.
  expect(lines[head]).toMatch(/（年度：基础数据!B\d+、基本情况!B\d+；[\d.]+：基础数据!B\d+；/);
  // A rate the report states only in a 【待核对】 is the workbook's figure, not the report's.
  expect(lines.find((l) => l.includes('预算完成率重算为'))).toMatch(/，工作簿列[\d.]+%/);
  // The same cause, the same severity: a comparison the other year explains is not a 提示 to explain.
  for (const n of members) expect(lines[n - 1]).not.toContain('【提示】');
});

test.each(Object.keys(MADE_UP))(
  'a figure to settle names the workbook item that settles it, with its figure (%s)',
  (name) => {
    const lines = draftLines(run(MADE_UP[name]).checklist);
    const workbook = part(lines, /工作簿/);
    const referred = part(lines, /需确定的数/).filter((l) => l.includes('后重新生成即消除'));
    expect(referred.length).toBeGreaterThan(0);
    for (const l of referred) {
      const n = Number(/改正第六部分第(\d+)项后重新生成即消除/.exec(l)![1]);
      const figure = /([\d.]*[1-9][\d.]*)\s*(?:万元|人|%)/.exec(l)![1];
      expect(workbook[n - 1].replace(/\s/g, '')).toContain(figure);
    }
  }
);
