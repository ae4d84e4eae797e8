/**
 * Browser bundle for the end-to-end test (built into dist-test/double.js by `webpack --env e2e`):
 * an in-memory Excel holding the sample department's workbook, installed as `window.Excel` before
 * the task pane loads. office.js stays the real one (it runs "outside of Office").
 */
import type { InputValues } from '../../src/core/fill';
import { ExcelDouble } from '../support/excel-double';
import sample from '../../samples/衡阳市科协-2021.json';

const double = ExcelDouble.fromTemplate(sample as unknown as InputValues);
const w = window as unknown as Record<string, unknown>;
w.Excel = double.excel;
w.__double = double;
