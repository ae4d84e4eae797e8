/** What a run reports about marks (in Chinese, one message per kind), and where a marked cell is. */
import { a1 } from '../../catalogue/layout';
import { parseRange } from '../../core/address';
import type { Diagnostic } from '../../core/types';

/** Cells a notice concerns: `基本情况!B5`, or `基本情况!B5 等 3 个单元格`. */
const cellsText = (first: string, count: number) => (count > 1 ? `${first} 等 ${count} 个单元格` : first);

/** Everything a run may report about marks, declared once: code → Chinese message. */
const MARK_NOTICES = {
  'mark-note-unsupported': (at: string) =>
    `${at}的标记说明是以“注释”添加的，当前 Excel 不支持注释（需要 ExcelApi 1.18），暂时无法更新或清除；已保留记录，请在支持注释的 Excel（如 Microsoft 365）中再点“清除标记”`,
  'mark-comment-unsupported': (at: string) =>
    `${at}的标记说明是以“批注”添加的，当前 Excel 不支持批注（需要 ExcelApi 1.10），暂时无法更新或清除；已保留记录，请在支持批注的 Excel 中再点“清除标记”`,
  'mark-comment-edited': (at: string) =>
    `${at}上绩效自评助手添加的批注已被修改，为免删除您写的内容，已保留该批注，请自行处理`,
  'mark-comment-refused': (at: string) =>
    `${at}上 Excel 拒绝添加批注（单元格可能已有注释，一个单元格不能同时有注释和批注），这些单元格只加了底色，问题说明请看“问题清单”`,
  'mark-cell-deleted': (at: string) =>
    `${at}原有的标记所在单元格已被删除（删除了所在的行或列），无需清除，已从标记记录中移除`,
  'mark-cell-has-comment': (at: string) =>
    `${at}已有批注；Excel 的一个单元格不能同时有注释和批注，这些单元格只加了底色，问题说明请看“问题清单”`,
} as const;

export type NoticeCode = keyof typeof MARK_NOTICES;

/** Collects notices per code, so a thousand kept marks make one message, not a thousand. */
export class Notices {
  private readonly cells = new Map<NoticeCode, string[]>();
  add(code: NoticeCode, address: string): void {
    const cells = this.cells.get(code) ?? [];
    cells.push(address);
    this.cells.set(code, cells);
  }
  list(): Diagnostic[] {
    return [...this.cells].map(([code, cells]) => ({
      code,
      severity: '提示',
      message: MARK_NOTICES[code](cellsText(cells[0], cells.length)),
      address: cells[0],
    }));
  }
}

export const UNSUPPORTED: Record<'note' | 'comment', NoticeCode> = {
  note: 'mark-note-unsupported',
  comment: 'mark-comment-unsupported',
};

export interface Place {
  sheet: string;
  cell: string;
}

/** Places already worked out: a run looks each marked cell up several times. */
const places = new Map<string, Place | null>();

export function place(address: string): Place | null {
  const known = places.get(address);
  if (known !== undefined) return known;
  const r = parseRange(address);
  const p = r ? { sheet: r.sheet, cell: a1(r.top, r.left) } : null;
  if (places.size > 100_000) places.clear();
  places.set(address, p);
  return p;
}
