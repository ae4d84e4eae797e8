#!/usr/bin/env node
/**
 * npm run bench — prints the speed and size figures the project tracks (no pass/fail):
 *   (a) Excel round trips (context.sync) per one-click run at 10, 100 and 1,000 project rows;
 *   (b) CLI evaluate time against a bare load + save of the same workbook (same library), as a ratio;
 *   (c) batch throughput over generated workbooks (workbooks/s, CPU time, peak RSS, time per stage: 读入, 计算,
 *       写回, 审核意见 in the workers, 汇总 at the end);
 *   (d) the task pane's first-load JavaScript, gzipped;
 *   (e) peak memory (RSS) of `jixiao evaluate` as its own process on hostile and huge inputs: a 5-million-cell
 *       workbook under 20 MB, 25,000 project rows with --docx, a zip bomb (goals: < 1 GB, < 1 GB, < 200 MB),
 *       a 1.1 MB file whose shared strings inflate to 390 MB and a 1.7 MB file with three unreferenced 190 MB
 *       parts (goal: < 300 MB, as for any input under 20 MB); the sample with 4,000 and 16,000 project rows that
 *       each fail their own sum, evaluate -o --json --docx --review (goal: < 300 MB; time 4,000 → 16,000 near ×4);
 *   (f) `jixiao check-report` on a 30-page report (.docx, .txt) and the seed PDF, as its own process (goal: < 2 s);
 *   (g) through the real office.js client: the largest request and response of run 1, run 2 and 清除标记 at
 *       1,000, 2,000 and 5,000 flagged rows, and the bytes run 1 sends per byte of cell data (goal ≤ 3);
 *       the last line is the largest request and response over the whole sequence at 5,000 rows (goal < 4,096 KB).
 *   (h) a batch with 10 % hostile files (bad-input corpus: bombs, damaged packages, Strict, DOCTYPE, 10,000-row
 *       workbooks …) against the same batch clean, each as its own process: time, peak RSS, rows in 汇总;
 * Options: --count N (batch size, default 1000), --skip a,b,c,d,e,f,g,h, --keep DIR (keep (e)'s inputs there for re-runs)
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.join(__dirname, '..');
const lib = (p) => require(path.join(root, 'lib', p));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const skip = new Set(String(opt('skip', '')).split(',').filter(Boolean));
const count = Number(opt('count', 1000));
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function roundTrips() {
  const { benchSyncs } =
    (require('./ts-require'), require(path.join(root, 'test', 'support', 'excel-double', 'bench.ts')));
  console.log('\n(a) Excel 往返次数（每次一键运行：读入 + 写回，Excel API 替身计数）');
  for (const rows of [10, 100, 1000]) {
    const r = await benchSyncs(rows);
    console.log(
      `    项目支出明细 ${String(rows).padStart(5)} 行：读入 ${r.read} 次 sync，写回 ${r.write} 次 sync，合计 ${r.read + r.write} 次（${r.ms.toFixed(0)} ms）`
    );
  }
}

/**
 * Request and response sizes through the real office.js client (excel-web-16.00.js in a vm, the Excel
 * double answering): run 1, every tenth row corrected, run 2, then 清除标记; and the bytes run 1 sends
 * against the cell data it writes. Printed last: its final line is the project's figure for Excel on the web.
 */
async function wire() {
  require('./ts-require');
  const { wireBench } = require(path.join(root, 'test', 'support', 'real-office', 'bench.ts'));
  const kb = (b) => Math.round(b / 1024);
  console.log(
    '\n(g) Excel 请求与应答大小（经真实 office.js 序列化，Excel API 替身应答；ExcelApi 1.15，批注路径）：每个项目行一个问题；运行 1（读入 + 写回）→ 每十行改正一行 → 运行 2 → 清除标记'
  );
  const max = (...steps) => [
    Math.max(...steps.map((s) => s.maxRequest)),
    Math.max(...steps.map((s) => s.maxResponse)),
  ];
  let last;
  const ratios = [];
  for (const rows of [1000, 2000, 5000]) {
    const r = await wireBench(rows);
    const line = (name, ...steps) => {
      const [req, res] = max(...steps);
      return `${name} ${steps.reduce((a, s) => a + s.syncs, 0)} 次 sync，最大请求 ${kb(req)} KB，最大应答 ${kb(res)} KB`;
    };
    console.log(
      `    ${String(rows).padStart(5)} 行（${r.marks} 个标记）：${line('运行 1', r.read, r.run1)}；${line('运行 2', r.run2)}；${line('清除标记', r.clear)}`
    );
    if (rows === 1000) ratios.push([rows, r.run1.sent / r.cellDataBytes]);
    last = max(r.read, r.run1, r.run2, r.clear);
  }
  for (const rows of [10, 100]) {
    const r = await wireBench(rows, '1.15', false);
    ratios.unshift([rows, r.run1.sent / r.cellDataBytes]);
  }
  ratios.sort((a, b) => a[0] - b[0]);
  const old = await wireBench(10, '1.7', false);
  console.log(
    `    运行 1 发送字节 / 单元格数据：${ratios.map(([rows, x]) => `${rows} 行 ${x.toFixed(2)}`).join('，')}（目标 ≤ 3）；ExcelApi 1.7（无 RangeAreas）10 行 ${(old.run1.sent / old.cellDataBytes).toFixed(2)}（${kb(old.run1.sent)} KB）`
  );
  console.log(
    `全程最大请求 ${kb(last[0])} KB，最大响应 ${kb(last[1])} KB（5000 行，每行一个问题；两次运行 + 清除标记）`
  );
}

async function cliRatio() {
  const { loadXlsx, saveXlsx, readInputs } = lib('hosts/file/xlsx.js');
  const { preparePackage } = lib('hosts/file/package.js');
  const { writeIntoPackage } = lib('hosts/file/keep.js');
  const { INPUTS } = lib('catalogue/inputs.js');
  const { evaluate } = lib('core/engine.js');
  const file = path.join(root, 'samples', '衡阳市科协-2021.xlsx');
  const bytes = fs.readFileSync(file);
  const bare = [];
  const full = [];
  for (let i = 0; i < 7; i++) {
    let t0 = process.hrtime.bigint();
    await saveXlsx(await loadXlsx(bytes));
    bare.push(ms(t0));
    t0 = process.hrtime.bigint();
    // As the CLI does: read the sheets holding our names, write the result into the input's own package.
    const book = await loadXlsx(
      preparePackage(
        bytes,
        'read',
        INPUTS.map((d) => d.name)
      )
    );
    const e = evaluate(readInputs(book));
    await writeIntoPackage(bytes, book, e.plan);
    full.push(ms(t0));
  }
  const b = median(bare);
  const f = median(full);
  console.log('\n(b) 命令行 evaluate 耗时（样例工作簿，7 次取中位数，进程内）');
  console.log(
    `    仅打开 + 保存（ExcelJS）：${b.toFixed(1)} ms；evaluate（打开、读入、计算、核对、起草、写回、保存）：${f.toFixed(1)} ms；比值 ${(f / b).toFixed(2)}`
  );
  const t0 = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    [
      path.join(root, 'bin', 'jixiao.js'),
      'evaluate',
      file,
      '-o',
      path.join(os.tmpdir(), 'jixiao-bench.xlsx'),
    ],
    { stdio: 'ignore' }
  );
  console.log(`    作为独立进程（node bin/jixiao.js evaluate …）：${ms(t0).toFixed(0)} ms`);
}

async function batch() {
  const { templatePlan } = lib('core/template.js');
  const { syntheticDepartment } = lib('cli/synthetic.js');
  const { newXlsx, applyPlan, saveXlsx } = lib('hosts/file/xlsx.js');
  const { runBatch } = lib('cli/batch.js');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-batch-'));
  const inDir = path.join(dir, 'in');
  fs.mkdirSync(inDir);
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const book = newXlsx();
    applyPlan(book, templatePlan(syntheticDepartment(i + 1)));
    fs.writeFileSync(path.join(inDir, `单位${String(i + 1).padStart(4, '0')}.xlsx`), await saveXlsx(book));
  }
  const gen = ms(t0) / 1000;
  t0 = process.hrtime.bigint();
  // CPU time (user + system) of this process, its worker threads included: on a shared machine the wall time also counts waiting.
  const cpu0 = process.cpuUsage();
  const result = await runBatch(inDir, path.join(dir, 'out'));
  const secs = ms(t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  const failed = result.rows.filter((r) => r.failure).length;
  const written = fs.readdirSync(path.join(dir, 'out')).length;
  console.log(`\n(c) 批量审核 ${count} 个生成的工作簿（${result.workers} 个工作线程）`);
  console.log(
    `    生成用时 ${gen.toFixed(1)} s；审核用时 ${secs.toFixed(1)} s，${(count / secs).toFixed(1)} 个/秒；CPU（用户 + 系统，含工作线程）${cpuSecs.toFixed(1)} s，每个 ${((cpuSecs / count) * 1000).toFixed(0)} ms；失败 ${failed} 个；写出 ${written} 个文件；峰值内存（RSS）${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`
  );
  // Each stage in the workers, per workbook (wall time inside the worker; the shares of the workers' time).
  const stages = Object.entries(result.stages);
  const busy = stages.reduce((a, [, s]) => a + s.ms, 0);
  console.log(
    `    各阶段（工作线程内，每个工作簿平均）：${stages
      .map(
        ([name, s]) => `${name} ${(s.ms / s.count).toFixed(1)} ms（${((100 * s.ms) / busy).toFixed(0)} %）`
      )
      .join('，')}`
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The hostile files of the bad-input corpus a batch meets (refused, damaged, or merely heavy). */
const HOSTILE = [
  'not-xlsx-zip-bomb.xlsx',
  'not-xlsx-zip-bomb-zip64.xlsx',
  'not-xlsx-truncated.xlsx',
  'not-xlsx-text.xlsx',
  'not-xlsx-encrypted.xlsx',
  'not-xlsx-bad-crc.xlsx',
  'not-xlsx-doctype.xlsx',
  'not-xlsx-strict.xlsx',
  'not-xlsx-namespace-prefix.xlsx',
  'not-xlsx-shared-strings-over-bound.xlsx',
  'damaged-missing-shared-strings.xlsx',
  'damaged-missing-styles.xlsx',
  'name-missing-all.xlsx',
  'name-huge-range.xlsx',
  'ok-10000-projects.xlsx',
  'ok-long-text.xlsx',
];

/** `jixiao batch` over `count` workbooks, clean and with every tenth one hostile, each as its own process. */
async function hostileBatch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-'));
  const clean = path.join(dir, 'clean');
  const hostile = path.join(dir, 'hostile');
  fs.mkdirSync(clean);
  fs.mkdirSync(hostile);
  // 50 generated departments (by a child process, so this one stays small: see make()), copied to `count` files.
  const generated = path.join(dir, 'generated');
  execFileSync(process.execPath, [path.join(root, 'bin', 'jixiao.js'), 'generate', '50', '-o', generated], {
    stdio: 'ignore',
  });
  const departments = fs.readdirSync(generated).map((f) => fs.readFileSync(path.join(generated, f)));
  const corpus = path.join(root, 'test', 'fixtures', 'bad-input');
  for (let i = 0; i < count; i++) {
    const name = `单位${String(i + 1).padStart(4, '0')}.xlsx`;
    fs.writeFileSync(path.join(clean, name), departments[i % 50]);
    if (i % 10 === 9)
      fs.copyFileSync(
        path.join(corpus, HOSTILE[((i / 10) % HOSTILE.length) | 0]),
        path.join(hostile, `坏${name}`)
      );
    else fs.writeFileSync(path.join(hostile, name), departments[i % 50]);
  }
  console.log(
    `\n(h) 批量审核 ${count} 个工作簿，其中 10 % 为坏文件（与同样数量的正常工作簿对比；各为独立进程，峰值内存含工作线程）`
  );
  const runs = {};
  for (const [what, folder] of [
    ['全部正常', clean],
    ['10 % 坏文件', hostile],
  ]) {
    const r = cliRss(['batch', folder, '-o', path.join(dir, `out-${path.basename(folder)}`)]);
    runs[what] = r;
    const summary = /共 \d+ 个工作簿[^\n]*/.exec(r.out ?? '')?.[0] ?? r.said;
    console.log(
      `    ${what}：用时 ${r.secs.toFixed(1)} s，峰值 ${r.mb.toFixed(0)} MB（目标 < 1 GB），退出码 ${r.code}；${summary}`
    );
  }
  console.log(
    `    用时之比（坏文件 / 全部正常）：${(runs['10 % 坏文件'].secs / runs['全部正常'].secs).toFixed(2)}`
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

function firstLoadSize() {
  const { firstLoad } = require('./bundle-size');
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) {
    console.log('\n(d) 构建 dist/（npm run build）……');
    execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: root, stdio: 'ignore' });
  }
  console.log('\n(d) 首屏 JavaScript（页面直接加载的脚本，不含按需加载的计算核心、ExcelJS、docx）');
  for (const page of ['taskpane.html', 'web.html']) {
    const r = firstLoad(path.join(dist, page));
    for (const f of r.files)
      console.log(`      ${f.src}: ${(f.raw / 1024).toFixed(1)} KB，gzip ${(f.gzip / 1024).toFixed(1)} KB`);
    console.log(
      `    ${page} 合计 ${(r.raw / 1024).toFixed(1)} KB，gzip ${(r.gzip / 1024).toFixed(1)} KB（目标 ≤ 300 KB）`
    );
  }
}

/** Runs `jixiao …` as its own process; its peak RSS (MB, worker threads included), seconds, CPU seconds, exit code, first line of stderr. */
function cliRss(args) {
  const { spawnSync } = require('child_process');
  const probe = `process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@RSS '+u.maxRSS+' '+(u.userCPUTime+u.systemCPUTime)+'\\n')});process.argv.splice(1,0,'jixiao');require(${JSON.stringify(path.join(root, 'bin', 'jixiao.js'))})`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', probe, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const secs = ms(t0) / 1000;
  const [, kb, us] = /@@RSS (\d+) (\d+)/.exec(r.stderr) ?? [];
  const said = r.stderr.split('\n').find((l) => l.trim() && !l.startsWith('@@RSS')) ?? '';
  return {
    mb: Number(kb ?? NaN) / 1024,
    secs,
    cpu: Number(us ?? NaN) / 1e6,
    code: r.status,
    said,
    out: r.stdout,
  };
}

/** The sample workbook plus one sheet of `rows` × `cols` numbers that holds none of our names. */
async function withHugeSheet(rows, cols) {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(root, 'samples', '衡阳市科协-2021.xlsx')));
  const colName = (c) =>
    c < 26
      ? String.fromCharCode(65 + c)
      : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let r = 1; r <= rows; r++) {
    let line = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) line += `<c r="${colName(c)}${r}"><v>${(r * 31 + c * 7) % 100003}</v></c>`;
    lines.push(`${line}</row>`);
  }
  lines.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet99.xml', lines.join(''));
  const wbXml = (await zip.file('xl/workbook.xml').async('string')).replace(
    '</sheets>',
    '<sheet name="明细流水" sheetId="99" r:id="rIdHuge"/></sheets>'
  );
  zip.file('xl/workbook.xml', wbXml);
  const rels = (await zip.file('xl/_rels/workbook.xml.rels').async('string')).replace(
    '</Relationships>',
    '<Relationship Id="rIdHuge" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>'
  );
  zip.file('xl/_rels/workbook.xml.rels', rels);
  const types = (await zip.file('[Content_Types].xml').async('string')).replace(
    '</Types>',
    '<Override PartName="/xl/worksheets/sheet99.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
  );
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** A workbook one of whose parts inflates to 256 MB of spaces. */
async function zipBomb() {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(root, 'samples', '衡阳市科协-2021.xlsx')));
  zip.file('xl/media/image1.bin', Buffer.alloc(256 * 2 ** 20, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * `count` strings of a long run of one character and a counter: text that deflates about 350:1, so a
 * part of `mb` MB takes a few hundred KB in the file (under the bomb ratio, so it must be read or skipped,
 * not refused as a bomb).
 */
function repetitiveStrings(mb, run) {
  const parts = [];
  for (let n = 0, i = 0; n < mb * 2 ** 20; i++) {
    const s = `<si><t>${'说'.repeat(run)}${i}</t></si>`;
    parts.push(s);
    n += Buffer.byteLength(s);
  }
  return parts.join('');
}

/** The sample whose shared-strings part inflates to 390 MB (1.1 MB on disk). */
async function hugeSharedStrings() {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(root, 'samples', '衡阳市科协-2021.xlsx')));
  const sst = await zip.file('xl/sharedStrings.xml').async('string');
  const at = sst.lastIndexOf('</sst>');
  zip.file(
    'xl/sharedStrings.xml',
    sst.slice(0, at).replace(/\s(?:count|uniqueCount)="\d+"/g, '') +
      repetitiveStrings(390, 700) +
      sst.slice(at)
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The sample with three 190 MB parts no relationship refers to (1.7 MB on disk). */
async function unusedParts() {
  const JSZip = require('jszip');
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(root, 'samples', '衡阳市科协-2021.xlsx')));
  for (let k = 1; k <= 3; k++) zip.file(`xl/media/unused${k}.bin`, repetitiveStrings(190, 620));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The 25,000-row workbook, grown the corpus generator's own way (rows inserted, names moved). */
async function manyProjectsWorkbook(rows) {
  const ts = require('typescript');
  require.extensions['.ts'] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2020,
        esModuleInterop: true,
      },
    });
    module._compile(outputText, filename);
  };
  const { manyProjects } = require(path.join(root, 'test', 'fixtures', 'bad-input', 'generate.ts'));
  return Buffer.from(await manyProjects(rows));
}

/** The sample with `rows` more project rows that each fail their own sum (the linear test's builder). */
async function failingRowsWorkbook(rows) {
  require('./ts-require');
  const { failingRowsWorkbook } = require(path.join(root, 'test', 'helpers', 'failingRows.ts'));
  return failingRowsWorkbook(rows);
}

const MAKERS = {
  huge: () => withHugeSheet(100_000, 50),
  failing4k: () => failingRowsWorkbook(4000),
  failing16k: () => failingRowsWorkbook(16_000),
  bomb: zipBomb,
  projects: () => manyProjectsWorkbook(25_000),
  sst: hugeSharedStrings,
  parts: unusedParts,
};

/**
 * Inputs are made in a child process: a process started from a large parent inherits its resident
 * size as the start of its own peak (Linux keeps ru_maxrss across exec), so the parent stays small.
 */
function make(kind, file) {
  if (!fs.existsSync(file))
    execFileSync(process.execPath, [path.join(__dirname, 'bench.js'), '--make', kind, file], {
      stdio: 'inherit',
    });
  return fs.statSync(file).size;
}

async function memory() {
  const dir = opt('keep') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-mem-'));
  fs.mkdirSync(dir, { recursive: true });
  console.log('\n(e) 峰值内存（RSS，作为独立进程运行 node bin/jixiao.js evaluate …，含工作线程）');
  const show = (what, bytes, r) =>
    console.log(
      `    ${what}（文件 ${(bytes / 2 ** 20).toFixed(1)} MB）：峰值 ${r.mb.toFixed(0)} MB，用时 ${r.secs.toFixed(1)} s，退出码 ${r.code}${r.said ? `；${r.said.slice(0, 90)}` : ''}`
    );
  const huge = path.join(dir, 'huge.xlsx');
  const hugeBytes = make('huge', huge);
  show(
    '500 万单元格（在不含名称的工作表中）evaluate --json',
    hugeBytes,
    cliRss(['evaluate', huge, '--json', path.join(dir, 'h.json')])
  );
  show(
    '500 万单元格 evaluate -o（结果写入原文件的副本，不含名称的工作表原样复制）',
    hugeBytes,
    cliRss(['evaluate', huge, '-o', path.join(dir, 'h.xlsx')])
  );
  const bomb = path.join(dir, 'bomb.xlsx');
  show(
    '压缩炸弹（一个部件解压后 256 MB）evaluate -o',
    make('bomb', bomb),
    cliRss(['evaluate', bomb, '-o', path.join(dir, 'b.xlsx')])
  );
  const sst = path.join(dir, 'sst.xlsx');
  const sstBytes = make('sst', sst);
  for (const [how, out] of [
    ['--json', 's.json'],
    ['-o', 's.xlsx'],
  ])
    show(
      `共享字符串解压后 390 MB evaluate ${how}（目标 < 300 MB）`,
      sstBytes,
      cliRss(['evaluate', sst, how, path.join(dir, out)])
    );
  const unused = path.join(dir, 'parts.xlsx');
  const unusedBytes = make('parts', unused);
  for (const [how, out] of [
    ['--json', 'u.json'],
    ['-o', 'u.xlsx'],
  ])
    show(
      `三个无人引用的 190 MB 部件 evaluate ${how}（目标 < 300 MB）`,
      unusedBytes,
      cliRss(['evaluate', unused, how, path.join(dir, out)])
    );
  const many = path.join(dir, 'projects.xlsx');
  const manyBytes = make('projects', many);
  show(
    '项目支出明细表 25,000 行 evaluate --json --docx',
    manyBytes,
    cliRss(['evaluate', many, '--json', path.join(dir, 'p.json'), '--docx', path.join(dir, 'p.docx')])
  );
  show(
    '项目支出明细表 25,000 行 evaluate -o --docx',
    manyBytes,
    cliRss(['evaluate', many, '-o', path.join(dir, 'p.xlsx'), '--docx', path.join(dir, 'p.docx')])
  );
  // Every row failing one check: thousands of findings, marks and notes (the texts state them as one problem).
  const failing = [];
  for (const [kind, rows] of [
    ['failing4k', 4000],
    ['failing16k', 16_000],
  ]) {
    const file = path.join(dir, `${kind}.xlsx`);
    const bytes = make(kind, file);
    const out = (ext) => path.join(dir, `f.${ext}`);
    const r = cliRss([
      'evaluate',
      file,
      '-o',
      out('xlsx'),
      '--json',
      out('json'),
      '--docx',
      out('docx'),
      '--review',
      out('review.docx'),
    ]);
    failing.push(r);
    show(
      `项目支出明细表 ${rows.toLocaleString('en')} 行、每行预算总额不符 evaluate -o --json --docx --review（目标 < 300 MB）`,
      bytes,
      r
    );
    for (const ext of ['xlsx', 'json', 'docx', 'review.docx']) fs.rmSync(out(ext), { force: true });
  }
  console.log(
    `    4,000 → 16,000 行：CPU ${failing[0].cpu.toFixed(1)} s → ${failing[1].cpu.toFixed(1)} s，之比 ${(failing[1].cpu / failing[0].cpu).toFixed(2)}（线性为 4 左右）`
  );
  for (const f of [
    'h.json',
    'h.xlsx',
    'b.xlsx',
    's.json',
    's.xlsx',
    'u.json',
    'u.xlsx',
    'p.json',
    'p.docx',
    'p.xlsx',
  ])
    fs.rmSync(path.join(dir, f), { force: true });
  if (!opt('keep')) fs.rmSync(dir, { recursive: true, force: true });
}

/** check-report as a user runs it: a 30-page report (the seed report and the consistent one twice, ~18,700 characters). */
function reportCheck() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-report-'));
  const reports = path.join(root, 'test', 'fixtures', 'reports');
  const seed = fs.readFileSync(path.join(reports, 'seed-2021.txt'), 'utf8');
  const consistent = fs.readFileSync(path.join(reports, 'consistent-2022.txt'), 'utf8');
  const text = [seed, consistent, consistent].join('\n');
  const chars = text.replace(/\s/g, '').length;
  const { textBlocks } = lib('hosts/report/text.js');
  const { textDocx } = lib('hosts/report/docx.js');
  const txt = path.join(dir, 'report30.txt');
  const docx = path.join(dir, 'report30.docx');
  fs.writeFileSync(txt, text);
  fs.writeFileSync(docx, textDocx(textBlocks(text), []));
  console.log(
    `\n(f) 报告数字核对 check-report（独立进程，含 Node 启动；5 次取中位数；目标 < 2 s）：30 页报告约 ${chars} 字（按每页 22 行 × 28 字计；由样例报告和一致报告两遍拼成，故不成立多）`
  );
  // Wall time and the process's own CPU time (user + system): on a busy machine the wall time also counts waiting.
  const probe = (args) =>
    `process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\n@@CPU '+(u.user+u.system)+'\\n')});process.argv.splice(1,0,'jixiao',...${JSON.stringify(args)});require(${JSON.stringify(path.join(root, 'bin', 'jixiao.js'))})`;
  const time = (label, file) => {
    const { spawnSync } = require('child_process');
    const wall = [];
    const cpu = [];
    let claims = '';
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(
        process.execPath,
        [
          '-e',
          probe(['check-report', file, '--json', path.join(dir, 'r.json'), '-o', path.join(dir, 'r.docx')]),
        ],
        { encoding: 'utf8' }
      );
      wall.push(ms(t0) / 1000);
      cpu.push(Number(/@@CPU (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1e6);
      claims = /共读出 (\d+) 处数字说法[^\n]*/.exec(r.stdout)?.[0] ?? r.stderr.slice(0, 80);
    }
    console.log(
      `    ${label}：${median(wall).toFixed(2)} s（CPU ${median(cpu).toFixed(2)} s；最慢 ${Math.max(...wall).toFixed(2)} s）；${claims}`
    );
  };
  time('30 页 .docx --json -o', docx);
  time('30 页 .txt --json -o', txt);
  time('样例报告 PDF（10 页，pdf.js 读取文字层）--json -o', path.join(reports, 'seed-2021.pdf'));
  // The 30-page text as a PDF, when LibreOffice is there to print it.
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'lo')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        txt,
      ],
      { stdio: 'pipe', timeout: 120_000 }
    );
    const pdf = path.join(dir, 'report30.pdf');
    const pages = /\/Type\s*\/Page[^s]/g;
    time(
      `30 页文字的 PDF（LibreOffice 打印，${(fs.readFileSync(pdf, 'latin1').match(pages) ?? []).length} 页）--json -o`,
      pdf
    );
  } catch {
    console.log('    （未找到 soffice，略过 PDF 的 30 页测量）');
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

if (opt('make')) {
  MAKERS[opt('make')]()
    .then((bytes) => fs.writeFileSync(args[args.indexOf('--make') + 2], bytes))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
} else
  (async () => {
    console.log(
      `绩效自评助手 基准测试 — node ${process.version}，${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GB`
    );
    // Memory first, while this process is small (see make()).
    if (!skip.has('e')) await memory();
    if (!skip.has('a')) await roundTrips();
    if (!skip.has('b')) await cliRatio();
    if (!skip.has('c')) await batch();
    if (!skip.has('d')) firstLoadSize();
    if (!skip.has('f')) reportCheck();
    if (!skip.has('h')) await hostileBatch();
    // Last: its final line is the largest request and response of the whole two-run sequence.
    if (!skip.has('g')) await wire();
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
