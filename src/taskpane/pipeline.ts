/**
 * The one-click run, shared by the task pane button and the ribbon command: read → evaluate →
 * write. Each step is announced before it starts so the pane can name it in the progress bar.
 */
import type { Evaluation } from '../core/engine';
import type { Diagnostic, RawReading } from '../core/types';
import type { WorkbookPort } from './port';

export type StepId = 'read' | 'evaluate' | 'write' | 'done';
export const STEPS: StepId[] = ['read', 'evaluate', 'write', 'done'];

export interface RunOutcome {
  reading: RawReading;
  evaluation: Evaluation;
  /** What the write could not do (notes unsupported here, a mark's note the user edited): shown to the user. */
  notices: Diagnostic[];
}

/** Lets React paint the step label before a long synchronous stage. */
const paint = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The engine, replaceable so component tests can pin what the pane shows. */
export type Engine = (reading: RawReading) => Evaluation;

let engineChunk: Promise<Engine> | null = null;

/**
 * The engine (indicators, scoring, checks, narrative, plan) is loaded on demand, so the pane's
 * first paint carries only the UI and the model; the pane starts loading it right after mounting.
 */
export function loadEngine(): Promise<Engine> {
  engineChunk ??= import(/* webpackChunkName: "engine" */ '../core/engine').then(
    (m) => (reading: RawReading) => m.evaluate(reading)
  );
  return engineChunk;
}

export async function runAll(
  port: WorkbookPort,
  onStep: (step: StepId) => void = () => {},
  engine?: Engine
): Promise<RunOutcome> {
  onStep('read');
  const [reading, run] = await Promise.all([port.readAll(), engine ?? loadEngine()]);
  onStep('evaluate');
  await paint();
  const evaluation = run(reading);
  onStep('write');
  const notices = (await port.applyPlan(evaluation.plan)) ?? [];
  onStep('done');
  return { reading, evaluation, notices };
}

/** Read and evaluate without writing: refreshes the findings list after the user edits an input. */
export async function recheck(port: WorkbookPort, engine?: Engine): Promise<RunOutcome> {
  const [reading, run] = await Promise.all([port.readAll(), engine ?? loadEngine()]);
  return { reading, evaluation: run(reading), notices: [] };
}

/** office.js error codes the user can act on, in Chinese; `where` is `（位置：…）` or ''. */
const OFFICE_ERRORS: Record<string, (where: string) => string> = {
  InvalidReference: (where) => `引用无效：所指的工作表或单元格不存在${where}。`,
  ItemNotFound: (where) =>
    `找不到所需的工作表、名称或单元格${where}。请确认没有删除或改名，或在“数据”页重新绑定后重试。`,
  AccessDenied: (where) => `工作簿拒绝写入：工作表或工作簿受保护${where}。请在“审阅”选项卡取消保护后重试。`,
  InvalidOperationInCellEditMode: (where) =>
    `Excel 正在编辑单元格，暂时无法写入${where}。请按 Enter 或 Esc 退出单元格编辑后重试。`,
  RequestPayloadSizeLimitExceeded: (where) =>
    `一次发送给 Excel 的数据超过了上限（Excel 网页版为 5 MB）${where}。请把工作簿拆小后重试，或用命令行处理该文件。`,
  GeneralException: (where) =>
    `Excel 内部出错${where}（GeneralException）。请保存工作簿、关闭后重新打开再试；仍失败时请用命令行处理该文件。`,
  ItemAlreadyExists: (where) => `同名项目已存在${where}。`,
  ApiNotFound: (where) => `当前 Excel 版本不支持这项操作${where}。请更新 Excel（如 Microsoft 365）后重试。`,
};

/** A failure as a Chinese sentence for a MessageBar (office.js errors carry English text and a code). */
export function describeError(e: unknown): string {
  if (e && typeof e === 'object') {
    const err = e as { message?: string; code?: string; debugInfo?: { errorLocation?: string } };
    const where = err.debugInfo?.errorLocation ? `（位置：${err.debugInfo.errorLocation}）` : '';
    const known = err.code ? OFFICE_ERRORS[err.code] : undefined;
    if (known) return known(where);
    if (err.message && /[\u4e00-\u9fff]/.test(err.message)) return err.message;
    if (err.message) return `操作失败：${err.message}${err.code ? `（${err.code}）` : ''}${where}`;
  }
  return `操作失败：${String(e)}`;
}
