/**
 * Published 部门决算公开 figures of real departments, as their public tables state them, laid out
 * in the national table layouts (test/import/layouts.ts). Each states its source; figures are
 * copied as published (万元 unless said), blanks where the publication gives none.
 */
import type { ImportSheet } from '../../src/import/recognise';
import {
  gongkai01,
  gongkai02,
  gongkai03,
  gongkai05,
  gongkai06,
  gongkai07,
  jichuShuju,
  projectList,
  sangongByRows,
} from './layouts';

/**
 * 衡阳市科学技术协会 2021 (the sample department): its 2021 部门整体支出绩效自评报告, as carried in
 * samples/衡阳市科协-2021.json. 公开05 figures are the report's own table (its 合计 does not add up; kept).
 */
export function hengyangKexie(): ImportSheet[] {
  const unit = '衡阳市科学技术协会';
  return [
    gongkai01(unit, {
      一般公共预算财政拨款收入: 1193.05,
      其他收入: 158.53,
      本年收入合计: 1351.58,
      年初结转和结余: 4.04,
      本年支出合计: 1355.62,
    }),
    gongkai05(unit, { '财拨:合计': 836.79, '财拨:基本': 478.29, '财拨:项目': 718.79 }),
    gongkai06(
      unit,
      { 工资福利支出: 271.02, 对个人和家庭的补助: 77.14, 人员经费合计: 348.16, 公用经费合计: 45.07 },
      []
    ),
    gongkai07(unit, [26, 6, 10, null, null, 10], [5.83, 0, 4.57, null, null, 1.26]),
    jichuShuju(
      unit,
      [23, 21, '91.30%'],
      [
        ['“三公”经费', 7.1, 26, 5.83],
        ['1、公务用车购置和维护经费', 5.17, 10, 4.57],
        ['2、出国经费', 0.95, 6, 0],
        ['3、公务接待', 0.98, 10, 1.26],
        ['公用经费', null, 41.76, 45.07],
      ]
    ),
  ];
}

/**
 * 天水市幼儿园 2017年度部门决算公开 (http://www.kmxxf.com/jyj/info/1217/105784.htm, a copy of the
 * 天水市教育局 publication): 收入 1687.45 万元 = 财政拨款 1516.64（一般公共预算 1486.64 + 政府性基金 30）
 * + 事业收入 170.81; 支出 1942.57 = 基本 1121.09 + 项目 821.48. Its 公开01 laid out here in 元.
 */
export function tianshuiKindergarten(): ImportSheet[] {
  const unit = '天水市幼儿园';
  return [
    gongkai01(
      unit,
      {
        一般公共预算财政拨款收入: 14866400,
        政府性基金预算财政拨款收入: 300000,
        事业收入: 1708100,
        本年收入合计: 16874500,
        本年支出合计: 19425700,
      },
      { unit: '元' }
    ),
    gongkai03(unit, { '支出:本年支出合计': 1942.57, '支出:基本支出': 1121.09, '支出:项目支出': 821.48 }),
  ];
}

/**
 * 大英县文化广电旅游局 2022年度单位决算 (https://dyrmt.com/article-133619-2.html and -7.html):
 * 本年收入合计 4125.49 = 一般公共预算财政拨款 3859.16 + 其他收入 266.33; 本年支出合计 4143.91 =
 * 基本 1140.27 + 项目 3003.64; 公务接待费决算 7.8.
 */
export function dayingWenlv(): ImportSheet[] {
  const unit = '大英县文化广电旅游局';
  return [
    gongkai02(unit, {
      '收入:本年收入合计': 4125.49,
      '收入:财政拨款收入': 3859.16,
      '收入:上级补助收入': 0,
      '收入:事业收入': 0,
      '收入:经营收入': 0,
      '收入:附属单位上缴收入': 0,
      '收入:其他收入': 266.33,
    }),
    gongkai03(unit, {
      '支出:本年支出合计': 4143.91,
      '支出:基本支出': 1140.27,
      '支出:项目支出': 3003.64,
      '支出:上缴上级支出': 0,
      '支出:经营支出': 0,
      '支出:对附属单位补助支出': 0,
    }),
  ];
}

/**
 * 杜集区机关事务管理中心 2021年度一般公共预算财政拨款“三公”经费支出决算
 * (https://www.hbdj.gov.cn/zwgk/public/177/62077231.html), printed one row per item.
 */
export function dujiJiguanShiwu(): ImportSheet[] {
  return [
    sangongByRows('杜集区机关事务管理中心', [
      ['合 计', 246, 167.37],
      ['因公出国(境)费', 0, 0],
      ['公务接待费', 1, 2.14],
      ['公务用车购置及运行维护费', 245, 165.23],
      ['其中:公务用车运行维护费', 165, 87.07],
      ['公务用车购置费', 80, 78.16],
    ]),
  ];
}

/**
 * 衡阳市科学技术协会 2021 项目支出: the 2021 部门整体支出绩效自评报告, 三（二）2“项目支出情况”, its table as printed
 * (序号 | 项目 | 年初预算数 | 年中追加预算数 | 预算总额 | 年度决算数; “其中：” sub-items without 序号; 合计 last),
 * the same figures as samples/衡阳市科协-2021.json. The sub-items do not add up to 科普经费 (718.79 against
 * 688.79; 科技馆站's 预算总额 714.76 against 684.76): errors of the published report, kept.
 */
export const HENGYANG_PROJECT_ROWS: Array<Array<string | number | null>> = [
  [1, '科普经费', 376, 338.76, 684.76, 688.79],
  [null, '其中：科学普及工作', null, null, null, 52.35],
  [null, '学会学术工作', null, null, null, 399.03],
  [null, '企业科技推广', null, null, null, 0.25],
  [null, '科技馆站', 376, 338.76, 714.76, 70.63],
  [null, '青少年科技活动', null, null, null, 60.92],
  [null, '其他科学技术普及', null, null, null, 135.61],
  [2, '老年科协经费', 30, '-', 30, 30],
  [null, '合计', 406, 338.76, 714.76, 718.79],
];

export function hengyangProjects(rows = HENGYANG_PROJECT_ROWS): ImportSheet {
  return projectList({
    sheet: '项目支出',
    title: '2021年项目支出情况',
    headers: ['序号', '项目', '年初预算数', '年中追加预算数', '预算总额', '年度决算数'],
    rows,
  });
}
