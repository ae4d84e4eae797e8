/** Items a rulebook line may deduct for one by one (docs/domain.md §2.2 明细项目超支). */
import { OFFICE_COST_ITEMS } from './inputs';

/**
 * Items whose 决算 over 预算 a line's 扣分 rule may deduct for: each over-budget item deducts the line's
 * `分项超支扣分` points on top of the rate's own deduction (公用经费 by item: 决算 from 公开06 / 财决08-1,
 * 预算 from the 批复). The default rulebook (src/catalogue/rulebook.ts) deducts 0.1 分 per item
 * (本项目选定, docs/domain.md §2.2: no published rule was found).
 */
export const ITEMS_OVER_BUDGET: Record<
  string,
  { what: string; items: Array<{ label: string; actual: string; budget: string }> }
> = {
  公用经费控制率: {
    what: '公用经费明细项目',
    items: OFFICE_COST_ITEMS.map(([k, , labels]) => ({
      label: labels[0],
      actual: `公用_${k}_本年决算`,
      budget: `公用_${k}_本年预算`,
    })),
  },
};
