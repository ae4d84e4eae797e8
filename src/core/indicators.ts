/**
 * Computes every catalogue indicator (src/catalogue/indicators.ts) on the model, under the
 * chosen regional variants (docs/domain.md §1.3).
 */
import { INDICATORS } from '../catalogue/indicators';
import type { Model } from './model';
import type { IndicatorResult } from './results';

/** The regional formula choices. */
export interface Variants {
  /** 湖南: (上年结转+年初预算+本年追加−年末结余)/(上年结转+年初预算+本年追加); 国家: 完成数/预算数. */
  预算完成率: '湖南' | '国家';
  /** 预算: 本年预算数对上年预算数 (national 指标解释); 决算: 本年决算数对上年决算数. */
  三公经费变动率: '预算' | '决算';
  /** 国家: (调整数−剔除数)/年初预算; 预算控制率: 调整数/年初预算, no exclusion (湖南多地). */
  预算调整率: '国家' | '预算控制率';
}

export const DEFAULT_VARIANTS: Variants = {
  预算完成率: '湖南',
  三公经费变动率: '预算',
  预算调整率: '国家',
};

/** Accepted spellings of each variant choice, as a user may type them in the 评分规则 sheet. */
export const VARIANT_CHOICES: { [K in keyof Variants]: Record<string, Variants[K]> } = {
  预算完成率: { 湖南: '湖南', 湖南口径: '湖南', 国家: '国家', 国家口径: '国家', 全国: '国家' },
  三公经费变动率: { 预算: '预算', 预算数: '预算', 预算对预算: '预算', 决算: '决算', 决算数: '决算', 决算对决算: '决算' },
  预算调整率: { 国家: '国家', 国家口径: '国家', 预算调整率: '国家', 预算控制率: '预算控制率', 湖南: '预算控制率', 湖南口径: '预算控制率' },
};

export function computeIndicators(model: Model, variants: Partial<Variants> = {}): IndicatorResult[] {
  const v: Variants = { ...DEFAULT_VARIANTS, ...variants };
  return INDICATORS.map((d) => d.compute(model, v));
}
