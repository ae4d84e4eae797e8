/**
 * The .docx reader and comment writer on a department's own Word file: the seed report written as a
 * real .docx (paragraphs broken into many runs as Word does, some bold, the tables as Word tables)
 * reads as the .txt does; comments leave every paragraph's text as it was; and LibreOffice, converting
 * the commented file, shows each comment on the sentence or cell the claim is about.
 * The LibreOffice part needs soffice (installed by .ci/run); run alone with `npx jest test/hosts/report-docx`.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { SourceDocument } from '../../src/core/claims/document';
import { checkReport } from '../../src/core/claims/engine';
import { anchorOf, commentPlans } from '../../src/core/claims/render';
import {
  addComments,
  commentedDocxBytes,
  DocxError,
  docxBlocks,
  docxPartsFromBytes,
  scanDocument,
  textDocx,
} from '../../src/hosts/report/docx';
import { textBlocks } from '../../src/hosts/report/text';

jest.setTimeout(120_000);

const seedText = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'reports', 'seed-2021.txt'), 'utf8');

/** Text as Word stores it: runs of a few characters each, every third one bold. */
function runs(text: string): TextRun[] {
  const out: TextRun[] = [];
  for (let i = 0, n = 0; i < text.length; n++) {
    const len = 3 + ((n * 7) % 9);
    out.push(new TextRun({ text: text.slice(i, i + len), bold: n % 3 === 2 }));
    i += len;
  }
  return out;
}

/** The seed report as a real .docx (through the docx library, as another program would write it). */
async function seedDocx(): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  for (const b of textBlocks(seedText).blocks) {
    if (b.type === 'paragraph') children.push(new Paragraph({ children: runs(b.text) }));
    else
      children.push(
        new Table({
          rows: b.rows.map(
            (r) =>
              new TableRow({
                children: r.map(
                  (c) => new TableCell({ children: [new Paragraph({ children: runs(c.text) })] })
                ),
              })
          ),
        })
      );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function parts(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

function texts(doc: SourceDocument): string[] {
  return doc.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : b.rows.flat().map((c) => c.text)));
}

/** What LibreOffice shows: each comment's text and the document text it is attached to. */
function annotations(contentXml: string): Array<{ anchored: string; body: string }> {
  const out: Array<{ anchored: string; body: string }> = [];
  const open = new Map<string, { body: string; anchored: string }>();
  let body: { body: string; anchored: string } | null = null;
  const token = /<(\/?)([\w:-]+)([^>]*?)(\/?)>|([^<]+)/g;
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  for (let m = token.exec(contentXml); m; m = token.exec(contentXml)) {
    const [, close, name, attrs, self, text] = m;
    if (text !== undefined) {
      if (body) body.body += unescape(text);
      else for (const a of open.values()) a.anchored += unescape(text);
      continue;
    }
    if (name === 'text:s' && !body) for (const a of open.values()) a.anchored += ' ';
    // A comment's own lines are its text:p elements (author and date are not).
    if (name === 'text:p' && close && body) body.body += '\n';
    if ((name === 'dc:creator' || name === 'dc:date' || name === 'meta:creator-initials') && close && body)
      body.body += '\n';
    if (name === 'office:annotation' && !close && !self) {
      const id = /office:name="([^"]+)"/.exec(attrs)?.[1] ?? `#${open.size}`;
      body = { body: '', anchored: '' };
      open.set(id, body);
    } else if (name === 'office:annotation' && close) body = null;
    else if (name === 'office:annotation-end') {
      const id = /office:name="([^"]+)"/.exec(attrs)![1];
      const a = open.get(id)!;
      open.delete(id);
      out.push(a);
    }
  }
  return out;
}

describe('a department’s .docx', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await seedDocx();
  });

  test('reads as the same text, paragraphs and table cells alike, and gives the same claims', () => {
    const fromDocx = docxBlocks(parts(bytes)['word/document.xml']);
    expect(texts(fromDocx)).toEqual(texts(textBlocks(seedText)));
    const titles = (doc: SourceDocument) =>
      checkReport(doc)
        .claims.filter((c) => c.verdict === '不成立')
        .map((c) => `${c.title}｜${c.where}`)
        .sort();
    expect(titles(fromDocx)).toEqual(titles(textBlocks(seedText)));
  });

  test('comments change no paragraph’s text, and sit on the characters of their sentence', () => {
    const p = parts(bytes);
    const check = checkReport(docxBlocks(p['word/document.xml']));
    const plans = commentPlans(check);
    const changed = addComments(
      {
        document: p['word/document.xml'],
        documentPath: 'word/document.xml',
        documentRels: p['word/_rels/document.xml.rels'],
        contentTypes: p['[Content_Types].xml'],
      },
      plans
    );
    const after = changed.get('word/document.xml')!;
    expect(scanDocument(after).paragraphs.map((x) => x.text)).toEqual(
      scanDocument(p['word/document.xml']).paragraphs.map((x) => x.text)
    );
    expect(changed.get('word/comments.xml')).toContain('【不成立】');
    expect(changed.get('[Content_Types].xml')).toContain('/word/comments.xml');
    expect(changed.get('word/_rels/document.xml.rels')).toContain('relationships/comments');
    // One comment per failing claim, plus the summary.
    expect((after.match(/<w:commentRangeStart /g) ?? []).length).toBe(check.summary.fails + 1);
  });

  test('LibreOffice shows every comment on the sentence (or cell) of its claim', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-report-'));
    try {
      const p = parts(bytes);
      const check = checkReport(docxBlocks(p['word/document.xml']));
      const changed = addComments(
        {
          document: p['word/document.xml'],
          documentPath: 'word/document.xml',
          documentRels: p['word/_rels/document.xml.rels'],
          contentTypes: p['[Content_Types].xml'],
        },
        commentPlans(check)
      );
      const files = unzipSync(bytes);
      for (const [k, v] of changed) files[k] = new TextEncoder().encode(v);
      const { zipSync } = jest.requireActual<typeof import('fflate')>('fflate');
      const file = path.join(dir, '核对.docx');
      fs.writeFileSync(file, zipSync(files));
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'lo')).href}`,
          '--headless',
          '--convert-to',
          'odt',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 90_000, stdio: 'pipe' }
      );
      const content = strFromU8(unzipSync(fs.readFileSync(path.join(dir, '核对.odt')))['content.xml']);
      const shown = annotations(content);
      const fails = check.claims.filter((c) => c.verdict === '不成立');
      expect(shown).toHaveLength(fails.length + 1);
      expect(shown[0].anchored).toBe('衡阳市科学技术协会');
      expect(shown[0].body).toContain(`不成立 ${fails.length} 处`);
      const left = shown.slice(1);
      for (const c of fails) {
        // The commented text is the claim's sentence as quoted (a table claim: its cell).
        const place = c.places[0];
        const expected =
          place.table !== undefined
            ? check.doc.tables[place.table].rows[place.row!][place.column!].text
            : check.doc.paragraphs[place.paragraph!].text.slice(place.start, place.end).trim();
        const i = left.findIndex(
          (x) =>
            x.body.split('\n').includes(`【不成立】${c.title}`) &&
            x.anchored.replace(/\s/g, '') === expected.replace(/\s/g, '')
        );
        expect({ claim: c.title, on: expected, found: i >= 0 }).toEqual({
          claim: c.title,
          on: expected,
          found: true,
        });
        left.splice(i, 1);
      }
      expect(left).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the same from bytes, for the pane and the web page (fflate, no Node)', () => {
  test('parts read from bytes, and the commented file, match what the CLI writes', async () => {
    const bytes = await seedDocx();
    const p = docxPartsFromBytes(bytes);
    expect(texts(docxBlocks(p.document))).toEqual(texts(textBlocks(seedText)));
    const plans = commentPlans(checkReport(docxBlocks(p.document)));
    const out = parts(commentedDocxBytes(bytes, plans));
    expect(out['word/document.xml']).toBe(addComments(p, plans).get('word/document.xml'));
    expect((out['word/comments.xml'].match(/<w:comment /g) ?? []).length).toBe(plans.length);
  });

  test('what is not a .docx is refused in Chinese', () => {
    expect(() => docxPartsFromBytes(new TextEncoder().encode('不是压缩包'))).toThrow(DocxError);
    expect(() => docxPartsFromBytes(textDocx({ blocks: [] }, []).slice(0, 40))).toThrow('不是有效的 .docx');
  });
});

describe('a .txt or .pdf text written as a new .docx', () => {
  test('holds the text as it was, with the same comments', () => {
    const source = textBlocks(seedText);
    const check = checkReport(source);
    const docx = textDocx(source, commentPlans(check));
    const p = parts(docx);
    expect(texts(docxBlocks(p['word/document.xml']))).toEqual(texts(source));
    expect((p['word/comments.xml'].match(/<w:comment /g) ?? []).length).toBe(check.summary.fails + 1);
  });

  test('a comment spanning a sentence the text broke across two lines covers both lines', () => {
    // 2021年年初上年结转资金4.04万元。其中：预算内资金结转 / 4.04万元、其他资金结转0.00万元。
    const source = textBlocks(
      '2021年年初上年结转资金4.04万元。其中：预算内资金结转\n\n4.04万元、其他资金结转1.00万元。'
    );
    const check = checkReport(source);
    const claim = check.claims.find((c) => c.kindId === 'sum')!;
    expect(claim.verdict).toBe('不成立');
    const a = anchorOf(check.doc, claim.places[0])!;
    expect(a.from).toEqual({ paragraph: 0, offset: 0 });
    expect(a.to.paragraph).toBe(1);
  });
});
