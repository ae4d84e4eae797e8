/**
 * Ribbon commands. 一键生成 runs the same pipeline as the task pane's button (read → evaluate →
 * write) without opening the pane; the results land in the workbook's own sheets. With no pane to
 * speak in, a failure (and any notice the write returned) is shown in a small dialog.
 */
import { describeError, runAll } from '../taskpane/pipeline';
import { officePort } from '../taskpane/officePort';

/** The dialog page next to this function file (dialog.html?title=…&message=…). */
function dialogUrl(title: string, message: string): string {
  const here = typeof location !== 'undefined' ? location.href : '';
  const url = new URL('dialog.html', here || 'https://localhost/');
  url.searchParams.set('title', title);
  url.searchParams.set('message', message);
  return url.toString();
}

/**
 * Shows a message to the user from the function file: an Office dialog (DialogApi 1.1). Where the
 * dialog cannot open, the console is the last resort. Resolves when the dialog opened (or failed to).
 */
export function showMessage(title: string, message: string): Promise<void> {
  return new Promise((resolve) => {
    const ui = typeof Office !== 'undefined' ? Office.context?.ui : undefined;
    if (!ui?.displayDialogAsync) {
      console.error(`${title}：${message}`);
      resolve();
      return;
    }
    ui.displayDialogAsync(
      dialogUrl(title, message),
      { height: 30, width: 30, displayInIframe: true },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) console.error(`${title}：${message}`);
        else {
          const dialog = result.value;
          dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => dialog.close());
        }
        resolve();
      }
    );
  });
}

export async function runAllCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const { notices } = await runAll(officePort());
    if (notices.length)
      await showMessage('绩效自评助手：已生成，另有提示', notices.map((d) => d.message).join('\n'));
  } catch (e) {
    await showMessage('绩效自评助手：一键生成失败', describeError(e));
  } finally {
    event.completed();
  }
}

Office.onReady(() => undefined);
Office.actions.associate('runAll', runAllCommand);
