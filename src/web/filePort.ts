/**
 * The WorkbookPort over an .xlsx held in the browser's memory (the file host, src/hosts/file/xlsx).
 * Nothing leaves the page: the bytes come from a file picker and go back out as a download.
 */
import { a1 } from '../catalogue/layout';
import { parseRange } from '../core/address';
import type { XlsxBook } from '../hosts/file/xlsx';
import { previewAround } from './sheetPreview';
import { EXPLANATION_TABLE, explanationRow, PortError, WorkbookPort } from '../taskpane/port';

/** The file host module, loaded on demand (it pulls in ExcelJS). */
export type XlsxHost = typeof import('../hosts/file/xlsx');

export const loadXlsxHost = (): Promise<XlsxHost> =>
  import(/* webpackChunkName: "xlsx-host" */ '../hosts/file/xlsx');

export interface FilePort extends WorkbookPort {
  book: XlsxBook;
  save(): Promise<Uint8Array>;
}

export function filePort(host: XlsxHost, book: XlsxBook): FilePort {
  return {
    live: false,
    book,
    async readAll() {
      return host.readInputs(book);
    },
    async applyPlan(plan) {
      host.applyPlan(book, plan);
    },
    async clearMarks() {
      host.clearMarks(book);
    },
    async select() {
      // A file has no selection to move.
    },
    async preview(address) {
      return previewAround(book.wb, address);
    },
    async bindSelection() {
      throw new PortError(
        '网页版不能选择单元格；请在 Excel 或 WPS 中用“公式 → 名称管理器”定义名称，或使用模板'
      );
    },
    async writeExplanation(entry) {
      const raw = host.readInputs(book, [EXPLANATION_TABLE]).inputs[EXPLANATION_TABLE];
      const r = raw?.address ? parseRange(raw.address) : null;
      const ws = r ? book.wb.getWorksheet(r.sheet) : undefined;
      if (!r || !ws || !raw?.values)
        throw new PortError(`工作簿中没有名称 ${EXPLANATION_TABLE}（出错说明表）；请先用模板建立该表`);
      const { row, cells } = explanationRow(raw.values, entry);
      if (row < 0) throw new PortError(`${raw.address}（出错说明表）已填满；请在表中插入行后再保存`);
      cells.forEach((v, c) => (ws.getCell(a1(r.top + row, r.left + c)).value = v));
    },
    save: () => host.saveXlsx(book),
  };
}
