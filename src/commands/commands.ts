/**
 * Ribbon commands. 一键生成 runs the same pipeline as the task pane's button (read → evaluate →
 * write) without opening the pane; the results land in the workbook's own sheets.
 */
import { describeError, runAll } from '../taskpane/pipeline';
import { officePort } from '../taskpane/officePort';

export async function runAllCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    await runAll(officePort());
  } catch (e) {
    // No pane to show it in: the console is the function file's only surface.
    console.error(`绩效自评助手：一键生成失败。${describeError(e)}`);
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate('runAll', runAllCommand);
