/**
 * Every claim kind tested alone (after ESLint's RuleTester, like test/core/checks.cases.test.ts):
 * `valid` texts give claims of the kind that all hold, `invalid` texts give exactly the 不成立 claims
 * named (with what the text states and what its other figures give), `unverifiable` texts give
 * 无法核实 naming what is missing, and `none` texts give no claim of the kind at all. The arithmetic
 * in the expectations is worked by hand.
 */
import { checkReport } from '../../src/core/claims/engine';
import type { Claim } from '../../src/core/claims/engine';
import { CLAIM_KINDS } from '../../src/catalogue/claims';
import { textBlocks } from '../../src/hosts/report/text';

interface Named {
  /** Words the claim's title must contain. */
  title: string;
  stated?: string;
  /** Words `computed` (the arithmetic) must contain. */
  computed?: string;
}
interface Cases {
  valid: string[];
  invalid: Array<{ text: string; fails: Named[] }>;
  unverifiable?: Array<{ text: string; missing: string }>;
  none?: string[];
}

function run(kind: string, text: string): Claim[] {
  return checkReport(textBlocks(text), { only: [kind] }).claims;
}

const lines = (...ls: string[]) => ls.join('\n');

const CASES: Record<string, Cases> = {
  sum: {
    valid: [
      '2022年度本年收入合计1000.00万元。其中：一般公共预算财政拨款收入800.00万元、其他收入200.00万元。',
      // Parts that do not name every part of the whole: their sum may be smaller.
      '其他收入200.00万元，其中：会议费返还50.00万元、培训收入30.00万元。',
      '差旅费12.00万元、会议费8.50万元，合计20.50万元。',
      // 1193.05 + 158.52 = 1351.57: within the rounding of three figures stated to 0.01 (±0.015).
      '本年收入合计1351.58万元。其中：一般公共预算收入1193.05万元、其他收入158.52万元。',
      '现有编制19名，其中事业编制18名、工勤编制1名。',
    ],
    invalid: [
      {
        text: '本年支出合计1200.00万元，其中：基本支出478.29万元、项目支出714.76万元。',
        fails: [
          { title: '与所列各项之和不符', stated: '1200.00 万元', computed: '478.29 + 714.76 = 1193.05 万元' },
        ],
      },
      {
        // 1193.05 + 158.50 = 1351.55: 0.03 away, more than the rounding allows.
        text: '本年收入合计1351.58万元。其中：一般公共预算收入1193.05万元、其他收入158.50万元。',
        fails: [{ title: '与所列各项之和不符', computed: '1193.05 + 158.50 = 1351.55 万元' }],
      },
      {
        text: '其他收入100.00万元，其中：会议费返还60.00万元、培训收入50.00万元。',
        fails: [
          { title: '所列各项之和大于', stated: '60.00 + 50.00 = 110.00 万元', computed: '100.00 万元' },
        ],
      },
      {
        text: '差旅费12.00万元、会议费8.50万元，合计21.50万元。',
        fails: [{ title: '合计与所列各项之和不符', computed: '12.00 + 8.50 = 20.50 万元' }],
      },
      {
        // A part in 元 among 万元 is read as 万元 (what its size says), and the sum still fails.
        text: '一般公共预算支出836.79万元按支出经济分类为：工资福利支出271.02万元、商品和服务支出486.73元、对个人和家庭的补助77.14万元。',
        fails: [{ title: '486.73元按万元计', computed: '271.02 + 486.73 + 77.14 = 834.89 万元' }],
      },
    ],
    none: ['全年共开展政治理论学习42次，讲授专题党课4次。', '支持资金共计16万元。'],
  },

  table: {
    valid: [
      lines(
        '单位：万元',
        '项目\t基本支出\t项目支出\t合计',
        '年初结转结余\t0\t4.04\t4.04',
        '本年收入\t478.29\t714.76\t1193.05',
        '本年支出\t478.29\t718.80\t1197.09',
        '年末结转和结余\t0\t0\t0'
      ),
      lines(
        '序号\t项目\t年初预算数\t年中追加预算数\t预算总额\t年度决算数',
        '1\t科普经费\t376.00\t308.76\t684.76\t688.79',
        '\t其中：学会学术工作\t\t\t\t399.03',
        '2\t老年科协经费\t30.00\t-\t30.00\t30.00',
        '\t合计\t406.00\t308.76\t714.76\t718.79'
      ),
      lines(
        '项目\t本年预算\t本年实际支出\t上年实际支出\t增长率',
        '公务接待费\t10.00\t1.26\t0.98\t28.57%',
        '公务用车运行维护费\t10.00\t4.57\t5.17\t-11.61%',
        '合计\t20.00\t5.83\t6.15\t-5.20%'
      ),
    ],
    invalid: [
      {
        text: lines(
          '项目\t基本支出\t项目支出\t合计',
          '年初结转结余\t0\t4.04\t4.04',
          '本年收入\t478.29\t714.76\t780.19',
          '本年支出\t478.29\t718.79\t1197.08',
          '年末结转和结余\t0\t0\t0'
        ),
        fails: [
          {
            title: '本年收入：合计与基本支出、项目支出之和不符',
            stated: '780.19',
            computed: '478.29 + 714.76 = 1193.05',
          },
          // 4.04 + 780.19 − 1197.08 = −412.85 ≠ 0.
          { title: '“合计”栏结转结余不平衡', computed: '4.04 + 780.19 − 1197.08 = −412.85' },
        ],
      },
      {
        text: lines(
          '序号\t项目\t年初预算数\t年中追加预算数\t预算总额\t年度决算数',
          '1\t科普经费\t376\t338.76\t684.76\t688.79',
          '\t其中：学会学术工作\t\t\t\t399.03',
          '\t科技馆站\t\t\t\t300.00',
          '2\t老年科协经费\t30.00\t-\t30.00\t30',
          '\t合计\t406\t338.76\t714.76\t718.79'
        ),
        fails: [
          // 376 + 338.76 = 714.76 ≠ 684.76; 406 + 338.76 = 744.76 ≠ 714.76; 399.03 + 300.00 = 699.03 > 688.79.
          {
            title: '“科普经费”：预算总额与年初预算数、年中追加预算数之和不符',
            computed: '376.00 + 338.76 = 714.76',
          },
          {
            title: '“合计”：预算总额与年初预算数、年中追加预算数之和不符',
            computed: '406.00 + 338.76 = 744.76',
          },
          { title: '“科普经费”的子项之和大于其本身（年度决算数）', stated: '399.03 + 300.00 = 699.03' },
        ],
      },
      {
        text: lines(
          '项目\t本年预算\t本年实际支出\t上年实际支出\t增长率',
          '公务接待费\t10.00\t1.26\t0.98\t25.57%',
          '因公出国（境）费\t6.00\t0.50\t0\t100%',
          '合计\t16.00\t1.76\t0.98\t79.59%'
        ),
        fails: [
          // (1.26 − 0.98) ÷ 0.98 = 28.57%, not 25.57%; from 0 no growth rate can be stated.
          { title: '“公务接待费”的增长率与本年、上年数不符', computed: '28.57%' },
          { title: '“因公出国（境）费”上年为 0，不应写增长率' },
        ],
      },
    ],
    unverifiable: [
      {
        // A blank cell could hold the 6.00 the row lacks: it cannot be said to be wrong.
        text: lines(
          '项目\t基本支出\t项目支出\t合计',
          '本年支出\t478.29\t\t484.29',
          '本年收入\t100.00\t20.00\t120.00'
        ),
        missing: '',
      },
    ],
  },

  same: {
    valid: [
      lines(
        '二、部门整体收支情况',
        '其中：一般公共预算财政拨款支出1197.09万元、其他支出158.53万元。',
        '三、一般公共预算收支情况',
        '一般公共预算本年支出1197.09万元。'
      ),
      // A figure whose scope is not stated agrees with one of the scopes stated.
      lines(
        '二、部门整体收支情况',
        '2021年年初结转和结余4.04万元，其中：预算内资金结转4.04万元、其他资金结转0.00万元。',
        '五、部门整体绩效评价情况分析',
        '年初结转结余资金4.04万元。'
      ),
      // Sub-units named as 下属事业单位: 17 + 5 = 22, 15 + 5 = 20.
      lines(
        '部门编制数17名，截至2022年12月31日实有在职人员15人。',
        '下属事业单位编制数5名，截至2022年12月31日实有在职人员5人。',
        '全部门编制数22名，年末实际在职人数20人。'
      ),
      // The department's headcount with its sub-unit's: 19 + 4 = 23, 18 + 2 = 20.
      lines(
        '我会现有编制19名，截止2021年12月31日，实有在职人员18人。',
        '衡阳市青少年科技活动中心全额拨款事业编制4名，实有在职人员2人。',
        '市科协2021年度编制数为23名，实际在职20人。'
      ),
    ],
    invalid: [
      {
        text: lines(
          '三、一般公共预算收支情况',
          '一般公共预算本年收入1193.05万元。',
          '单位：万元',
          '项目\t基本支出\t项目支出\t合计',
          '本年收入\t478.29\t714.76\t780.19'
        ),
        fails: [{ title: '一般公共预算本年收入前后不一致：此处为 780.19万元，第 2 段为 1193.05万元' }],
      },
      {
        text: lines(
          '二、部门整体收支情况',
          '2021年年初结转和结余4.04万元，其中：预算内资金结转4.04万元、其他资金结转0.00万元。',
          '五、部门整体绩效评价情况分析',
          '年初结转结余资金60.64万元。'
        ),
        fails: [{ title: '年初结转和结余前后不一致：此处为 60.64万元' }],
      },
      {
        text: lines(
          '我会现有编制19名，截止2021年12月31日，实有在职人员18人。',
          '衡阳市青少年科技活动中心全额拨款事业编制4名，实有在职人员2人。',
          '市科协2021年度编制数为23名，实际在职21人。'
        ),
        fails: [{ title: '在职人数前后不一致：此处为 21人，第 1 段为 18人', computed: '18人 + 2人 = 20' }],
      },
    ],
    none: [
      // Another year's or last year's figure is another quantity.
      '本年度“三公经费”预算数26.00万元，上年度“三公经费”预算数30.00万元。',
      lines('2021年年初批复预算700.99万元。', '2020年年初批复预算596.03万元。'),
      // A placeholder and a sentence that reports a disagreement assert neither figure.
      lines(
        '一般公共预算本年收入1193.05万元。',
        '一般公共预算本年收入【待核对：收支总表为 1193.05，财政拨款表为 780.19】。',
        '财政拨款表本年收入合计780.19万元与收支总表一般公共预算本年收入1193.05万元不一致。'
      ),
    ],
  },

  scope: {
    valid: [
      lines(
        '二、部门整体收支情况',
        '本年收入合计1351.58万元。',
        '三、一般公共预算收支情况',
        '一般公共预算本年收入1193.05万元。',
        '四、其他资金收支情况',
        '其他资金本年收入158.53万元。'
      ),
    ],
    invalid: [
      {
        text: lines(
          '二、部门整体收支情况',
          '部门整体支出按支出经济分类为：工资福利支出333.11万元、对个人及家庭补助支出66.73万元。',
          '三、一般公共预算收支情况',
          '一般公共预算支出按支出经济分类为：工资福利支出271.02万元、对个人及家庭补助支出77.14万元。'
        ),
        fails: [
          {
            title: '一般公共预算本年支出中对个人和家庭的补助大于部门整体',
            stated: '77.14',
            computed: '66.73',
          },
        ],
      },
      {
        text: lines(
          '二、部门整体收支情况',
          '部门整体支出中项目支出877.32万元。',
          '三、一般公共预算收支情况',
          '一般公共预算支出中项目支出718.79万元。',
          '四、其他资金收支情况',
          '其他资金支出中项目支出153.2万元。'
        ),
        fails: [
          {
            title: '部门整体本年支出中项目支出与一般公共预算、其他资金两部分之和不符',
            computed: '718.79 + 153.20 = 871.99',
          },
        ],
      },
    ],
  },

  identity: {
    valid: [lines('年初批复预算700.99万元。', '年中追加预算492.06万元。', '调整后预算1193.05万元。')],
    invalid: [
      {
        text: lines(
          '年初批复预算700.99万元。',
          '年中追加预算654.62万元。',
          '经追加调整后的部门预算收入为1193.05万元。'
        ),
        fails: [
          {
            title: '调整后预算与年初预算、年中追加之和不符',
            stated: '1193.05',
            computed: '700.99 + 654.62 = 1355.61',
          },
        ],
      },
    ],
  },

  rate: {
    valid: [
      '市科协2021年度编制数为23名，实际在职21人，在职人员控制率为91.30%。',
      // 1360 ÷ 1370 = 99.2701%: “99.3%” is stated to one decimal (±0.05) and holds.
      '编制数为1370名，实际在职1360人，在职人员控制率为99.3%。',
      '市科协2021年度公用经费预算数41.76万元，决算数45.07万元，公用经费控制率为107.93%。',
      '本年度“三公经费”预算数26.00万元，上年度“三公经费”预算数26万元，“三公经费”变动率为0.00%。',
      '“三公经费”预算数26.00万元，实际支出5.83万元，“三公经费”控制率为22.42%。',
      // 国家口径 leaves out the policy adjustments: (237.53 − 3.47) ÷ 1146.87 = 20.41%.
      '②预算调整率：年中预算调整数237.53万元、落实国家政策、不可抗力、上级交办的调整3.47万元、年初批复预算1146.87万元，预算调整率为20.41%。',
    ],
    invalid: [
      {
        // “99.30%” is stated to two decimals (±0.005): 99.27% does not round to it.
        text: '编制数为1370名，实际在职1360人，在职人员控制率为99.30%。',
        fails: [{ title: '在职人员控制率与所列分子、分母不符', stated: '99.30%', computed: '99.27%' }],
      },
      {
        // 湖南口径: (61.55 + 661.64 + 118.55 − 4.04) ÷ (61.55 + 661.64 + 118.55) = 837.70 ÷ 841.74 = 99.52%.
        text: '①预算完成率：2021年初经费拨款结转和结余61.55万元，年初经批复的部门预算收入661.64万元，年中追加预算118.55万元，年末结转和结余4.04万元。预算完成率为99.59%。',
        fails: [
          { title: '预算完成率与所列分子、分母不符', stated: '99.59%', computed: '99.52%（湖南口径）' },
        ],
      },
      {
        // (4.04 − 60.64) ÷ 60.64 = −93.34%: the sign is wrong.
        text: '年初结转结余资金60.64万元，年末结转结余资金4.04万元，结转结余变动率为93.33%。',
        fails: [{ title: '结转结余变动率与所列分子、分母不符', stated: '93.33%', computed: '−93.34%' }],
      },
      {
        text: lines(
          '2021年度部门整体支出绩效自评报告',
          '②预算调整率：市科协2020年年初经批复的预算收入596.03万元，年中调整预算142.77万元。'
        ),
        fails: [{ title: '预算调整率所列为 2020 年的数，不是 2021 年' }],
      },
    ],
    unverifiable: [{ text: '在职人员控制率为91.30%，人员结构合理。', missing: '年末实际在职人数' }],
  },

  share: {
    valid: ['累计服务群众15.6万人次，其中线上服务9.6万人次，占61.54%；线下服务6万人次，占38.46%。'],
    invalid: [
      {
        // 9.6 ÷ 15.6 = 61.54%, not 60.54%.
        text: '累计服务群众15.6万人次，其中线上服务9.6万人次，占60.54%。',
        fails: [{ title: '占累计服务群众的比例与所列数不符', stated: '60.54%', computed: '61.54%' }],
      },
    ],
    unverifiable: [{ text: '项目支出718.79万元，占全年总支出的53.02%。', missing: '全年总支出' }],
  },

  change: {
    valid: [
      lines('本年支出1200.00万元，较上年增加200.00万元，增长20.00%。', '上年支出1000.00万元。'),
      '衡阳市规模以上企业建立科协数量由年初14个增至103个。',
      // (16.44 − 15.30) ÷ 15.30 = 7.45%; last year's figure stated in the same sentence.
      '“三公”经费本年预算数16.44万元、“三公”经费上年预算数15.30万元，“三公”经费预算较上年增长7.45%。',
      // Last year's closing balance is this year's opening one: (16.87 − 77.47) ÷ 77.47 = −78.22%.
      '本年度累计结转结余16.87万元、上年度累计结转结余77.47万元，结转结余资金较上年下降78.22%。',
      lines(
        '“三公经费”实际支出5.83万元，较上年降低17.89%。',
        '项目\t本年预算\t本年实际支出\t上年实际支出',
        '合计\t26.00\t5.83\t7.10'
      ),
    ],
    invalid: [
      {
        // 1200 − 1000 = +200: “减少” says the opposite.
        text: lines('本年支出1200.00万元，较上年减少200.00万元。', '上年支出1000.00万元。'),
        fails: [
          {
            title: '较上年减少的数与前后两数不符',
            stated: '−200.00 万元',
            computed: '1200.00 − 1000.00 = 200.00',
          },
        ],
      },
      {
        text: lines('本年支出1200.00万元，较上年增加200.00万元，增长25.00%。', '上年支出1000.00万元。'),
        fails: [{ title: '较上年增长的百分比与前后两数不符', stated: '25.00%', computed: '20.00%' }],
      },
      {
        text: lines('本年支出50.00万元，较上年增长100%。', '上年支出0万元。'),
        fails: [{ title: '上年为 0，不应写增长百分比' }],
      },
      { text: '科协数量由年初14个减至103个。', fails: [{ title: '“减至”与前后两数的大小不符' }] },
    ],
    unverifiable: [{ text: '本年支出1200.00万元，较上年增加200.00万元。', missing: '上年' }],
    none: ['我市样板间排名从52名提升至24名。', '全省排名由第12位提升至第5位。'],
  },

  difference: {
    valid: [
      '一般公共预算年初结转结余资金4.04万元，本年收入1193.05万元，本年支出1197.09万元，年末结转和结余0万元。',
      '项目支出决算数1000.00万元，预算数979.60万元，决算数大于预算数20.40万元。',
    ],
    invalid: [
      {
        // 4.04 + 1193.05 − 836.79 = 360.30 ≠ 0.
        text: '一般公共预算年初结转结余资金4.04万元，本年收入1193.05万元，本年支出836.79万元，年末结转和结余0万元。',
        fails: [
          {
            title: '年末结转和结余与年初结转、本年收入、本年支出不平衡',
            computed: '4.04 + 1193.05 − 836.79 = 360.30',
          },
        ],
      },
      {
        text: '项目支出决算数1000.00万元，预算数979.60万元，决算数大于预算数30.40万元。',
        fails: [{ title: '决算数大于预算数的差额与两数不符', computed: '1000.00 − 979.60 = 20.40' }],
      },
      {
        text: '项目支出决算数1000.00万元，预算数979.60万元，决算数小于预算数20.40万元。',
        fails: [{ title: '决算数小于预算数的差额与两数不符' }],
      },
    ],
  },

  score: {
    valid: [
      lines(
        '（一）投入情况',
        '1. 目标设定（满分6分，得分5分）',
        '2. 预算配置（满分4分，得分4分）',
        '小结：“投入情况”维度，满分10分，实际得分9分。',
        '（二）过程情况（满分30分，得分30分）',
        '（三）产出情况（满分30分，实际得分29分）',
        '（四）效果情况（满分30分，实际得分29分）',
        '六、综合评价结论',
        '自评得分为97分。其中，投入9分，过程30分，产出29.00分，效果29分，综合绩效级别为“优”。'
      ),
    ],
    invalid: [
      {
        text: lines(
          '（一）投入情况',
          '1. 目标设定（满分6分，得分5分）',
          '2. 预算配置（满分4分，得分4.5分）',
          '小结：“投入情况”维度，满分10分，实际得分9分。'
        ),
        // 5 + 4.5 = 9.5 ≠ 9; 4.5 > 4.
        fails: [
          { title: '“预算配置”得分大于满分', stated: '4.50 分', computed: '4 分' },
          { title: '“投入”的得分与所属各项之和不符', computed: '5 + 4.50 = 9.50 分' },
        ],
      },
      {
        text: '自评得分为85分，综合绩效级别为“优”。',
        fails: [{ title: '等级“优”与总分 85分 不符' }],
      },
      {
        text: '自评得分为96分。其中，投入9分，过程30分，产出29分，效果29分。',
        fails: [{ title: '总分与各一级指标得分之和不符', computed: '9 + 30 + 29 + 29 = 97 分' }],
      },
    ],
  },

  count: {
    valid: [
      '一致推荐赖琼玮、刘志华、何朝晖 3 人为候选人。',
      '下设两个二级机构，即衡阳市科技馆（加挂衡阳市科技咨询中心牌子）、衡阳市青少年科技活动中心。',
      '内设办公室、业务部和信息部3个部门。',
      '分别设置“推创新、促增长”、“提高全民科学素质”、“扶贫帮困”等3个三级指标。',
    ],
    invalid: [
      {
        text: '一致推荐赖琼玮、刘志华、何朝晖 4 人为候选人。',
        fails: [{ title: '所说的 4 人与列出的 3 人不符' }],
      },
      {
        text: '绩效目标合理性、绩效指标明确性、在职人员控制率等2个三级指标。',
        fails: [{ title: '所说的 2 个与列出的 3 个不符' }],
      },
    ],
    unverifiable: [{ text: '组织了专家恳谈会、科普进乡村、设计大赛等6项活动。', missing: '省略的 3 项' }],
    none: [
      '共发活动新闻稿107篇，其中中央、省级媒体41篇。',
      '增强“四个意识”、坚定“四个自信”、做到“两个维护”。',
    ],
  },

  unit: {
    valid: ['离退休人员生活补助标准为每人每月300元。'],
    invalid: [
      {
        text: '一般公共预算支出836.79万元按支出经济分类为：工资福利支出271.02万元、商品和服务支出486.73元、对个人和家庭的补助77.14万元。',
        fails: [{ title: '商品和服务支出写作“486.73元”，应为万元', computed: '应为 486.73万元' }],
      },
      {
        text: '部门整体支出按支出经济分类为：工资福利支出333.11万元、商品和服务支出955.78万元、对个人及家庭补助支出66.73。',
        fails: [{ title: '66.73 漏写单位' }],
      },
    ],
  },

  heading: {
    valid: [
      lines('一、部门概况', '（一）基本情况', '（二）机构设置', '二、收支情况', '（一）收入', '三、绩效分析'),
      // A list inside a section numbered in the headings' own style restarts at 一 and is not a repeat.
      lines(
        '一、部门概况',
        '二、履职情况',
        '一、党建引领',
        '二、改革创新',
        '三、科学普及',
        '三、绩效分析',
        '四、问题'
      ),
    ],
    invalid: [
      {
        text: lines('一、部门概况', '二、收支情况', '三、一般公共预算', '三、其他资金', '四、绩效分析'),
        fails: [{ title: '标题序号“三、”重复' }],
      },
      {
        text: lines('一、部门概况', '二、收支情况', '四、绩效分析'),
        fails: [{ title: '标题序号跳过了“三、”' }],
      },
      {
        text: lines('一、概况', '（一）基本情况', '（三）机构设置'),
        fails: [{ title: '标题序号跳过了“（二）”' }],
      },
    ],
  },
};

describe('every claim kind has cases', () => {
  test('each kind of the catalogue is tested', () => {
    expect(Object.keys(CASES).sort()).toEqual(CLAIM_KINDS.map((k) => k.id).sort());
  });
});

for (const [kind, cases] of Object.entries(CASES)) {
  describe(`claim kind ${kind}`, () => {
    test.each(cases.valid.map((t) => [t]))('valid: %s', (text) => {
      const claims = run(kind, text);
      expect(claims.length).toBeGreaterThan(0);
      expect(
        claims.filter((c) => c.verdict !== '成立').map((c) => `${c.verdict} ${c.title} ${c.computed}`)
      ).toEqual([]);
    });
    test.each(cases.invalid.map((c) => [c.text, c]))('invalid: %s', (_text, c) => {
      const fails = run(kind, c.text).filter((x) => x.verdict === '不成立');
      expect(fails.map((f) => f.title)).toHaveLength(c.fails.length);
      for (const want of c.fails) {
        const got = fails.find((f) => f.title.includes(want.title));
        expect(got?.title).toContain(want.title);
        if (want.stated) expect(got?.stated).toContain(want.stated);
        if (want.computed) expect(got?.computed).toContain(want.computed);
        // A claim that fails carries a finding in the workbook findings' contract.
        expect(got?.finding).toMatchObject({ severity: '错误', title: got?.title });
      }
    });
    for (const u of cases.unverifiable ?? [])
      test(`unverifiable: ${u.text}`, () => {
        const claims = run(kind, u.text);
        expect(claims.some((c) => c.verdict === '不成立')).toBe(false);
        const open = claims.filter((c) => c.verdict === '无法核实');
        expect(open.length).toBeGreaterThan(0);
        if (u.missing)
          expect(open.map((c) => `${(c.missing ?? []).join('、')} ${c.computed}`).join(' ')).toContain(
            u.missing
          );
      });
    for (const t of cases.none ?? [])
      test(`none: ${t}`, () => {
        expect(
          run(kind, t)
            .filter((c) => c.verdict !== '成立')
            .map((c) => c.title)
        ).toEqual([]);
        expect(run(kind, t).filter((c) => c.kindId === kind && c.verdict === '不成立')).toEqual([]);
      });
  });
}
