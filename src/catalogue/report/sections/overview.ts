/** 前言 and 一、部门概况: the department's own words, and its staff from 机构人员情况表. */
import type { ReportContext, SectionContent } from '../../../core/reportContract';

export function preamble({ w }: ReportContext): SectionContent[] {
  const y = w.year();
  const placeholder = w.fmt.placeholder;
  return [
    w.paragraph(
      // 湘办发〔2019〕10号 is the document number public Hunan reports cite (docs/domain.md §1.1); some reports misprint it as 2020.
      w.say`为提高财政资金使用效益，衡量部门职责的履行情况和效率效果，增强预算单位绩效管理责任主体意识，根据《中共中央 国务院关于全面实施预算绩效管理的意见》（中发〔2018〕34号）、《中共湖南省委办公厅 湖南省人民政府办公厅关于全面实施预算绩效管理的实施意见》（湘办发〔2019〕10号）精神，按照《${placeholder(`财政部门关于开展${y.text}年度部门整体支出绩效评价工作的通知名称`)}》（${placeholder('该通知的文号')}）的文件要求，我单位对${y}年度部门整体支出开展了绩效自评，现将自评情况报告如下：`
    ),
  ];
}

export function staff({ w, model }: ReportContext): SectionContent[] {
  const t = model.table('人员情况表');
  const y = w.year();
  const out: SectionContent[] = [];
  if (t.rows.length === 0)
    out.push(
      w.paragraph(
        w.plain(w.fmt.placeholder('机构人员情况（各单位编制数、在职人数）'), [w.operand('人员情况表')])
      )
    );
  for (const r of t.rows) {
    const c = r.cells;
    const unit = w.cell('人员情况表', c['单位'], '单位（机构）名称', { required: true });
    const posts = w.cell('人员情况表', c['编制数'], '编制数', { required: true });
    const active = w.cell('人员情况表', c['在职人数'], '年末实有在职人数', { required: true });
    const retired = w.cell('人员情况表', c['退休人数'], '年末退休人数');
    out.push(
      w.paragraph(
        retired.text
          ? w.say`${unit}编制数${posts}，截至${y}年12月31日实有在职人员${active}、退休人员${retired}。`
          : w.say`${unit}编制数${posts}，截至${y}年12月31日实有在职人员${active}。`
      )
    );
  }
  // Without the rows, the 基础数据表's totals say it (with them, 六's 在职人员控制率 states the totals).
  if (t.rows.length === 0)
    out.push(
      w.paragraph(
        w.say`根据部门整体支出绩效评价基础数据表，全部门编制数${w.count('基础_编制数', '名')}，年末实际在职人数${w.count('基础_在职人数', '人')}。`
      )
    );
  return out;
}

/** The department's goals, or — when it wrote none — its 产出 tasks as the year's plan. */
export function goals({ w, model }: ReportContext): SectionContent[] {
  if (model.text('年度工作目标')?.trim()) return w.departmentText('年度工作目标');
  const tasks = model
    .table('产出任务表')
    .rows.map((r) => w.cell('产出任务表', r.cells['任务'], '工作任务'))
    .filter((p) => p.text);
  if (tasks.length === 0) return w.departmentText('年度工作目标', '年度工作目标及工作计划');
  return [
    w.paragraph(
      w.say`${w.year()}年度部门确定的主要工作任务有${String(tasks.length)}项：${w.join(
        tasks.map((t, i) => w.say`${w.fmt.circled(i + 1)}${t}`),
        '；'
      )}。${w.fmt.placeholder('年度绩效目标（产出、效果目标及指标值）')}`
    ),
  ];
}
