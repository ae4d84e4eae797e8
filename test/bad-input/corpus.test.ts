/**
 * The bad-input corpus (test/fixtures/bad-input, written by `node scripts/make-bad-inputs.js`):
 * every file read through loadXlsx → readInputs → buildModel → evaluate gives exactly the expected
 * Chinese diagnostic at the expected cell, good-but-odd forms parse to the right value, evaluate
 * never throws, and the CLI exits 0 (3 when the file is not a workbook, 5 when too empty to score).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INPUTS } from '../../src/catalogue/inputs';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/engine';
import { buildModel, Model } from '../../src/core/model';
import { rulebookFromModel } from '../../src/core/rulebook';
import type { Diagnostic } from '../../src/core/types';
import { openWorkbook } from '../../src/hosts/file/node';
import { loadXlsx, readInputs } from '../../src/hosts/file/xlsx';
import { BAD_INPUTS, BAD_INPUT_DIR } from '../fixtures/bad-input/generate';

interface Expected {
  file: string;
  /** Every code buildModel reports, sorted ([] for a good-but-odd file); not given: only `diag` is checked. */
  codes?: string[];
  /** The diagnostic that must be there: code, a key part (or all) of its message, and its cell or name. */
  diag?: {
    code: string;
    message: string;
    address?: string;
    name?: string;
    severity?: Diagnostic['severity'];
  };
  /** For rulebook errors: the diagnostic is among the rulebook's errors (and evaluate's diagnostics). */
  rulebook?: boolean;
  /** Values that must parse, as Decimal strings / text. */
  values?: Array<[name: string, value: string]>;
  check?: (m: Model) => void;
  /** The file is not a workbook: loadXlsx throws this (part of the) Chinese message; the CLI exits 3. */
  unreadable?: string;
  /**
   * Read through the CLI's bounded reader only (what is wrong is in the package, which the web page's
   * JSZip reader does not check the same way: ZIP64, parts that are never to be inflated).
   */
  cliReader?: boolean;
}

/** Files with too little data to score: the CLI ends them as 数据不完整 (exit 5). */
const INCOMPLETE = new Set(['empty-workbook.xlsx', 'name-missing-all.xlsx']);
const MISSING = '请用“插入模板”或在“数据”页把该项绑定到单元格';
const AMOUNT = '应填金额（万元），如 1234.56';
const COUNT = '应填人数或个数（非负整数），如 18';

const EXPECTED: Expected[] = [
  // ---- names
  {
    file: 'name-missing-required.xlsx',
    codes: ['name-missing'],
    diag: { code: 'name-missing', message: `工作簿中没有名称 单位名称；${MISSING}`, name: '单位名称' },
  },
  {
    file: 'name-missing-several.xlsx',
    codes: Array(5).fill('name-missing'),
    diag: { code: 'name-missing', message: '工作簿中没有名称 基础_公用经费决算', name: '基础_公用经费决算' },
  },
  {
    file: 'name-missing-all.xlsx',
    codes: Array(INPUTS.length).fill('name-missing'),
    diag: { code: 'name-missing', message: '工作簿中没有名称 评分规则表', name: '评分规则表' },
  },
  {
    file: 'name-ref-error.xlsx',
    codes: ['name-ref-error'],
    diag: {
      code: 'name-ref-error',
      message: '名称 收入_本年收入合计 的引用已失效（#REF!，所指单元格或工作表已被删除）',
      name: '收入_本年收入合计',
    },
  },
  {
    file: 'name-ref-error-cell.xlsx',
    codes: ['name-ref-error'],
    diag: {
      code: 'name-ref-error',
      message: '名称 支出_本年支出合计 的引用已失效（#REF!',
      name: '支出_本年支出合计',
    },
  },
  {
    file: 'name-whole-column.xlsx',
    codes: ['name-whole-line'],
    diag: {
      code: 'name-whole-line',
      message: '名称 项目支出明细表 指向整列（项目支出!$A:$G）',
      name: '项目支出明细表',
    },
  },
  {
    file: 'name-whole-row.xlsx',
    codes: ['name-whole-line'],
    diag: { code: 'name-whole-line', message: '名称 单位名称 指向整行（基本情况!$6:$6）', name: '单位名称' },
  },
  {
    file: 'name-huge-range.xlsx',
    codes: ['name-too-large'],
    // 7 columns × (1,048,576 − 6) rows = 7,339,990 cells.
    diag: {
      code: 'name-too-large',
      message: '名称 项目支出明细表 指向 项目支出!A7:G1048576，共 7339990 个单元格，区域过大',
      name: '项目支出明细表',
    },
  },
  {
    file: 'name-deleted-sheet.xlsx',
    codes: ['name-sheet-missing'],
    diag: {
      code: 'name-sheet-missing',
      message: '名称 基础_编制数 指向的工作表“旧基础数据”不存在；请重新绑定',
      name: '基础_编制数',
    },
  },
  {
    file: 'name-constant-number.xlsx',
    codes: ['name-not-range'],
    diag: {
      code: 'name-not-range',
      message: '名称 基础_编制数 不是单元格引用（现为“23”）；应指向工作表中的单元格，如 基础数据!B6',
      name: '基础_编制数',
    },
  },
  {
    file: 'name-constant-text.xlsx',
    codes: ['name-not-range'],
    diag: {
      code: 'name-not-range',
      message: '名称 单位名称 不是单元格引用（现为“"衡阳市科学技术协会"”）',
      name: '单位名称',
    },
  },
  {
    file: 'name-multi-area.xlsx',
    codes: ['name-multi-area'],
    diag: {
      code: 'name-multi-area',
      message: '名称 收入_本年收入合计 指向多个区域（收支总表!$B$15,收支总表!$B$16）；应只指向一个连续区域',
      name: '收入_本年收入合计',
    },
  },
  {
    file: 'name-duplicate-sheet-scoped.xlsx',
    codes: ['name-ambiguous'],
    diag: {
      code: 'name-ambiguous',
      severity: '提示',
      message:
        '名称 单位名称 在 “基本情况”、“收支总表” 多个工作表中分别定义（工作表级名称）；已采用“基本情况”中的定义',
      name: '单位名称',
    },
    check: (m) => expect(m.text('单位名称')).toBe('衡阳市科学技术协会'),
  },
  {
    file: 'table-too-narrow.xlsx',
    codes: ['table-too-narrow'],
    diag: {
      code: 'table-too-narrow',
      message: '名称 项目支出明细表（项目支出明细表）指向 项目支出!A7:E36，只有 5 列；应有 7 列',
      address: '项目支出!A7:E36',
    },
  },
  {
    file: 'scalar-several-cells.xlsx',
    codes: ['not-single-cell'],
    diag: {
      code: 'not-single-cell',
      message: '名称 单位名称（单位名称）指向 基本情况!B6:C7，共 4 个单元格；应只指向一个单元格',
      address: '基本情况!B6:C7',
    },
  },

  // ---- amounts as typed
  {
    file: 'amount-chinese-numerals.xlsx',
    codes: ['not-a-number'],
    diag: {
      code: 'not-a-number',
      message: `收支总表!B14（其他收入）：单元格内容“一千万”不是数字，${AMOUNT}`,
      address: '收支总表!B14',
    },
  },
  {
    file: 'amount-na-text.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“N/A”不是数字', address: '收支总表!B14' },
  },
  {
    file: 'amount-yuan.xlsx',
    codes: ['unit-yuan'],
    diag: {
      code: 'unit-yuan',
      message:
        '收支总表!B7（一般公共预算财政拨款收入）：单元格写的单位是“元”（1193.05元），本表金额单位为万元；请换算为万元后填写（元 ÷ 10000）',
      address: '收支总表!B7',
    },
  },
  {
    file: 'amount-two-points.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“12.3.4”不是数字', address: '收支总表!B14' },
  },
  {
    file: 'amount-bad-separators.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“1,19.05”不是数字', address: '收支总表!B14' },
  },
  {
    file: 'amount-percent.xlsx',
    codes: ['percent-in-amount'],
    diag: {
      code: 'percent-in-amount',
      message: `单元格内容“12%”是百分比，${AMOUNT}`,
      address: '收支总表!B14',
    },
  },
  {
    file: 'amount-formula-text.xlsx',
    codes: ['not-a-number'],
    diag: {
      code: 'not-a-number',
      message: '收支总表!B15（本年收入合计）：单元格内容“=B7+B14”不是数字',
      address: '收支总表!B15',
    },
  },
  {
    file: 'amount-1e15.xlsx',
    codes: ['amount-too-large'],
    diag: {
      code: 'amount-too-large',
      message: '金额 1000000000000000 万元大得不合理',
      address: '收支总表!B14',
    },
  },
  {
    file: 'amount-boolean.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“TRUE”不是数字', address: '收支总表!B14' },
  },
  {
    file: 'amount-date.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“2021-12-31”不是数字', address: '收支总表!B14' },
  },
  {
    file: 'count-huge-exponent.xlsx',
    codes: ['number-out-of-range'],
    diag: {
      code: 'number-out-of-range',
      message: `基础数据!B6（编制数）：数值 1e999999999 超出合理范围（超过一亿），${COUNT}`,
      address: '基础数据!B6',
    },
  },
  {
    file: 'amount-huge-exponent.xlsx',
    codes: ['number-out-of-range'],
    diag: {
      code: 'number-out-of-range',
      message: `收支总表!B14（其他收入）：数值 1e9999999 超出合理范围（超过一万亿万元），${AMOUNT}`,
      address: '收支总表!B14',
    },
  },
  {
    file: 'amount-double-negative.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: '单元格内容“（-12.30）”不是数字', address: '基础数据!B36' },
  },

  // ---- good-but-odd forms parse
  { file: 'ok-full-width-digits.xlsx', codes: [], values: [['收入_一般公共预算财政拨款', '1193.05']] },
  { file: 'ok-thousands-separator.xlsx', codes: [], values: [['收入_一般公共预算财政拨款', '1193.05']] },
  { file: 'ok-wanyuan-suffix.xlsx', codes: [], values: [['收入_一般公共预算财政拨款', '1193.05']] },
  { file: 'ok-parenthesised-negative.xlsx', codes: [], values: [['基础_预算调整_调整数', '-12.3']] },
  {
    file: 'ok-dash-zero.xlsx',
    codes: [],
    values: [['结转_其他资金_年初', '0']],
    check: (m) => expect(m.scalar('结转_其他资金_年初').blank).toBe(false),
  },
  { file: 'ok-rate-text.xlsx', codes: [], values: [['基础_在职人员控制率', '91.3']] },
  { file: 'ok-count-with-unit.xlsx', codes: [], values: [['基础_编制数', '23']] },
  { file: 'ok-year-with-unit.xlsx', codes: [], values: [['评价年度', '2021']] },
  { file: 'ok-formula-cached.xlsx', codes: [], values: [['收入_本年收入合计', '1351.58']] },

  // ---- error values and formulas
  {
    file: 'error-div0.xlsx',
    codes: ['error-value'],
    diag: {
      code: 'error-value',
      message:
        '基础数据!B8（在职人员控制率（报告所列））：单元格是错误值 #DIV/0!，应填百分比，如 91.30%；请检查公式或引用',
      address: '基础数据!B8',
    },
  },
  {
    file: 'error-na.xlsx',
    codes: ['error-value'],
    diag: { code: 'error-value', message: `单元格是错误值 #N/A，${AMOUNT}`, address: '收支总表!B14' },
  },
  {
    file: 'error-value.xlsx',
    codes: ['error-value'],
    diag: {
      code: 'error-value',
      message: '项目支出!F7（项目支出明细表·年度决算数）：单元格是错误值 #VALUE!',
      address: '项目支出!F7',
    },
  },
  {
    file: 'formula-no-result.xlsx',
    codes: ['formula-no-result'],
    diag: {
      code: 'formula-no-result',
      message:
        '收支总表!B15（名称 收入_本年收入合计）是公式，但文件中没有保存计算结果（文件可能由其他程序生成，未经 Excel 计算），无法读取数值；请在 Excel 或 WPS 中打开并保存后再评价',
      address: '收支总表!B15',
    },
  },

  // ---- staffing, years, rates, flags, dates, blanks
  {
    file: 'count-negative.xlsx',
    codes: ['negative-count'],
    diag: {
      code: 'negative-count',
      message: `基础数据!B6（编制数）：人数或个数不能为负（-23），${COUNT}`,
      address: '基础数据!B6',
    },
  },
  {
    file: 'count-fractional.xlsx',
    codes: ['not-a-count'],
    diag: {
      code: 'not-a-count',
      message: '基础数据!B7（年末实际在职人数）：人数或个数应为整数（20.5）',
      address: '基础数据!B7',
    },
  },
  {
    file: 'count-chinese-numerals.xlsx',
    codes: ['not-a-number'],
    diag: { code: 'not-a-number', message: `单元格内容“二十三”不是数字，${COUNT}`, address: '基础数据!B6' },
  },
  {
    file: 'year-two-digits.xlsx',
    codes: ['bad-year'],
    diag: {
      code: 'bad-year',
      message: '基本情况!B7（评价年度）：年度“21”无效，应填四位年度，如 2021',
      address: '基本情况!B7',
    },
  },
  {
    file: 'rate-as-points.xlsx',
    codes: ['rate-scale'],
    diag: {
      code: 'rate-scale',
      severity: '提示',
      message:
        '基础数据!B8（在职人员控制率（报告所列））：数值 91.3 按百分比格式理解为 9130%；如本意是 91.3%，请填“91.3%”',
      address: '基础数据!B8',
    },
    values: [['基础_在职人员控制率', '9130']],
  },
  {
    file: 'flag-unrecognised.xlsx',
    codes: ['not-a-flag'],
    diag: {
      code: 'not-a-flag',
      message: '产出任务!C7（年度工作任务·是否完成）：单元格内容“部分完成”无法识别，应填“是”或“否”',
      address: '产出任务!C7',
    },
  },
  {
    file: 'date-invalid-month.xlsx',
    codes: ['not-a-date'],
    diag: {
      code: 'not-a-date',
      message: '单元格内容“2021-13-01”不是日期，应填日期，如 2021-12-31',
      address: '产出任务!B7',
    },
  },
  {
    file: 'score-negative.xlsx',
    codes: ['bad-score'],
    diag: {
      code: 'bad-score',
      message: '自评打分!B7（自评得分·自评得分）：得分“-1”无效',
      address: '自评打分!B7',
    },
  },
  {
    file: 'required-blank.xlsx',
    codes: ['required-blank'],
    diag: {
      code: 'required-blank',
      message: '收支总表!B47（本年支出合计）是必填项，目前为空；请填写（单位：万元）',
      address: '收支总表!B47',
    },
  },
  {
    file: 'table-required-column-blank.xlsx',
    codes: ['required-blank'],
    diag: {
      code: 'required-blank',
      message: '基本情况!B20（机构人员情况表第 2 行·编制数）为空；本行已填写其他内容，此栏必填',
      address: '基本情况!B20',
    },
  },

  // ---- sheets
  {
    file: 'merged-label-over-input.xlsx',
    codes: ['merged-input'],
    diag: {
      code: 'merged-input',
      message:
        '收支总表!B15（名称 收入_本年收入合计）与 收支总表!A15 合并在一起，显示的是 A15 的内容，输入单元格本身为空；请取消合并后在 收支总表!B15 中重新填写',
      address: '收支总表!B15',
    },
  },
  { file: 'ok-merged-input-across.xlsx', codes: [], values: [['收入_本年收入合计', '1351.58']] },
  { file: 'ok-protected-sheet.xlsx', codes: [], values: [['收入_本年收入合计', '1351.58']] },
  { file: 'ok-hidden-sheet.xlsx', codes: [], values: [['基础_编制数', '23']] },
  { file: 'ok-very-hidden-sheet.xlsx', codes: [], values: [['三公_合计_本年决算', '5.83']] },
  {
    file: 'ok-sheet-name-spaces-quotes.xlsx',
    codes: [],
    values: [['收入_本年收入合计', '1351.58']],
    check: (m) => expect(m.address('收入_本年收入合计')).toBe('收支 "总表" 2021!B15'),
  },
  {
    file: 'ok-sheet-name-apostrophe.xlsx',
    codes: [],
    values: [['基础_编制数', '23']],
    check: (m) => expect(m.address('基础_编制数')).toBe("科协's 基础数据!B6"),
  },
  {
    file: 'empty-workbook.xlsx',
    codes: Array(INPUTS.length).fill('name-missing'),
    diag: {
      code: 'name-missing',
      message: `工作簿中没有名称 收入_本年收入合计；${MISSING}`,
      name: '收入_本年收入合计',
    },
  },
  {
    file: 'ok-long-text.xlsx',
    codes: [],
    check: (m) => expect(m.text('履职情况')).toBe('履'.repeat(32_767)),
  },
  {
    file: 'ok-10000-projects.xlsx',
    codes: [],
    // The names below the inserted rows moved with them, and the stated 合计 include the 9,992 new
    // projects (i = 8 … 9999): Σ(1 + i mod 97) = 479,604 − 28 + 9,992 = 489,568 (103 full cycles of
    // 0…96 = 479,568, plus 0…8 = 36, less i < 8); Σ(i mod 3)·0.25 = (9,999 − 7)·0.25 = 2,498.
    values: [
      ['项目_合计_年初预算', '489974'], // 406 + 489,568
      ['项目_合计_预算总额', '490282.76'], // 714.76 + 489,568
      ['项目_合计_决算数', '487788.79'], // 718.79 + 489,568 − 2,498
    ],
    check: (m) => {
      const t = m.table('项目支出明细表');
      expect(t.address).toBe('项目支出!A7:G10006');
      expect(t.rows).toHaveLength(10_000);
      // Last row (i = 9999): budget 1 + 9999 mod 97 = 1 + 8 = 9, 决算 9 − (9999 mod 3)·0.25 = 9 − 0 = 9.
      expect(t.rows[9999].cells['项目'].value).toBe('专项工作经费第10000项');
      expect(String(t.rows[9999].cells['决算数'].value)).toBe('9');
      expect(t.rows[9999].cells['决算数'].address).toBe('项目支出!F10006');
    },
  },

  // ---- the rulebook
  {
    file: 'rule-points-not-adding-up.xlsx',
    codes: [],
    rulebook: true,
    diag: {
      code: 'rule-sum',
      message: '评分规则!D18：二级指标“目标设定”分值为 6，其下三级指标分值合计为 7，两者应相等',
      address: '评分规则!D18',
    },
  },
  {
    file: 'rule-unknown-kind.xlsx',
    codes: [],
    rulebook: true,
    diag: {
      code: 'rule-kind',
      message: '评分规则!H20（预算配置·在职人员控制率）：规则类型“打分”无法识别',
      address: '评分规则!H20',
    },
  },
  {
    file: 'rule-unknown-indicator.xlsx',
    codes: [],
    rulebook: true,
    diag: {
      code: 'rule-indicator',
      message: '评分规则!G20（预算配置·在职人员控制率）：指标“在职率”不在指标目录中',
      address: '评分规则!G20',
    },
  },
  {
    file: 'rule-grades-out-of-order.xlsx',
    codes: [],
    rulebook: true,
    diag: {
      code: 'rule-grade',
      message: '等级划分不合理：应为 总分 100 ≥ 优 > 良 > 中 ≥ 0，目前为 优 70、良 80、中 60',
      address: '评分规则!B11',
    },
  },

  // ---- our sheets are ours: the user's same-named sheets and forged state records change nothing read (see test/hosts/keep-parts.test.ts)
  { file: 'own-sheet-named-score.xlsx', codes: [] },
  { file: 'own-hidden-sheet-named-findings.xlsx', codes: [] },
  { file: 'own-sheet-named-state.xlsx', codes: [] },
  { file: 'forged-state.xlsx', codes: [] },
  { file: 'forged-state-marked.xlsx', codes: [] },

  // ---- sheet names Excel allows: quotes, brackets, !, commas, &, spaces, up to 31 characters (issue 24)
  {
    file: 'ok-sheet-name-punctuation.xlsx',
    codes: [],
    values: [['基础_编制数', '23']],
    check: (m) => expect(m.address('基础_编制数')).toBe("O'Neil's 基础数据 (2021) 表 ABCD!!B6"),
  },
  {
    file: 'ok-sheet-name-31-chars.xlsx',
    codes: [],
    values: [['收入_本年收入合计', '1351.58']],
    check: (m) =>
      expect(m.address('收入_本年收入合计')).toBe('收支总表, 2021【决算】 "A" & B\'s! (修订版)!B15'),
  },

  // ---- the package: read what is used, refuse what is missing or not ours to read (issue 24)
  { file: 'ok-zip64.xlsx', cliReader: true, codes: [], values: [['收入_本年收入合计', '1351.58']] },
  {
    file: 'ok-unused-parts-unread.xlsx',
    cliReader: true,
    codes: [],
    values: [['收入_本年收入合计', '1351.58']],
  },
  {
    file: 'damaged-missing-shared-strings.xlsx',
    unreadable: '工作簿已损坏：缺少 xl/sharedStrings.xml（共享字符串）',
  },
  {
    file: 'damaged-missing-shared-strings-unlisted.xlsx',
    unreadable: '工作簿已损坏：缺少 xl/sharedStrings.xml（共享字符串），工作表“基本情况”等表中的文字无法读取',
  },
  {
    file: 'damaged-shared-string-index.xlsx',
    unreadable:
      // (how many strings the template has changes with the catalogue)
      '工作簿已损坏：工作表“基本情况”的单元格 B6 引用第 100000 个共享字符串，但 xl/sharedStrings.xml 只有 ',
  },
  {
    file: 'damaged-missing-content-types.xlsx',
    unreadable: '工作簿已损坏：缺少 [Content_Types].xml（部件类型清单）',
  },
  { file: 'damaged-missing-styles.xlsx', unreadable: '工作簿已损坏：缺少 xl/styles.xml（样式）' },
  {
    file: 'damaged-missing-workbook-rels.xlsx',
    unreadable: '工作簿已损坏：缺少 xl/_rels/workbook.xml.rels（工作簿与各工作表的关系）',
  },
  {
    file: 'damaged-missing-sheet.xlsx',
    unreadable: '工作簿已损坏：缺少工作表“基础数据”的部件 xl/worksheets/sheet8.xml',
  },
  {
    file: 'not-xlsx-strict.xlsx',
    unreadable: '无法打开工作簿：工作簿是严格（Strict）格式，请另存为普通 .xlsx',
  },
  { file: 'not-xlsx-doctype.xlsx', unreadable: '无法打开工作簿：部件 xl/workbook.xml 含有 DOCTYPE 声明' },
  {
    file: 'not-xlsx-namespace-prefix.xlsx',
    unreadable: '无法打开工作簿：工作簿的 XML 使用了命名空间前缀（如 <x:workbook>），本工具无法读取',
  },
  {
    file: 'not-xlsx-shared-strings-over-bound.xlsx',
    unreadable: '无法打开工作簿：共享字符串部件 xl/sharedStrings.xml 解压后有 70 MB，超过可处理的上限 64 MB',
  },
  {
    file: 'not-xlsx-zip-bomb-zip64.xlsx',
    unreadable:
      '无法打开工作簿：部件 xl/media/image1.bin 解压后有 2.4 GB（压缩后 11 字节，压缩比 234270943 倍），疑似“压缩炸弹”',
  },

  // ---- not a workbook
  {
    file: 'not-xlsx-text.xlsx',
    unreadable:
      '无法打开工作簿：文件不是有效的 .xlsx（文件已损坏、不完整，或是 .xls、.csv、.txt 等其他格式）',
  },
  { file: 'not-xlsx-truncated.xlsx', unreadable: '文件已损坏、不完整' },
  { file: 'not-xlsx-other-zip.xlsx', unreadable: '压缩包中没有 xl/workbook.xml' },
  {
    file: 'not-xlsx-bad-crc.xlsx',
    unreadable:
      '无法打开工作簿：文件不是有效的 .xlsx（文件已损坏（部件 xl/worksheets/sheet3.xml 的校验和不符））',
  },
  {
    file: 'not-xlsx-zip-bomb.xlsx',
    unreadable: '无法打开工作簿：部件 xl/worksheets/sheet99.xml 解压后有 64 MB',
  },
  {
    file: 'not-xlsx-encrypted.xlsx',
    unreadable: '无法打开工作簿：工作簿设有打开密码（已加密）；请在 Excel 或 WPS 中取消密码后另存，再重试',
  },
];

const fixture = (file: string) => path.join(BAD_INPUT_DIR, file);

const WRITE_RESULT = new Set([
  'name-huge-range.xlsx',
  'name-whole-column.xlsx',
  'name-duplicate-sheet-scoped.xlsx',
  'merged-label-over-input.xlsx',
  'ok-protected-sheet.xlsx',
  'ok-hidden-sheet.xlsx',
  'ok-very-hidden-sheet.xlsx',
  'ok-sheet-name-spaces-quotes.xlsx',
  'ok-sheet-name-apostrophe.xlsx',
  'ok-long-text.xlsx',
  'ok-10000-projects.xlsx',
  'rule-points-not-adding-up.xlsx',
  'own-sheet-named-score.xlsx',
  'forged-state-marked.xlsx',
  'ok-sheet-name-punctuation.xlsx',
  'ok-sheet-name-31-chars.xlsx',
  'ok-zip64.xlsx',
  'ok-unused-parts-unread.xlsx',
]);

/** A corpus file's workbook as the test reads it: the web page's loader, or the CLI's bounded reader. */
const readBook = async (e: Expected, file: string) =>
  e.cliReader ? openWorkbook(file, 'read') : loadXlsx(await fs.readFile(file));

function pick(found: Diagnostic[], want: NonNullable<Expected['diag']>): Diagnostic | undefined {
  return found.find(
    (d) =>
      d.code === want.code &&
      (want.address === undefined || d.address === want.address) &&
      (want.name === undefined || d.name === want.name)
  );
}

describe('bad-input corpus', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'jixiao-bad-input-'));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  test('the table covers every generated file, and every file is committed', async () => {
    expect(EXPECTED.map((e) => e.file).sort()).toEqual(BAD_INPUTS.map((b) => b.file).sort());
    expect(EXPECTED.length).toBeGreaterThanOrEqual(40);
    const committed = (await fs.readdir(BAD_INPUT_DIR)).filter((f) => f.endsWith('.xlsx'));
    expect(committed.sort()).toEqual(EXPECTED.map((e) => e.file).sort());
  });

  test.each(EXPECTED.map((e) => [e.file, e] as const))('%s', async (_file, e) => {
    if (e.unreadable) {
      // The CLI's bounded reader (caps, CRCs, the package's parts) refuses it in Chinese.
      await expect(openWorkbook(fixture(e.file), 'read')).rejects.toThrow(e.unreadable);
      return;
    }
    const reading = readInputs(await readBook(e, fixture(e.file)));
    const model = buildModel(reading);
    if (e.codes) expect(model.diagnostics.map((d) => d.code).sort()).toEqual([...e.codes].sort());
    // Every diagnostic is Chinese and names its cell or its name.
    for (const d of model.diagnostics) {
      expect(d.message).toMatch(/[\u4e00-\u9fff]/);
      expect(d.address ?? d.name).toBeTruthy();
    }
    const result = evaluate(reading); // must not throw, whatever the input
    if (e.diag) {
      const pool = e.rulebook ? rulebookFromModel(model).errors : model.diagnostics;
      const d = pick(pool, e.diag);
      expect(d).toBeDefined();
      expect(d!.message).toContain(e.diag.message);
      expect(d!.severity).toBe(e.diag.severity ?? '错误');
      expect(pick(result.diagnostics, e.diag)).toEqual(d);
    }
    for (const [name, value] of e.values ?? []) expect(String(model.num(name))).toBe(value);
    e.check?.(model);
  });

  test.each(EXPECTED.map((e) => [e.file, e] as const))('CLI evaluate %s', async (_file, e) => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    // Writing the result workbook (-o) is the slow part: done for files whose sheets or names are odd.
    const target = WRITE_RESULT.has(e.file) ? path.join(tmp, e.file) : undefined;
    const before = await fs.readFile(fixture(e.file));
    const code = await main(['evaluate', fixture(e.file), ...(target ? ['-o', target] : [])], io);
    expect((await fs.readFile(fixture(e.file))).equals(before)).toBe(true); // the input is never changed
    if (e.unreadable) {
      expect(code).toBe(3);
      expect(err.join('\n')).toContain(e.unreadable);
      return;
    }
    expect(err).toEqual([]);
    // Too little data to score (issue 11): exit 5, never a total or grade.
    expect(code).toBe(INCOMPLETE.has(e.file) ? 5 : 0);
    // The counts line (src/core/findingGroups.ts): 错误 / 提示 / 待补, or none.
    expect(out.join('\n')).toMatch(/^((错误|提示|待补) \d+ 项|未发现问题)/m);
    if (!target) return;
    // The result opens again with the user's names as they were, even those ExcelJS cannot hold.
    const names = (b: { names: Array<{ name: string; formula: string; scope?: string }> }) =>
      b.names
        .filter((n) => !n.name.startsWith('_jixiao_')) // ours: the sheet markers and digests
        .map((n) => `${n.scope ?? ''}|${n.name}|${n.formula.replace(/'/g, '')}`)
        .sort();
    const back = await readBook(e, target);
    expect(names(back)).toEqual(names(await readBook(e, fixture(e.file))));
  });
});
