/**
 * One scoring rule: its kinds, how its parameters are read (each problem a Chinese error naming the
 * cell), how it scores an indicator value and how it reads in words. The rulebook (rulebook.ts)
 * validates the whole table of lines around it; the kinds are described there and in docs/domain.md §2.2.
 */
import type Decimal from 'decimal.js';
import { ITEMS_OVER_BUDGET } from '../catalogue/itemDeductions';
import { D, ZERO, fixed } from './decimal';
import { toHalfWidth } from './parse';
import type { Diagnostic } from './types';

export type Rounding = '按比例' | '满档' | '起档';

export type Rule =
  | {
      kind: '扣分';
      standard: Decimal;
      direction: '超过' | '低于';
      step: Decimal;
      perStep: Decimal;
      rounding: Rounding;
      /** Points deducted for each item over its budget (ITEMS_OVER_BUDGET of the line's indicator), on top. */
      itemPenalty?: Decimal;
    }
  | {
      kind: '分档';
      compare: '≤' | '≥';
      bands: Array<{ bound: Decimal; score: Decimal }>;
      otherwise: Decimal;
      absolute: boolean;
    }
  | { kind: '比例'; fullAt: Decimal }
  | { kind: '定性' };

export type RuleKind = Rule['kind'];
export const RULE_KINDS: RuleKind[] = ['扣分', '分档', '比例', '定性'];
export const KIND_ALIASES: Record<string, RuleKind> = {
  扣分: '扣分',
  threshold: '扣分',
  分档: '分档',
  bands: '分档',
  比例: '比例',
  proportional: '比例',
  定性: '定性',
  qualitative: '定性',
};

// ------------------------------------------------------------------ rule application

export interface RuleOutcome {
  score: Decimal;
  /** 扣分原因 (empty when full marks). */
  deduction?: string;
}

const pct = (x: Decimal) => `${fixed(x)}%`;
const pts = (x: Decimal) => fixed(x);

/** Score of one computed rule at an indicator value (points). Not for 定性. */
export function applyRule(rule: Rule, points: Decimal, value: Decimal): RuleOutcome {
  switch (rule.kind) {
    case '扣分': {
      const gap = rule.direction === '超过' ? value.minus(rule.standard) : rule.standard.minus(value);
      if (gap.lessThanOrEqualTo(0)) return { score: points };
      const raw = gap.div(rule.step);
      const steps = rule.rounding === '按比例' ? raw : rule.rounding === '满档' ? raw.floor() : raw.ceil();
      const deduction = steps.times(rule.perStep);
      const score = D.max(ZERO, points.minus(deduction));
      const why = `指标值 ${pct(value)}，${rule.direction}标准 ${rule.standard}% ${fixed(gap)} 个百分点`;
      if (deduction.isZero()) return { score };
      const amount = `扣 ${pts(deduction)} 分${score.isZero() && deduction.greaterThan(points) ? '，扣完为止' : ''}`;
      return { score, deduction: `${why}，${amount}` };
    }
    case '分档': {
      const v = rule.absolute ? value.abs() : value;
      const meets = (b: Decimal) =>
        rule.compare === '≤' ? v.lessThanOrEqualTo(b) : v.greaterThanOrEqualTo(b);
      const i = rule.bands.findIndex((b) => meets(b.bound));
      const score = i >= 0 ? rule.bands[i].score : rule.otherwise;
      if (score.greaterThanOrEqualTo(points)) return { score: points };
      const shown =
        rule.absolute && value.isNegative()
          ? `指标值 ${pct(value)}（按绝对值 ${pct(v)}）`
          : `指标值 ${pct(value)}`;
      const band =
        i >= 0
          ? bandWords(rule, i)
          : rule.compare === '≤'
            ? `超过 ${last(rule).bound}%`
            : `低于 ${last(rule).bound}%`;
      return { score, deduction: `${shown}，在“${band}”档，计 ${pts(score)} 分` };
    }
    case '比例': {
      const raw = points.times(value).div(rule.fullAt);
      const score = D.min(points, D.max(ZERO, raw));
      if (score.greaterThanOrEqualTo(points)) return { score: points };
      return {
        score,
        deduction: `指标值 ${pct(value)}，未达 ${rule.fullAt}%，按比例计 ${pts(points)} × ${pct(value)} ÷ ${rule.fullAt}% = ${pts(score)} 分`,
      };
    }
    case '定性':
      throw new Error('定性指标没有计算规则');
  }
}

function last(rule: Extract<Rule, { kind: '分档' }>) {
  return rule.bands[rule.bands.length - 1];
}

function bandWords(rule: Extract<Rule, { kind: '分档' }>, i: number): string {
  const b = rule.bands[i].bound;
  if (i === 0) return rule.compare === '≤' ? (b.isZero() ? '= 0' : `≤ ${b}%`) : `≥ ${b}%`;
  const prev = rule.bands[i - 1].bound;
  return rule.compare === '≤' ? `${prev}%–${b}%（含）` : `${b}%（含）–${prev}%`;
}

/** 评分标准 in words, as the 自评表 writes it. */
export function describeRule(rule: Rule, points: Decimal, indicator?: string): string {
  const s = points.toString();
  switch (rule.kind) {
    case '扣分': {
      const step = rule.step.equals(1) ? '1 个百分点' : `${rule.step} 个百分点`;
      const part =
        rule.step.equals(1) && rule.rounding === '按比例'
          ? ''
          : rule.rounding === '按比例'
            ? `（不足 ${rule.step} 个百分点的按比例扣分）`
            : rule.rounding === '满档'
              ? `（不足 ${rule.step} 个百分点的部分不扣分）`
              : `（不足 ${rule.step} 个百分点的按 ${rule.step} 个百分点扣分）`;
      const items =
        rule.itemPenalty && indicator
          ? `；${ITEMS_OVER_BUDGET[indicator]?.what ?? '明细项目'}决算超过预算的，每项另扣 ${rule.itemPenalty} 分`
          : '';
      return rule.direction === '超过'
        ? `以 ${rule.standard}% 为标准，≤${rule.standard}% 计 ${s} 分；每超过 ${step}扣 ${rule.perStep} 分${part}${items}，扣完为止`
        : `${rule.standard}% 计满分（${s} 分）；每低于 ${step}扣 ${rule.perStep} 分${part}${items}，扣完为止`;
    }
    case '分档': {
      const parts = rule.bands.map((b, i) => `${bandWords(rule, i)} 计 ${b.score} 分`);
      parts.push(
        `${rule.compare === '≤' ? `超过 ${last(rule).bound}%` : `低于 ${last(rule).bound}%`} 计 ${rule.otherwise} 分`
      );
      return `${parts.join('；')}${rule.absolute ? '（按绝对值）' : ''}`;
    }
    case '比例':
      return rule.fullAt.equals(100)
        ? `得分 = ${s} × 指标值，最高 ${s} 分`
        : `指标值 ≥ ${rule.fullAt}% 计 ${s} 分；低于时得分 = ${s} × 指标值 ÷ ${rule.fullAt}%`;
    case '定性':
      return `定性指标，按评价要点打分（0–${s} 分），得分填入“自评打分”表`;
  }
}

// ------------------------------------------------------------------ parameters

export function err(code: string, message: string, address?: string): Diagnostic {
  return { code, severity: '错误', message, address: address && /!/.test(address) ? address : undefined };
}

export function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = toHalfWidth(String(v)).trim();
  return s === '' ? null : s;
}

export function num(v: unknown): Decimal | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && v instanceof D) return v as Decimal;
  if (typeof v === 'object' && v !== null && 'toFixed' in (v as object)) return new D(String(v));
  const s = toHalfWidth(String(v)).trim().replace(/%$/, '').replace(/分$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return null;
  return new D(s);
}

export interface ParamCtx {
  errors: Diagnostic[];
  where: string;
  line: string;
  /** The line's indicator (a parameter may apply only to some). */
  indicator?: string;
}

export function parseParams(text: string | null, ctx: ParamCtx): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const part of text.split(/[;；\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([^=＝]+)[=＝](.*)$/.exec(p);
    if (!m) {
      ctx.errors.push(
        err(
          'rule-param-syntax',
          `${ctx.where}（${ctx.line}）参数“${p}”写法不对，应为“名称=值”，多个参数用分号隔开`,
          ctx.where
        )
      );
      continue;
    }
    out.set(m[1].trim(), m[2].trim());
  }
  return out;
}

export function parseRule(
  kind: RuleKind,
  params: Map<string, string>,
  points: Decimal,
  ctx: ParamCtx
): Rule | null {
  const allowed: Record<RuleKind, string[]> = {
    扣分: ['标准', '方向', '每档', '每档扣分', '取整', '分项超支扣分'],
    分档: ['比较', '档', '其他', '绝对值'],
    比例: ['满分值'],
    定性: [],
  };
  let ok = true;
  const bad = (what: string) => {
    ok = false;
    ctx.errors.push(err('rule-param', `${ctx.where}（${ctx.line}）${what}`, ctx.where));
  };
  for (const k of params.keys())
    if (!allowed[kind].includes(k))
      bad(
        `参数“${k}”不适用于“${kind}”规则${allowed[kind].length ? `；可用参数：${allowed[kind].join('、')}` : '；定性指标不需要参数'}`
      );
  const number = (
    key: string,
    fallback: Decimal | null,
    check: (x: Decimal) => boolean,
    range: string
  ): Decimal => {
    const raw = params.get(key);
    if (raw === undefined) {
      if (fallback === null) bad(`缺少参数“${key}”（${range}）`);
      return fallback ?? ZERO;
    }
    const x = num(raw);
    if (x === null) {
      bad(`参数“${key}=${raw}”不是数字（${range}）`);
      return ZERO;
    }
    if (!check(x)) bad(`参数“${key}=${raw}”超出范围（${range}）`);
    return x;
  };
  const choice = <T extends string>(key: string, options: Record<string, T>, fallback: T): T => {
    const raw = params.get(key);
    if (raw === undefined) return fallback;
    const v = options[raw];
    if (!v)
      bad(
        `参数“${key}=${raw}”无法识别，应为 ${[...new Set(Object.keys(options))].slice(0, 4).join('、')} 之一`
      );
    return v ?? fallback;
  };
  let rule: Rule;
  switch (kind) {
    case '扣分': {
      const standard = number('标准', null, () => true, '标准值，百分点，如 100');
      const direction = choice(
        '方向',
        { 超过: '超过', 高于: '超过', 低于: '低于', 不足: '低于' } as const,
        '超过'
      );
      const step = number('每档', new D(1), (x) => x.greaterThan(0), '每档的百分点数，大于 0，默认 1');
      const perStep = number(
        '每档扣分',
        null,
        (x) => x.greaterThan(0) && x.lessThanOrEqualTo(points),
        `每档扣的分数，大于 0 且不超过本项分值 ${points}`
      );
      const rounding = choice('取整', { 按比例: '按比例', 满档: '满档', 起档: '起档' } as const, '按比例');
      rule = { kind, standard, direction, step, perStep, rounding };
      if (params.has('分项超支扣分')) {
        if (!ctx.indicator || !ITEMS_OVER_BUDGET[ctx.indicator])
          bad(`参数“分项超支扣分”只适用于有明细项目的指标（${Object.keys(ITEMS_OVER_BUDGET).join('、')}）`);
        rule.itemPenalty = number(
          '分项超支扣分',
          null,
          (x) => x.greaterThan(0) && x.lessThanOrEqualTo(points),
          `每个超预算的明细项目扣的分数，大于 0 且不超过本项分值 ${points}`
        );
      }
      break;
    }
    case '分档': {
      const compare = choice('比较', { '≤': '≤', '<=': '≤', '≥': '≥', '>=': '≥' } as const, '≤');
      const text = params.get('档');
      const bands: Array<{ bound: Decimal; score: Decimal }> = [];
      if (!text) bad('缺少参数“档”，写法如“档=0:5,10:4,20:3,30:2”（界值:得分）');
      else
        for (const item of text.split(/[,，、]/)) {
          const m = /^\s*([^:：]+)[:：]([^:：]+)\s*$/.exec(item);
          const bound = m ? num(m[1]) : null;
          const score = m ? num(m[2]) : null;
          if (!bound || !score) {
            bad(`档“${item.trim()}”写法不对，应为“界值:得分”，如“10:4”`);
            continue;
          }
          if (score.isNegative() || score.greaterThan(points))
            bad(`档“${item.trim()}”的得分 ${score} 超出范围（0 至本项分值 ${points}）`);
          bands.push({ bound, score });
        }
      for (let i = 1; i < bands.length; i++) {
        const up = bands[i].bound.greaterThan(bands[i - 1].bound);
        if (compare === '≤' ? !up : up) {
          bad(
            `各档界值应${compare === '≤' ? '从小到大' : '从大到小'}排列（${bands[i - 1].bound} 之后是 ${bands[i].bound}）`
          );
          break;
        }
      }
      const otherwise = number(
        '其他',
        ZERO,
        (x) => !x.isNegative() && x.lessThanOrEqualTo(points),
        `其余情况的得分，0 至本项分值 ${points}`
      );
      const absolute = choice('绝对值', { 是: '是', 否: '否' } as const, '否') === '是';
      rule = { kind, compare, bands, otherwise, absolute };
      break;
    }
    case '比例':
      rule = {
        kind,
        fullAt: number(
          '满分值',
          new D(100),
          (x) => x.greaterThan(0),
          '达到满分的指标值，百分点，大于 0，默认 100'
        ),
      };
      break;
    case '定性':
      rule = { kind };
      break;
  }
  return ok ? rule : null;
}
