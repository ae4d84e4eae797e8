/** Failures become Chinese sentences for the MessageBar, whatever office.js threw. */
import { describeError } from '../../src/taskpane/pipeline';

const officeError = (code: string, message: string, errorLocation?: string) =>
  Object.assign(new Error(message), { code, ...(errorLocation ? { debugInfo: { errorLocation } } : {}) });

test('office.js codes the user can act on are explained in Chinese, with where it happened', () => {
  expect(
    describeError(officeError('ItemNotFound', "The requested resource doesn't exist.", 'Worksheet.getItem'))
  ).toBe(
    '找不到所需的工作表、名称或单元格（位置：Worksheet.getItem）。请确认没有删除或改名，或在“数据”页重新绑定后重试。'
  );
  expect(describeError(officeError('ApiNotFound', 'The API you are trying to use could not be found.'))).toBe(
    '当前 Excel 版本不支持这项操作。请更新 Excel（如 Microsoft 365）后重试。'
  );
  expect(describeError(officeError('AccessDenied', 'Access denied'))).toBe(
    '工作簿拒绝写入：工作表或工作簿受保护。请在“审阅”选项卡取消保护后重试。'
  );
  expect(describeError(officeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.'))).toBe(
    'Excel 正在编辑单元格，暂时无法写入。请按 Enter 或 Esc 退出单元格编辑后重试。'
  );
  expect(
    describeError(
      officeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.')
    )
  ).toContain('超过了上限（Excel 网页版为 5 MB）');
  expect(describeError(officeError('GeneralException', 'An internal error has occurred.'))).toBe(
    'Excel 内部出错（GeneralException）。请保存工作簿、关闭后重新打开再试；仍失败时请用命令行处理该文件。'
  );
});

test('a Chinese message is shown as it is; anything else is named 操作失败 with its code', () => {
  expect(describeError(new Error('工作簿中没有工作表“不存在”'))).toBe('工作簿中没有工作表“不存在”');
  expect(describeError(officeError('SomethingNew', 'An internal error has occurred.'))).toBe(
    '操作失败：An internal error has occurred.（SomethingNew）'
  );
  expect(describeError('boom')).toBe('操作失败：boom');
});
