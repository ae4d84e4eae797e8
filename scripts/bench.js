#!/usr/bin/env node
/**
 * npm run bench — prints the speed and size figures the project tracks (no pass/fail):
 *   (a) Excel round trips (context.sync) per one-click run at 10, 100 and 1,000 project rows;
 *   (b) CLI evaluate time against a bare load + save of the same workbook (same library), as a ratio;
 *   (c) batch throughput over generated workbooks (workbooks/s, peak RSS);
 *   (d) the task pane's first-load JavaScript, gzipped.
 * Options: --count N (batch size, default 1000), --skip a,b,c,d
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
  const { benchSyncs } = (require('./ts-require'), require(path.join(root, 'test', 'support', 'excel-double', 'bench.ts')));
  console.log('\n(a) Excel 往返次数（每次一键运行：读入 + 写回，Excel API 替身计数）');
  for (const rows of [10, 100, 1000]) {
    const r = await benchSyncs(rows);
    console.log(`    项目支出明细 ${String(rows).padStart(5)} 行：读入 ${r.read} 次 sync，写回 ${r.write} 次 sync，合计 ${r.read + r.write} 次（${r.ms.toFixed(0)} ms）`);
  }
}

/** Request sizes through the real office.js client (excel-web-16.00.js in a vm, the Excel double answering). */
async function wire() {
  require('./ts-require');
  const { wireBench } = require(path.join(root, 'test', 'support', 'real-office', 'bench.ts'));
  console.log('\n(a2) 经真实 office.js 序列化的请求（ExcelApi 1.15，批注路径，每个项目行带一个问题）：读入 3 次；写回 = 2–3 次读取 + ⌈写回字节 / 预算⌉ 次写入；“写回”字节含写回时的读取请求');
  let largest = 0;
  for (const rows of [10, 100, 1000]) {
    const r = await wireBench(rows);
    largest = Math.max(largest, r.maxRequest);
    console.log(
      `    ${String(rows).padStart(5)} 行（${r.marks} 个标记）：sync 读入 ${r.readSyncs} 次 + 写回 ${r.writeSyncs} 次；写回 ${(r.writeBytes / 1024).toFixed(0)} KB，单元格数据 ${(r.cellDataBytes / 1024).toFixed(0)} KB，比值 ${(r.writeBytes / r.cellDataBytes).toFixed(2)}；最大请求 ${(r.maxRequest / 1024).toFixed(0)} KB，最大响应 ${(r.maxResponse / 1024).toFixed(0)} KB`,
    );
    if (rows === 1000) console.log(`最大单次请求 ${Math.round(r.maxRequest / 1024)} KB（1000 行，每行一个问题）`);
  }
}

async function cliRatio() {
  const { loadXlsx, saveXlsx, readInputs, applyPlan } = lib('hosts/file/xlsx.js');
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
    const book = await loadXlsx(bytes);
    const e = evaluate(readInputs(book));
    applyPlan(book, e.plan);
    await saveXlsx(book);
    full.push(ms(t0));
  }
  const b = median(bare);
  const f = median(full);
  console.log('\n(b) 命令行 evaluate 耗时（样例工作簿，7 次取中位数，进程内）');
  console.log(`    仅打开 + 保存（ExcelJS）：${b.toFixed(1)} ms；evaluate（打开、读入、计算、核对、起草、写回、保存）：${f.toFixed(1)} ms；比值 ${(f / b).toFixed(2)}`);
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [path.join(root, 'bin', 'jixiao.js'), 'evaluate', file, '-o', path.join(os.tmpdir(), 'jixiao-bench.xlsx')], { stdio: 'ignore' });
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
  const result = await runBatch(inDir, path.join(dir, 'out'));
  const secs = ms(t0) / 1000;
  const failed = result.rows.filter((r) => r.failure).length;
  console.log(`\n(c) 批量审核 ${count} 个生成的工作簿（${os.availableParallelism()} 个工作线程）`);
  console.log(`    生成用时 ${gen.toFixed(1)} s；审核用时 ${secs.toFixed(1)} s，${(count / secs).toFixed(1)} 个/秒；失败 ${failed} 个；峰值内存（RSS）${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
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
    for (const f of r.files) console.log(`      ${f.src}: ${(f.raw / 1024).toFixed(1)} KB，gzip ${(f.gzip / 1024).toFixed(1)} KB`);
    console.log(`    ${page} 合计 ${(r.raw / 1024).toFixed(1)} KB，gzip ${(r.gzip / 1024).toFixed(1)} KB（目标 ≤ 300 KB）`);
  }
}

(async () => {
  console.log(`绩效自评助手 基准测试 — node ${process.version}，${os.cpus().length} 核，${(os.totalmem() / 2 ** 30).toFixed(0)} GB`);
  if (!skip.has('a')) await roundTrips();
  if (!skip.has('a')) await wire();
  if (!skip.has('b')) await cliRatio();
  if (!skip.has('c')) await batch();
  if (!skip.has('d')) firstLoadSize();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
