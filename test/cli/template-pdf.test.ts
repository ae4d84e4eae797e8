/** The template opens in LibreOffice: headless conversion to PDF succeeds and the Chinese text survives. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INPUT_SHEETS } from '../../src/catalogue/inputs';
import { templatePlan } from '../../src/core/template';
import { applyPlan, newXlsx, saveXlsx } from '../../src/hosts/file/xlsx';

test('LibreOffice converts the template to PDF without error', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
  const xlsx = path.join(dir, '模板.xlsx');
  const book = newXlsx();
  applyPlan(book, templatePlan());
  fs.writeFileSync(xlsx, await saveXlsx(book));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      xlsx,
    ],
    {
      stdio: 'ignore',
      timeout: 120_000,
    }
  );
  const text = execFileSync('pdftotext', [path.join(dir, '模板.pdf'), '-'], { encoding: 'utf8' });
  expect(text).toContain('填表说明');
  for (const s of INPUT_SHEETS) expect(text).toContain(s.caption.slice(0, 12));
  expect(text).toContain('一般公共预算财政拨款收入');
  fs.rmSync(dir, { recursive: true, force: true });
}, 150_000);
