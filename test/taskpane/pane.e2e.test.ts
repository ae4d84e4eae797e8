/**
 * The task pane and the web page at 350 px in headless Chromium: each tab is screenshotted to out/
 * (pane-*.png, web-*.png, and web-preview.png: a finding's cell in the web page's read-only sheet
 * preview) and passes an axe-core accessibility check with no serious or critical violation. Builds like test/e2e (JIXIAO_E2E_PREBUILT=1 reuses dist/ and dist-test/).
 */
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { templatePlan } from '../../src/core/template';
import { applyPlan, newXlsx, saveXlsx } from '../../src/hosts/file/xlsx';
import { buildPages, distTest, launchChromium, root, servePages } from '../helpers/pages';
import { sampleValues } from '../helpers/sample';

jest.setTimeout(300_000);

const out = path.join(root, 'out');
/** A real report's text (test/fixtures/reports/README.md): many 不成立, to see the 核对报告 cards at 350 px. */
const SEED_REPORT = path.join(root, 'test', 'fixtures', 'reports', 'seed-2021.txt');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: http.Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  buildPages();
  ({ server, base } = await servePages());
  browser = await launchChromium();
  fs.mkdirSync(out, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axe(
  page: Page
): Promise<Array<{ id: string; impact: string | null; help: string; where: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // Fluent's focus manager (Tabster) puts aria-hidden, focusable <i data-tabster-dummy> sentinels at the
    // edges of focus groups on purpose (they hand focus on and are never read); axe cannot know that.
    const r = await (
      window as unknown as { axe: { run(ctx: object, o: object): Promise<{ violations: unknown[] }> } }
    ).axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations;
  })) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
}

async function openPage(): Promise<{ page: Page; errors: string[]; missing: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 350, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const missing: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
  return { page, errors, missing };
}

const TABS = [
  ['run', '一键生成'],
  ['findings', /^问题/],
  ['score', '得分'],
  ['data', '数据'],
  ['report', /^报告$/],
] as const;

async function eachTab(page: Page, prefix: string): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  for (const [id, name] of TABS) {
    await page.getByRole('tab', { name }).click();
    await page.waitForTimeout(500); // the tab indicator slides
    if (id === 'score') {
      await page.getByRole('button', { name: /^过程/ }).click();
      // The panel fades in; contrast measured mid-fade blends its text with the background.
      await page.waitForTimeout(800);
    }
    await page.screenshot({
      path: path.join(out, `${prefix}-${id}.png`),
      fullPage: id !== 'report',
    });
    found[id] = await axe(page);
  }
  return found;
}

test('task pane at 350 px: every tab screenshotted, no serious accessibility violation, no 404', async () => {
  const { page, errors, missing } = await openPage();
  await page.addInitScript({ path: path.join(distTest, 'double.js') });
  await page.goto(`${base}/taskpane.html`);
  await page.getByRole('button', { name: '一键生成', exact: true }).click();
  await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
  await page.waitForSelector('button:has-text("一键生成"):not([disabled])');
  await page.waitForTimeout(600);
  const violations = await eachTab(page, 'pane');
  expect(violations).toEqual({ run: [], findings: [], score: [], data: [], report: [] });

  // 问题 at 350 px: a folded card is about six lines of the pane's body text.
  await page.getByRole('tab', { name: /^问题/ }).click();
  const errorCards = page.getByRole('region', { name: '错误' }).locator('[data-finding]');
  const lines = await errorCards.evaluateAll((cards) =>
    cards.map((card) => {
      const style = getComputedStyle(card);
      const line = parseFloat(getComputedStyle(card.querySelector('[data-testid="suggestion"]')!).lineHeight);
      const inner =
        card.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return {
        id: card.getAttribute('data-finding'),
        lines: inner / line,
        figures: !!card.querySelector('table'),
      };
    })
  );
  console.log(`folded 错误 cards at 350 px, in lines: ${lines.map((l) => l.lines.toFixed(1)).join(', ')}`);
  // A card with figures: title (two lines at most), 应为 / 实为 / 差额, 建议 in a line, the cell to check first.
  for (const card of lines.filter((l) => l.figures)) expect(card.lines).toBeLessThanOrEqual(7);

  // 下一个错误: the third error is reached, in view below the sticky bar, and marked.
  const next = page.getByRole('button', { name: '下一个错误' });
  for (let i = 0; i < 3; i++) await next.click();
  const current = page.locator('[data-finding][aria-current="true"]');
  await page.waitForTimeout(300);
  const bar = await next.boundingBox();
  const box = await current.boundingBox();
  expect(box!.y).toBeGreaterThan(bar!.y + bar!.height);
  expect(box!.y + box!.height).toBeLessThanOrEqual(900);
  await expect(page.getByTestId('error-position').textContent()).resolves.toMatch(/^第 3 \/ \d+ 个错误$/);
  await page.screenshot({ path: path.join(out, 'pane-next-error.png') });
  // 待补 opened: what it waits for, in its own colour.
  await page.getByRole('region', { name: '待补' }).locator('h3 button').click();
  await page.waitForTimeout(500);
  await page.getByRole('region', { name: '待补' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'pane-missing.png') });
  expect(await axe(page)).toEqual([]);

  // 核对报告: the seed report's text pasted, checked against itself and the open workbook; cards within 350 px.
  await page.getByRole('tab', { name: '核对报告' }).click();
  await page.getByRole('textbox').fill(fs.readFileSync(SEED_REPORT, 'utf8'));
  await page.getByRole('button', { name: '核对粘贴的文字' }).click();
  const summary = page.getByTestId('claims-summary');
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toMatch(/不成立 [1-9]\d* 处.*已与当前工作簿对照。$/);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
  await page.getByRole('region', { name: '不成立' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'pane-claims.png') });
  await page.screenshot({ path: path.join(out, 'pane-claims-full.png'), fullPage: true });
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
  expect(missing).toEqual([]);
});

test('web page at 350 px: the blank template offered, every tab screenshotted, no serious accessibility violation', async () => {
  const book = newXlsx();
  applyPlan(book, templatePlan(sampleValues()));
  const input = Buffer.from(await saveXlsx(book));
  const { page, errors, missing } = await openPage();
  await page.goto(`${base}/web.html`);
  await page.getByRole('button', { name: '打开工作簿（.xlsx）' }).waitFor();
  await page.screenshot({ path: path.join(out, 'web-start.png'), fullPage: true });
  expect(await axe(page)).toEqual([]);
  const [template] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载空白模板' }).click(),
  ]);
  expect(template.suggestedFilename()).toBe('绩效自评基础数据模板.xlsx');
  expect(
    fs
      .readFileSync((await template.path())!)
      .subarray(0, 2)
      .toString()
  ).toBe('PK');
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: '衡阳市科协-2021.xlsx', mimeType: 'application/octet-stream', buffer: input });
  await page.getByText('衡阳市科协-2021.xlsx').waitFor();
  await page.getByRole('button', { name: '一键生成', exact: true }).click();
  await page.getByText('已生成：指标计算表、评分表、问题清单、报告草稿。').waitFor();
  await page.waitForSelector('button:has-text("下载结果工作簿"):not([disabled])');
  await page.waitForTimeout(600);
  const violations = await eachTab(page, 'web');
  expect(violations).toEqual({ run: [], findings: [], score: [], data: [], report: [] });
  // A finding's cell opens a read-only preview of its sheet around it, the cell highlighted.
  await page.getByRole('tab', { name: /^问题/ }).click();
  // Whichever group holds it, unfolded (提示 and 待补 start folded).
  const folded = page.locator('section[aria-label] h3 button[aria-expanded="false"]');
  while ((await folded.count()) > 0) await folded.first().click();
  const card = page.locator('[data-finding="sum.财拨.本年收入"]');
  await card.getByRole('button', { name: '财政拨款!D7' }).click();
  const grid = card.getByRole('table', { name: '“财政拨款”表（只读预览） D7' });
  await grid.waitFor();
  expect(await grid.locator('[aria-current="location"]').textContent()).toBe('780.19');
  // The grid stays inside the 350 px page.
  expect((await grid.boundingBox())!.width).toBeLessThanOrEqual(350);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(out, 'web-preview.png') });
  expect(await axe(page)).toEqual([]);
  expect(errors).toEqual([]);
  expect(missing).toEqual([]);
});
