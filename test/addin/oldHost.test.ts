/** The IE11 / EdgeHTML guard must itself run there: it parses as ES5 and its message is Chinese. */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'acorn';

const source = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'guard', 'oldHost.js'), 'utf8');

test('old-host.js parses as ES5 (no let/const, arrows, template strings)', () => {
  expect(() => parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  // Make sure the check can fail: ES2015 syntax is refused at ecmaVersion 5.
  expect(() => parse('const a = () => 1;', { ecmaVersion: 5, sourceType: 'script' })).toThrow();
});

test('every page Office opens loads the guard before office.js, and office.js from Microsoft’s CDN', () => {
  for (const page of [
    'src/taskpane/taskpane.html',
    'src/commands/commands.html',
    'src/commands/dialog.html',
  ]) {
    const html = fs.readFileSync(path.join(__dirname, '..', '..', page), 'utf8');
    const guard = html.indexOf('src="old-host.js"');
    const office = html.indexOf('src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"');
    expect([page, guard >= 0, office > guard]).toEqual([page, true, true]);
  }
});
