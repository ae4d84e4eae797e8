import * as fs from 'fs';
import { evaluate } from '../../src/core/engine';
import { applyPlan, loadXlsx, readInputs, saveXlsx } from '../../src/hosts/file/xlsx';
import { SAMPLE_XLSX } from '../helpers/sample';

/** The sample evaluated and saved, as the CLI writes it. */
export async function evaluatedSample(): Promise<Uint8Array> {
  const book = await loadXlsx(fs.readFileSync(SAMPLE_XLSX));
  applyPlan(book, evaluate(readInputs(book)).plan);
  return saveXlsx(book);
}
