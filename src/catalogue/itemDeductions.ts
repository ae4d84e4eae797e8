/** Items a rulebook line may deduct for one by one (docs/domain.md §2.2 明细项目超支). */
import { BASIC_OFFICE_LINES, OFFICE_COST_ITEMS } from './inputs';

export interface OverBudgetItem {
  label: string;
  actual: string;
  budget: string;
}

/**
 * Items whose 决算 over 预算 a line's 扣分 rule may deduct for: each over-budget item deducts the line's
 * `分项超支扣分` points on top of the rate's own deduction. The default rulebook (src/catalogue/rulebook.ts)
 * deducts 0.1 分 per item (本项目选定, docs/domain.md §2.2: no published rule was found).
 *
 * `lists` are alternative breakdowns of one total, best first: the first with an item stated in both columns is
 * the one read, so an overrun is never counted twice (差旅费 is both an 经济分类 item and part of the 基础数据表's
 * 水费、电费、差旅费 line). 公用经费: the 湖南 基础数据表's own lines, which the rulebook's 公用经费控制率 is scored
 * from, then the 经济分类 items (决算 from 公开06 / 财决08-1, 预算 from the 批复).
 */
export const ITEMS_OVER_BUDGET: Record<string, { what: string; lists: OverBudgetItem[][] }> = {
  公用经费控制率: {
    what: '公用经费明细项目',
    lists: [
      BASIC_OFFICE_LINES.map(([k, label]) => ({
        label,
        actual: `基础_公用_${k}_本年决算`,
        budget: `基础_公用_${k}_本年预算`,
      })),
      OFFICE_COST_ITEMS.map(([k, , labels]) => ({
        label: labels[0],
        actual: `公用_${k}_本年决算`,
        budget: `公用_${k}_本年预算`,
      })),
    ],
  },
};
