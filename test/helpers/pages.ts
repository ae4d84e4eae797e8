/**
 * The built pages for the browser tests (test/e2e, test/taskpane): webpack's e2e build (dist/ and
 * dist-test/double.js), served on 127.0.0.1, and headless Chromium.
 * JIXIAO_E2E_PREBUILT=1 reuses an existing build (after `npx webpack --mode production --env e2e`).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, Browser } from 'playwright-core';

export const root = path.resolve(__dirname, '..', '..');
export const dist = path.join(root, 'dist');
export const distTest = path.join(root, 'dist-test');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

/** Builds the pages unless a prebuilt copy is asked for and present; returns the milliseconds it took. */
export function buildPages(): number {
  const t0 = Date.now();
  if (!process.env.JIXIAO_E2E_PREBUILT || !fs.existsSync(path.join(distTest, 'double.js')))
    execFileSync(
      process.execPath,
      [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production', '--env', 'e2e'],
      { cwd: root, stdio: 'pipe' }
    );
  return Date.now() - t0;
}

/** Serves dist/ at the root and dist-test/ under /dist-test/; anything else is a 404. */
export async function servePages(): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const [dir, rel] = url.startsWith('/dist-test/')
      ? [distTest, url.slice('/dist-test/'.length)]
      : [dist, url.slice(1)];
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Headless Debian Chromium, with any further switches. */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...args],
  });
}
