/**
 * The WorkbookPort over office.js. Reading, writing and clearing marks are the office host's
 * (src/hosts/office); this adds what only the task pane needs: go to a cell, bind the selection to
 * a name, record an explanation, and hear the user's edits while ignoring the add-in's own writes.
 */
import { INPUT_BY_NAME } from '../catalogue/inputs';
import { parseRange, normaliseAddress } from '../core/address';
import { a1 } from '../catalogue/layout';
import { readInputs } from '../hosts/office/reader';
import { EXPLANATION_TABLE, explanationRow, PortError, WorkbookPort } from './port';

/**
 * Waits while the user is editing a cell instead of failing with InvalidOperationInCellEditMode
 * (ExcelApi 1.11; older Excel ignores the option and the error is explained in Chinese).
 */
const RUN: Excel.RunOptions = { delayForCellEdit: true };

/**
 * The writing half of the host (marks, output sheets, the state sheet: a third of the pane's own code)
 * is needed only when the user runs or clears, so it loads then, not with the pane.
 */
const writer = () => import(/* webpackChunkName: "office-write" */ '../hosts/office/apply');

/** Edits reported this soon after the add-in's own write are its own echoes. */
const ECHO_MS = 1500;

/** `A1:B2` on its sheet, for worksheet.getRange. */
function localRange(address: string): { sheet: string; range: string } {
  const r = parseRange(address);
  if (!r) throw new PortError(`地址“${address}”无法识别；应为“工作表!A1”的形式`);
  const start = a1(r.top, r.left);
  const end = a1(r.bottom, r.right);
  return { sheet: r.sheet, range: start === end ? start : `${start}:${end}` };
}

export function officePort(): WorkbookPort {
  let writing = 0;
  let quietUntil = 0;
  /** Marks a write as the add-in's own so the change events it raises are not taken for the user's. */
  const own = async <T>(write: () => Promise<T>): Promise<T> => {
    writing++;
    try {
      return await write();
    } finally {
      writing--;
      quietUntil = Date.now() + ECHO_MS;
    }
  };

  return {
    live: true,

    readAll: () => Excel.run(RUN, (context) => readInputs(context)),

    applyPlan: (plan) =>
      own(async () => {
        const { applyPlan } = await writer();
        return Excel.run(RUN, async (context) => (await applyPlan(context, plan)).diagnostics);
      }),

    clearMarks: () =>
      own(async () => {
        const { clearMarks } = await writer();
        return Excel.run(RUN, async (context) => (await clearMarks(context)).diagnostics);
      }),

    select: (address) =>
      Excel.run(async (context) => {
        const { sheet, range } = localRange(address);
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
        ws.load('name'); // a load makes isNullObject readable after the sync, in every Excel
        await context.sync();
        if (ws.isNullObject) throw new PortError(`工作簿中没有工作表“${sheet}”，无法定位到 ${address}`);
        ws.activate();
        ws.getRange(range).select();
        await context.sync();
      }),

    bindSelection: (name) =>
      own(() =>
        Excel.run(async (context) => {
          const decl = INPUT_BY_NAME.get(name);
          const selection = context.workbook.getSelectedRange();
          selection.load(['address', 'cellCount']);
          const existing = context.workbook.names.getItemOrNullObject(name);
          existing.load('name');
          await context.sync();
          const address = normaliseAddress(selection.address) ?? selection.address;
          if (decl?.type === 'scalar' && selection.cellCount !== 1)
            throw new PortError(
              `“${decl.label}”是单个数据，请只选中一个单元格（当前选中 ${address}，共 ${selection.cellCount} 个单元格）`
            );
          // Repoint by delete + add: both are ExcelApi 1.4, below the manifest's floor.
          if (!existing.isNullObject) existing.delete();
          context.workbook.names.add(name, selection, decl ? `绩效自评助手：${decl.label}` : undefined);
          await context.sync();
          return address;
        })
      ),

    writeExplanation: (entry) =>
      own(() =>
        Excel.run(async (context) => {
          const item = context.workbook.names.getItemOrNullObject(EXPLANATION_TABLE);
          item.load('name');
          await context.sync();
          if (item.isNullObject)
            throw new PortError(
              `工作簿中没有名称 ${EXPLANATION_TABLE}（出错说明表）；请先在“数据”页点“插入模板”或绑定该表`
            );
          const range = item.getRange();
          range.load(['values', 'address']);
          await context.sync();
          const { row, cells } = explanationRow(range.values, entry);
          if (row < 0)
            throw new PortError(
              `${normaliseAddress(range.address) ?? range.address}（出错说明表）已填满；请在表中插入行后再保存`
            );
          const target = range.getCell(row, 0).getResizedRange(0, cells.length - 1);
          // Text columns: formatted as text first, so an explanation starting with = + - @ stays text.
          target.numberFormat = [cells.map(() => '@')];
          target.values = [cells.map((c) => c ?? '')];
          await context.sync();
        })
      ),

    onUserEdit: (listener) =>
      Excel.run(async (context) => {
        const handler = async (_e: Excel.WorksheetChangedEventArgs) => {
          if (writing > 0 || Date.now() < quietUntil) return;
          listener();
        };
        // Per-sheet onChanged is ExcelApi 1.7, the manifest's floor. Sheets added later are the
        // add-in's own output sheets, whose changes are not the user's inputs anyway.
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        const handles = sheets.items.map((ws) => ws.onChanged.add(handler));
        await context.sync();
        return () => {
          if (handles.length === 0) return;
          void Excel.run(handles[0].context, async (ctx) => {
            for (const h of handles) h.remove();
            await ctx.sync();
          }).catch(() => undefined);
        };
      }),
  };
}
