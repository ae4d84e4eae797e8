/** Failures become Chinese sentences for the MessageBar, whatever office.js threw. */
import { describeError } from '../../src/taskpane/pipeline';

const officeError = (code: string, message: string, errorLocation?: string) =>
  Object.assign(new Error(message), { code, ...(errorLocation ? { debugInfo: { errorLocation } } : {}) });

test('office.js codes the user can act on are explained in Chinese, with where it happened', () => {
  expect(describeError(officeError('ItemNotFound', "The requested resource doesn't exist.", 'Worksheet.getItem'))).toBe(
    '找不到所需的工作表、名称或单元格（位置：Worksheet.getItem）。请确认没有删除或改名，或在“数据”页重新绑定后重试。',
  );
  expect(describeError(officeError('ApiNotFound', 'The API you are trying to use could not be found.'))).toBe(
    '当前 Excel 版本不支持这项操作。请更新 Excel（如 Microsoft 365）后重试。',
  );
  expect(describeError(officeError('AccessDenied', 'Access denied'))).toBe('工作簿拒绝写入（可能受保护或正在编辑单元格）。请退出单元格编辑或取消保护后重试。');
});

test('a Chinese message is shown as it is; anything else is named 操作失败 with its code', () => {
  expect(describeError(new Error('工作簿中没有工作表“不存在”'))).toBe('工作簿中没有工作表“不存在”');
  expect(describeError(officeError('GeneralException', 'An internal error has occurred.'))).toBe('操作失败：An internal error has occurred.（GeneralException）');
  expect(describeError('boom')).toBe('操作失败：boom');
});
