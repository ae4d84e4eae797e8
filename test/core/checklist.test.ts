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
};

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
    expect(item).toContain(`按评分规则至多${limit![1]}分（“${limit![2]}”）`);
    expect(item).not.toMatch(/自评总分[\d.]+分（“.”），按所列数据计/);
  });
});
