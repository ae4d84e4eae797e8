/**
 * End to end: build the add-in once (webpack --env e2e: dist/ + dist-test/double.js), serve dist/ on
 * 127.0.0.1, open the task pane in headless Chromium with the real office.js and the Excel test
 * double (holding the sample department's workbook) as window.Excel, click 一键生成, and check what
 * landed in the workbook and in the pane. Then the web page: open an .xlsx, run, download the result.
 *
 * Last, the same web page as one file, opened from file:// with the network blocked.
 *
 * JIXIAO_E2E_PREBUILT=1 reuses an existing dist/ and dist-test/ (after `npx webpack --mode production --env e2e`).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { templateReading } from '../../src/core/fill';
import { evaluate } from '../../src/core/engine';
import { groupFindings } from '../../src/core/findingGroups';
import { MARK_FILL } from '../../src/core/markState';
import { templatePlan } from '../../src/core/template';
import { applyPlan, loadXlsx, newXlsx, readInputs, saveXlsx } from '../../src/hosts/file/xlsx';
import { buildPages, dist, distTest, launchChromium, root, servePages } from '../helpers/pages';
import { SAMPLE_XLSX, sampleValues } from '../helpers/sample';

jest.setTimeout(240_000);

/** The pages load office.js from Microsoft's CDN; tests stay offline by answering it from the npm copy. */
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const officeDist = path.join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
const out = path.join(root, 'out');

let server: http.Server;
let base = '';
let browser: Browser;
let buildMs = 0;

beforeAll(async () => {
  buildMs = buildPages();
  ({ server, base } = await servePages());
  browser = await launchChromium([
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ]);
  fs.mkdirSync(out, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  console.log(`e2e build ${(buildMs / 1000).toFixed(1)} s`);
});

/** Waits until the pane is idle again (button re-enabled) and the progress bar's transition has ended. */
async function settled(page: Page, button: string) {
  await page.waitForSelector(`button:has-text("${button}"):not([disabled])`);
  await page.waitForTimeout(600);
}

/** Answers the CDN's office.js (and what its loader fetches next to it) from the npm package; anything missing is a 404. */
async function routeOfficeCdn(context: import('playwright-core').BrowserContext) {
  await context.route(`${OFFICE_CDN}**`, (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace('/lib/1/hosted/', ''));
    const file = path.join(officeDist, rel);
    if (file.startsWith(officeDist) && fs.existsSync(file) && fs.statSync(file).isFile())
      return route.fulfill({ path: file, contentType: 'text/javascript; charset=utf-8' });
    return route.fulfill({ status: 404, body: '' });
  });
}

/** A served file for a request URL: dist/ for the add-in's own, the npm office-js copy for the CDN's. */
const localFile = (u: string) =>
  u.startsWith(OFFICE_CDN)
    ? path.join(officeDist, u.slice(OFFICE_CDN.length))
    : path.join(dist, new URL(u).pathname);

/** A page that records every request and fails on any page error. */
async function openPage(width = 320): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  await routeOfficeCdn(context);
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, requests, errors };
}

test('task pane: 一键生成 over the Excel double writes the result sheets and marks and lists the findings', async () => {
  const expected = evaluate(templateReading(sampleValues()));
  const { page, requests, errors } = await openPage(320);
  await page.addInitScript({ path: path.join(distTest, 'double.js') });
  const t0 = Date.now();
  await page.goto(`${base}/taskpane.html`);
  await page.getByRole('button', { name: '一键生成', exact: true }).waitFor();
  const firstPaintMs = Date.now() - t0;
  // Nothing from outside but office.js from Microsoft's CDN, and no ExcelJS or docx before they are asked for.
  expect(requests.filter((u) => !u.startsWith(base) && !u.startsWith(OFFICE_CDN))).toEqual([]);
  expect(requests.filter((u) => /vendor-(exceljs|docx)|xlsx-host|docx-export/.test(u))).toEqual([]);
  await page.waitForLoadState('networkidle');
  // First load: every script before any import() (office.js and what it fetches itself included).
  const firstLoad = requests.filter((u) => u.endsWith('.js') && !u.includes('.chunk.')).map(localFile);
  const firstLoadGzip = firstLoad.reduce(
    (a, f) => a + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length,
    0
  );

  const syncsBefore = await page.evaluate(() => (window as any).__double.syncCount);
  await page.getByRole('button', { name: '一键生成', exact: true }).click();
  await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
  const syncs = (await page.evaluate(() => (window as any).__double.syncCount)) - syncsBefore;
  await settled(page, '一键生成');

  // The workbook now holds every sheet of the plan, and every mark's fill.
  const sheets: string[] = await page.evaluate(() => (window as any).__double.sheetNames());
  expect(expected.plan.sheets.map((s) => s.name)).toEqual(['指标计算表', '评分表', '问题清单', '报告草稿']);
  for (const s of expected.plan.sheets) expect(sheets).toContain(s.name);
  expect(expected.plan.marks.length).toBeGreaterThan(0);
  const fills: Record<string, string> = await page.evaluate(
    (addresses) =>
      Object.fromEntries(addresses.map((a) => [a, (window as any).__double.cell(a).fill.color ?? 'none'])),
    expected.plan.marks.map((m) => m.address)
  );
  for (const m of expected.plan.marks)
    expect([m.address, fills[m.address]]).toEqual([m.address, MARK_FILL[m.severity]]);

  // The summary is the engine's.
  const summary = page.getByTestId('summary');
  await expect(summary.getByText('衡阳市科学技术协会 · 2021 年度').count()).resolves.toBe(1);
  await expect(page.getByTestId('total').textContent()).resolves.toBe(expected.summary.total);
  await expect(page.getByTestId('grade').textContent()).resolves.toBe(expected.summary.gradeText);
  const grouped = groupFindings(expected.findings, expected.summary);
  for (const g of ['错误', '提示', '待补'] as const)
    await expect(page.getByTestId(`count-${g}`).textContent()).resolves.toBe(String(grouped.counts[g]));
  await page.screenshot({ path: path.join(out, 'e2e-taskpane.png'), fullPage: true });

  // The findings list, and a click that takes Excel to the first operand's cell.
  await page.getByRole('tab', { name: /^问题/ }).click();
  // 提示 and 待补 start folded: unfold them to see every card.
  const folded = page.locator('section[aria-label] h3 button[aria-expanded="false"]');
  while ((await folded.count()) > 0) await folded.first().click();
  const cards = page.locator('[data-finding]');
  await expect(cards.count()).resolves.toBe(expected.findings.length);
  // The sample states 财政拨款本年收入 as 780.19 against 478.29 + 714.76 = 1193.05: Excel goes to 财政拨款!D7.
  await page
    .locator('[data-finding="sum.财拨.本年收入"]')
    .getByRole('button', { name: '财政拨款!D7' })
    .click();
  await page.waitForFunction(() => (window as any).__double.book.selection?.sheet.name === '财政拨款');
  const selection = await page.evaluate(() => {
    const b = (window as any).__double.book;
    return { active: b.activeSheet.name, sheet: b.selection.sheet.name, box: b.selection.box };
  });
  expect(selection).toEqual({
    active: '财政拨款',
    sheet: '财政拨款',
    box: { top: 6, left: 3, bottom: 6, right: 3 },
  });
  await page.screenshot({ path: path.join(out, 'e2e-findings.png') });
  await page.getByRole('tab', { name: '数据' }).click();
  await page.getByText(/^已填写 \d+ · 未填写 \d+ · 名称不存在 \d+ · 无效 \d+$/).waitFor();
  await page.waitForTimeout(400); // the tab indicator slides
  await page.screenshot({ path: path.join(out, 'e2e-data.png') });

  // The report preview, and 导出 Word as a download (docx loads only now).
  await page.getByRole('tab', { name: '报告', exact: true }).click();
  await page.getByRole('heading', { name: expected.report!.title }).waitFor();
  await page.screenshot({ path: path.join(out, 'e2e-report.png') });
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Word' }).click(),
  ]);
  expect(docx.suggestedFilename()).toBe(`${expected.report!.title}.docx`);
  expect(
    fs
      .readFileSync((await docx.path())!)
      .subarray(0, 2)
      .toString()
  ).toBe('PK');
  expect(requests.some((u) => /vendor-docx/.test(u))).toBe(true);
  expect(errors).toEqual([]);
  console.log(
    `task pane first load ${(firstLoadGzip / 1024).toFixed(1)} KB gzip (${firstLoad.map((f) => path.basename(f)).join(', ')}), ` +
      `first paint ${firstPaintMs} ms, 一键生成 syncs ${syncs}, findings ${expected.findings.length}, marks ${expected.plan.marks.length}`
  );
  expect(firstLoadGzip).toBeLessThanOrEqual(300 * 1024);
});

test('web page: open an .xlsx, run, see the summary, download the result workbook', async () => {
  const book = newXlsx();
  applyPlan(book, templatePlan(sampleValues()));
  const input = Buffer.from(await saveXlsx(book));
  const { page, requests, errors } = await openPage(1000);
  await page.goto(`${base}/web.html`);
  await page.getByRole('button', { name: '打开工作簿（.xlsx）' }).waitFor();
  expect(requests.filter((u) => /vendor-exceljs|xlsx-host/.test(u))).toEqual([]);
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: '衡阳市科协-2021.xlsx', mimeType: 'application/octet-stream', buffer: input });
  await page.getByText('衡阳市科协-2021.xlsx').waitFor();
  expect(requests.some((u) => /vendor-exceljs/.test(u))).toBe(true);
  await page.getByRole('button', { name: '一键生成', exact: true }).click();
  await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
  await expect(page.getByTestId('summary').getByText('衡阳市科学技术协会 · 2021 年度').count()).resolves.toBe(
    1
  );
  await settled(page, '下载结果工作簿');
  await page.screenshot({ path: path.join(out, 'e2e-web.png'), fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载结果工作簿' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('衡阳市科协-2021-评价结果.xlsx');
  const result = await loadXlsx(fs.readFileSync((await download.path())!));
  const expected = evaluate(readInputs(await loadXlsx(input)));
  for (const s of expected.plan.sheets) expect(result.wb.getWorksheet(s.name)).toBeDefined();
  // The department's own figures come back unchanged.
  expect(readInputs(result).inputs['单位名称'].values).toEqual([['衡阳市科学技术协会']]);
  expect(errors).toEqual([]);
});

test('web page: a workbook whose notes ExcelJS cannot parse (openpyxl) opens, and the page says its result will not carry them', async () => {
  const { page, errors } = await openPage(350);
  await page.goto(`${base}/web.html`);
  await page.getByRole('button', { name: '打开工作簿（.xlsx）' }).waitFor();
  await page
    .getByTestId('file-input')
    .setInputFiles(path.join(__dirname, '..', 'fixtures', 'keep-parts', 'openpyxl-comments.xlsx'));
  const notice = page.getByTestId('notes-unread');
  await notice.waitFor();
  expect(await notice.textContent()).toContain('工作表“收支总表”的批注格式无法解析');
  await page.getByRole('button', { name: '一键生成', exact: true }).click();
  await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
  expect(errors).toEqual([]);
});

/**
 * The built pages opened the way Office opens them (`_host_Info` for Excel on the web, Windows and
 * Mac): office.js comes from the CDN URL (routed to the npm copy), its loader fetches the host's own
 * script and strings next to it, and nothing answers 404. Without a real host on the other end of
 * office.js's channel, Office.onReady only settles outside Office; inside, Excel must be defined.
 */
describe.each([
  ['Web', 'Excel$Web$16.00$zh-CN$$$$0', 'excel-web-16.00.js'],
  ['Win32', 'Excel$Win32$16.01$zh-CN$$$$0', 'excel-win32-16.01.js'],
  ['Mac', 'Excel$Mac$16.00$zh-CN$$$$0', 'excel-mac-16.00.js'],
])('opened by Excel (%s)', (_platform, hostInfo, hostScript) => {
  test.each(['taskpane.html', 'commands.html', 'dialog.html'])(
    '%s loads office.js and the host script with no 404',
    async (pageName) => {
      const { page, errors } = await openPage(320);
      const failures: string[] = [];
      const loaded: string[] = [];
      page.on('response', (r) =>
        r.status() >= 400 ? failures.push(`${r.status()} ${r.url()}`) : loaded.push(r.url())
      );
      page.on('requestfailed', (r) => failures.push(`failed ${r.url()}`));
      await page.goto(`${base}/${pageName}?_host_Info=${hostInfo}`);
      await page.waitForFunction(() => typeof (window as any).Excel?.run === 'function', undefined, {
        timeout: 20_000,
      });
      await page.waitForLoadState('networkidle');
      expect(loaded).toContain(`${OFFICE_CDN}office.js`);
      expect(loaded).toContain(`${OFFICE_CDN}${hostScript}`);
      expect(loaded).toContain(`${OFFICE_CDN}zh-cn/office_strings.js`);
      expect(failures).toEqual([]);
      // On the web, office.js then looks for the conversation Excel's host frame would have handed it;
      // with no host frame here that one error is expected, and nothing else may fail.
      expect(errors.filter((e) => !/conversationId/.test(e))).toEqual([]);
      await page.context().close();
    }
  );
});

test('outside Office, Office.onReady settles and the pane mounts (so a blank pane is never the loader’s fault)', async () => {
  const { page, errors } = await openPage(320);
  await page.goto(`${base}/taskpane.html`);
  const info = await page.evaluate(() =>
    Promise.race([
      (window as any).Office.onReady(),
      new Promise((r) => setTimeout(() => r('timeout'), 10_000)),
    ])
  );
  expect(info).toMatchObject({ host: null, platform: null });
  await page.getByRole('button', { name: '一键生成', exact: true }).waitFor();
  expect(errors).toEqual([]);
});

/** IE11 (Office 2016/2019 volume licence) and EdgeHTML (older retail builds) get a Chinese message, not a blank pane. */
test.each([
  [
    'IE11',
    'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16) like Gecko',
  ],
  [
    'EdgeHTML',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041',
  ],
])('an old host (%s) is told in Chinese what to do', async (_name, userAgent) => {
  const context = await browser.newContext({ userAgent, locale: 'zh-CN' });
  await routeOfficeCdn(context);
  const page = await context.newPage();
  await page.goto(`${base}/taskpane.html`);
  const alert = page.getByRole('alert');
  await alert.getByText('绩效自评助手无法在此版本的 Office 中运行').waitFor();
  await expect(alert.textContent()).resolves.toContain('将 Office 更新为 Microsoft 365');
  await expect(alert.textContent()).resolves.toContain('jixiao evaluate');
  // The pane did not mount over the message.
  await expect(page.getByRole('button', { name: '一键生成', exact: true }).count()).resolves.toBe(0);
  await context.close();
});

/**
 * The web page as one file (dist/绩效自评助手.html), opened the way a user without Excel opens it: a
 * double-click, so file:// with no server, and here no network at all (every request that is not the file
 * itself is aborted and recorded, and no host name resolves). It must read the sample workbook, run, list
 * the findings, and download both the results workbook and the Word report, fetching nothing. It shares
 * this file's build (a build per test file would cost CI minutes each).
 */
describe('the single-file page, opened from file:// with no network', () => {
  const single = path.join(dist, '绩效自评助手.html');

  let offline: Browser;
  let page: Page;
  /** Requests other than the page itself (each was aborted), and page errors. */
  const fetched: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    // The pages are built by the outer beforeAll. No host name resolves: should anything slip past
    // the routes, it still reaches nothing.
    offline = await launchChromium([
      '--host-resolver-rules=MAP * ~NOTFOUND',
      '--disable-background-networking',
    ]);
    const context = await offline.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
    // Routes see file:// too: the page itself is let through, anything else is aborted and recorded.
    await context.route('**/*', (route) => {
      if (opened.has(route.request().url())) return route.continue();
      fetched.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    page = await context.newPage();
    // And requests the routes do not see (a blob: download is the page's own bytes, not a fetch).
    page.on('request', (r) => {
      if (!opened.has(r.url()) && !r.url().startsWith('blob:')) fetched.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  });

  afterAll(async () => {
    await offline?.close();
  });

  const pageUrl = () => pathToFileURL(single).href;
  /** The files the tests open: the only requests let through. */
  const opened = new Set([pageUrl()]);

  test('one file, with nothing beside it to load', () => {
    const html = fs.readFileSync(single, 'utf8');
    // No script, stylesheet or image by address: everything is in the file.
    expect(html.match(/<script\b[^>]*\bsrc=/g)).toBeNull();
    expect(html.match(/<link\b[^>]*\bhref=(?!"?data:)/g)).toBeNull();
    expect(html).toContain('href="data:image/png;base64,');
    expect(html).not.toMatch(/sourceMappingURL=/);
    const bytes = fs.statSync(single).size;
    const gzip = zlib.gzipSync(fs.readFileSync(single), { level: 9 }).length;
    console.log(
      `绩效自评助手.html ${(bytes / 1024 / 1024).toFixed(2)} MB (gzip ${(gzip / 1024 / 1024).toFixed(2)} MB)`
    );
    // ExcelJS, docx, React and Fluent make most of it; a size far past this means something was inlined twice.
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });

  test('opened from file:// with the network blocked: reads the sample, runs, lists the findings, downloads both files', async () => {
    const expected = evaluate(readInputs(await loadXlsx(fs.readFileSync(SAMPLE_XLSX))));
    await page.goto(pageUrl());
    expect(page.url()).toMatch(/^file:\/\//);
    await page.getByRole('button', { name: '打开工作簿（.xlsx）' }).waitFor();
    await page.getByTestId('file-input').setInputFiles(SAMPLE_XLSX);
    await page.getByText(path.basename(SAMPLE_XLSX)).waitFor();
    await page.getByRole('button', { name: '一键生成', exact: true }).click();
    await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
    await expect(
      page.getByTestId('summary').getByText('衡阳市科学技术协会 · 2021 年度').count()
    ).resolves.toBe(1);
    await expect(page.getByTestId('count-错误').textContent()).resolves.toBe(String(expected.summary.errors));
    await page.waitForSelector('button:has-text("下载结果工作簿"):not([disabled])');

    // The results workbook: a download that ExcelJS opens, with every sheet of the plan.
    const [workbook] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载结果工作簿' }).click(),
    ]);
    expect(workbook.suggestedFilename()).toBe('衡阳市科协-2021-评价结果.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await workbook.path())!) as unknown as ArrayBuffer);
    for (const s of expected.plan.sheets) expect(wb.getWorksheet(s.name)).toBeDefined();
    expect(wb.getWorksheet('问题清单')!.rowCount).toBeGreaterThan(expected.summary.errors);

    // The findings as the engine finds them: a card for every 错误, 提示 and 待补, each group unfolded.
    await page.getByRole('tab', { name: /^问题/ }).click();
    await page.locator('[data-finding="sum.财拨.本年收入"]').waitFor();
    // 提示 and 待补 start folded: unfold every group.
    const folded = page.locator('section[aria-label] h3 button[aria-expanded="false"]');
    while ((await folded.count()) > 0) await folded.first().click();
    const shown = await page
      .locator('[data-finding]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-finding')));
    const roots = expected.findings.map((f) => f.id);
    expect(roots.filter((id) => shown.includes(id))).toEqual(roots);
    expect(shown.filter((id) => !roots.includes(id!))).toEqual([]);
    expect(shown.length).toBeGreaterThanOrEqual(expected.summary.errors + expected.summary.warnings);
    await page.screenshot({ path: path.join(out, 'single-file-findings.png') });

    // The Word report: a .docx whose package holds word/document.xml with the report's title.
    await page.getByRole('tab', { name: '报告', exact: true }).click();
    await page.getByRole('heading', { name: expected.report!.title }).waitFor();
    const [docx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Word' }).click(),
    ]);
    expect(docx.suggestedFilename()).toBe(`${expected.report!.title}.docx`);
    const parts = unzipSync(new Uint8Array(fs.readFileSync((await docx.path())!)));
    expect(Object.keys(parts)).toContain('word/document.xml');
    expect(new TextDecoder().decode(parts['word/document.xml'])).toContain('衡阳市科学技术协会');

    expect(fetched).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a browser too old to run its scripts gets a Chinese message, not a blank page', async () => {
    // The page's scripts as such a browser sees them: a syntax it cannot parse. The ES5 guard stays.
    const html = fs
      .readFileSync(single, 'utf8')
      .replace(/<script>([\s\S]*?)<\/script>/g, (whole, body: string) =>
        body.includes('此浏览器版本过旧') ? whole : '<script>class A{static{</script>'
      );
    const old = path.join(out, 'single-file-old-browser.html');
    fs.writeFileSync(old, html);
    opened.add(pathToFileURL(old).href);
    const oldPage = await page.context().newPage();
    await oldPage.goto(pathToFileURL(old).href);
    const alert = oldPage.getByRole('alert');
    await alert.getByText('此浏览器版本过旧，无法运行绩效自评助手').waitFor();
    await expect(alert.textContent()).resolves.toContain('Chrome 或 Edge（94 及以上版本）');
    await oldPage.close();
    expect(fetched).toEqual([]);
  });
});
