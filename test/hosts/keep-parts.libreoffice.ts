/**
 * Editing a workbook as a user does in LibreOffice, headless: a StarBasic macro opens the file, makes
 * the edits and saves it as .xlsx ("Calc MS Excel 2007 XML"). The macro lives in its own profile
 * (-env:UserInstallation), initialised once, so nothing of the machine's LibreOffice set-up is used.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const hasSoffice = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const xmlText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Opens `input` in LibreOffice, runs `body` (StarBasic, with `doc` the open document) and returns the
 * workbook LibreOffice saves. `dir` holds the profile and the files.
 */
export function editInLibreOffice(input: Uint8Array, body: string, dir: string): Buffer {
  const profile = path.join(dir, 'lo-profile');
  const env = `-env:UserInstallation=file://${profile}`;
  if (!fs.existsSync(path.join(profile, 'user', 'basic', 'Standard')))
    execFileSync('soffice', [env, '--headless', '--terminate_after_init'], {
      stdio: 'ignore',
      timeout: 120_000,
    });
  const module = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${xmlText(`
Sub Edit(inPath As String, outPath As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden" : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), "_blank", 0, args())
${body}
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = "FilterName" : f(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(ConvertToURL(outPath), f())
  doc.close(True)
End Sub
`)}</script:module>`;
  fs.writeFileSync(path.join(profile, 'user', 'basic', 'Standard', 'Module1.xba'), module);
  const stamp = `${process.pid}-${Date.now()}`;
  const from = path.join(dir, `lo-in-${stamp}.xlsx`);
  const to = path.join(dir, `lo-out-${stamp}.xlsx`);
  fs.writeFileSync(from, input);
  execFileSync(
    'soffice',
    [env, '--headless', '--norestore', `macro:///Standard.Module1.Edit("${from}","${to}")`],
    {
      stdio: 'ignore',
      timeout: 120_000,
    }
  );
  if (!fs.existsSync(to)) throw new Error(`LibreOffice did not save ${to}: the macro failed`);
  return fs.readFileSync(to);
}
