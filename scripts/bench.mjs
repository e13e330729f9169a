#!/usr/bin/env node
// `npm run bench`: throughput, memory, start-up and linear time of mbreport, as ratios to
// baselines measured in the same run, so the figures hold on a noisy machine.
//
//   npm run bench                 build, then measure (the corpus is made once, in .bench/)
//   node scripts/bench.mjs --runs 7 --quick
//
// Corpus (.bench/corpus, gitignored, rebuilt when its recipe changes), made from fixtures/:
//   batch/  1,000 bulletins of 30–70 kB (≈ 50 MB): paragraphs of the fixtures (made simplified)
//           shuffled with a seeded generator; every third file in traditional script (OpenCC
//           cn→tw), every tenth file encoded in GB18030; 10 sub-folders of 100
//   big.txt one 20 MB bulletin
// Measured (median of --runs runs, default 5):
//   - folder: `mbreport extract batch/ --format ndjson > /dev/null`, MB/s and peak RSS
//   - big:    `mbreport extract big.txt --format ndjson > /dev/null`, MB/s and peak RSS
//   - floor:  reading every file of batch/ and converting it with opencc-js
//             Converter({ from: 't', to: 'cn' }) alone, in one thread (scripts/bench-floor.mjs)
//   - start-up: `mbreport extract fixtures/000_….txt` next to `node -e 0` (median of 21 each)
//   - linear time: pathological inputs at n and 2n characters (scripts/bench-linear.mjs)
// Peak RSS is the process's getrusage maximum (all threads), written at exit by a preloaded
// module (scripts/bench-rss.mjs). Exit status 1 when a target is missed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const BIN = path.join(ROOT, 'bin/mbreport.js');
const BENCH = path.join(ROOT, '.bench');
const CORPUS = path.join(BENCH, 'corpus');
const RSS_PRELOAD = pathToFileURL(path.join(ROOT, 'scripts/bench-rss.mjs')).href;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Math.max(5, Number(opt('runs', '5')));
const STARTUP_RUNS = 21;

// ---------------------------------------------------------------- targets

const TARGETS = {
  folderVsFloor: 1.5, // pipeline time / OpenCC-only floor time, on the folder
  folderMBps: 20,
  startupVsNode: 1.8,
  folderRssMiB: 150,
  bigRssMiB: 400,
  linearTimeRatio: 2.5, // time(2n) / time(n)
};

// ---------------------------------------------------------------- corpus

const RECIPE = 'v3: 1000 files 30-70kB, blocks simplified (tw->cn), every 3rd traditional (cn->tw), every 10th gb18030, 20MB big, seed 20241123';

/** Mulberry32: a small seeded generator, so every machine builds the same corpus. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixtureTexts() {
  const out = [];
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (d.name.endsWith('.txt')) out.push({ name: path.relative(ROOT, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'fixtures'));
  return out;
}

function buildCorpus() {
  const manifestPath = path.join(CORPUS, 'manifest.json');
  const fixtures = fixtureTexts();
  const fingerprint = createHash('sha256').update(RECIPE).update(fixtures.map((f) => f.name + f.text).join('\0')).digest('hex').slice(0, 16);
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (m.fingerprint === fingerprint) return m;
  }
  console.log('building the corpus in .bench/corpus …');
  rmSync(CORPUS, { recursive: true, force: true });
  mkdirSync(path.join(CORPUS, 'batch'), { recursive: true });
  const OpenCC = require('opencc-js');
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
  // Some fixtures are in traditional script: every block is first made simplified, so a
  // "simplified" file is simplified throughout and a traditional one traditional throughout.
  const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const iconv = require('iconv-lite');
  // Blocks: bulletin paragraphs (runs of non-empty lines), table fixtures whole.
  const titles = [];
  const blocks = [];
  for (const f of fixtures) {
    const text = toSimplified(f.text);
    if (f.name.includes('tables')) {
      blocks.push(text.trim());
      continue;
    }
    const paras = text.split(/\n[ \t\u3000]*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
    titles.push(paras.find((p) => p.length >= 8 && p.length <= 60 && !p.includes('。')) ?? paras[0]);
    blocks.push(...paras);
  }
  const rand = rng(20241123);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const makeText = (targetBytes) => {
    const parts = [pick(titles)];
    let bytes = Buffer.byteLength(parts[0]);
    while (bytes < targetBytes) {
      const b = pick(blocks);
      parts.push(b);
      bytes += Buffer.byteLength(b) + 2;
    }
    return parts.join('\n\n') + '\n';
  };
  let batchBytes = 0;
  const kinds = { simplified: 0, traditional: 0, gb18030: 0 };
  for (let i = 0; i < 1000; i++) {
    let text = makeText(30_000 + Math.floor(rand() * 40_000));
    const traditional = i % 3 === 2;
    if (traditional) text = toTraditional(text);
    const gb = i % 10 === 1;
    const bytes = gb ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    const dir = path.join(CORPUS, 'batch', `d${String(Math.floor(i / 100)).padStart(2, '0')}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${String(i).padStart(4, '0')}.txt`), bytes);
    batchBytes += bytes.length;
    kinds[traditional ? 'traditional' : 'simplified']++;
    if (gb) kinds.gb18030++;
  }
  const big = makeText(20_000_000);
  writeFileSync(path.join(CORPUS, 'big.txt'), big);
  const manifest = { fingerprint, recipe: RECIPE, files: 1000, batchBytes, kinds, bigBytes: Buffer.byteLength(big) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return manifest;
}

// ---------------------------------------------------------------- running things

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Run a node process with stdout to /dev/null; wall time (ms), peak RSS (MiB, when measured), exit code. */
function runNode(nodeArgs, { rss = false, stdin = 'ignore' } = {}) {
  return new Promise((resolve, reject) => {
    const rssFile = rss ? path.join(BENCH, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`) : null;
    const env = { ...process.env, NO_COLOR: '1' };
    if (rssFile) {
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${RSS_PRELOAD}`.trim();
      env.MBREPORT_BENCH_RSS_FILE = rssFile;
    }
    const devnull = openSync('/dev/null', 'w');
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env, stdio: [stdin, devnull, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      closeSync(devnull);
      let rssMiB = null;
      let cpuMs = null;
      if (rssFile && existsSync(rssFile)) {
        const u = JSON.parse(readFileSync(rssFile, 'utf8'));
        rssMiB = u.maxRSS / 1024;
        cpuMs = u.cpu / 1000;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, rssMiB, cpuMs, code, stderr });
    });
  });
}

async function measure(label, nodeArgs, options) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await runNode(nodeArgs, options);
    if (r.code !== 0 && r.code !== 1) throw new Error(`${label}: exit ${r.code}\n${r.stderr.slice(0, 2000)}`);
    runs.push(r);
  }
  return {
    ms: median(runs.map((r) => r.ms)),
    rssMiB: options?.rss ? median(runs.map((r) => r.rssMiB ?? NaN)) : null,
    cpuMs: options?.rss ? median(runs.map((r) => r.cpuMs ?? NaN)) : null,
    runs,
  };
}

function startupMedians() {
  const small = 'fixtures/000_3075c7cfa9612663.txt';
  const node0 = [];
  const cli = [];
  const once = (a) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, a, { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    if (r.status !== 0) throw new Error(`${a.join(' ')}: exit ${r.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  for (let i = 0; i < 3; i++) (once(['-e', '0']), once([BIN, 'extract', small])); // warm the file cache
  for (let i = 0; i < STARTUP_RUNS; i++) {
    node0.push(once(['-e', '0']));
    cli.push(once([BIN, 'extract', small]));
  }
  return { node: median(node0), cli: median(cli), small };
}

// ---------------------------------------------------------------- report

const results = [];
function check(name, value, target, better, unit = '') {
  const pass = better === 'lower' ? value <= target : value >= target;
  results.push({ name, pass });
  const fmt = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2));
  console.log(`  ${pass ? 'PASS' : 'FAIL'}  ${name.padEnd(44)} ${fmt(value).padStart(8)}${unit}  (target ${better === 'lower' ? '≤' : '≥'} ${target}${unit})`);
}

function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model?.trim() ?? 'cpu'} × ${typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`;
}

// ---------------------------------------------------------------- main

if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
  console.error('dist/ is missing: run `npm run bench` (it builds first)');
  process.exit(2);
}
mkdirSync(BENCH, { recursive: true });
const manifest = buildCorpus();
if (args.includes('--corpus-only')) process.exit(0);
const batchDir = path.join(CORPUS, 'batch');
const bigFile = path.join(CORPUS, 'big.txt');
const MB = (b) => b / 1e6;

console.log(`mbreport bench — ${new Date().toISOString()}`);
console.log(`machine: ${machine()}`);
console.log(
  `corpus: ${manifest.files} files, ${MB(manifest.batchBytes).toFixed(1)} MB (${manifest.kinds.simplified} simplified, ${manifest.kinds.traditional} traditional, ${manifest.kinds.gb18030} of them GB18030); big.txt ${MB(manifest.bigBytes).toFixed(1)} MB`,
);
console.log(`median of ${RUNS} runs each (start-up: ${STARTUP_RUNS})\n`);

// Interleave floor and pipeline runs so drift in machine load hits both alike.
const floorRuns = [];
const folderRuns = [];
for (let i = 0; i < RUNS; i++) {
  const f = await runNode([path.join(ROOT, 'scripts/bench-floor.mjs'), batchDir]);
  if (f.code !== 0) throw new Error(`floor: exit ${f.code}\n${f.stderr}`);
  floorRuns.push(f.ms);
  const p = await runNode([BIN, 'extract', batchDir, '--format', 'ndjson', '--quiet'], { rss: true });
  if (p.code !== 0) throw new Error(`folder: exit ${p.code}\n${p.stderr.slice(0, 2000)}`);
  folderRuns.push(p);
}
const floorMs = median(floorRuns);
const folderMs = median(folderRuns.map((r) => r.ms));
const folderRss = median(folderRuns.map((r) => r.rssMiB));
const folderCpu = median(folderRuns.map((r) => r.cpuMs));
// For reference (no target): the same batch in one thread, --jobs 1.
const single = await measure('folder --jobs 1', [BIN, 'extract', batchDir, '--format', 'ndjson', '--quiet', '--jobs', '1'], { rss: true });
console.log('Folder (1,000 files, ndjson to /dev/null)');
console.log(`  floor (read + OpenCC t→cn, one thread)   ${floorMs.toFixed(0).padStart(6)} ms   ${(MB(manifest.batchBytes) / (floorMs / 1000)).toFixed(1)} MB/s`);
console.log(
  `  mbreport extract                          ${folderMs.toFixed(0).padStart(6)} ms   ${(MB(manifest.batchBytes) / (folderMs / 1000)).toFixed(1)} MB/s   peak RSS ${folderRss.toFixed(0)} MiB   CPU ${(folderCpu / 1000).toFixed(1)} s`,
);
console.log(
  `  mbreport extract --jobs 1 (one thread)    ${single.ms.toFixed(0).padStart(6)} ms   ${(MB(manifest.batchBytes) / (single.ms / 1000)).toFixed(1)} MB/s   peak RSS ${single.rssMiB.toFixed(0)} MiB   CPU ${(single.cpuMs / 1000).toFixed(1)} s`,
);
check('pipeline / floor', folderMs / floorMs, TARGETS.folderVsFloor, 'lower', '×');
check('throughput', MB(manifest.batchBytes) / (folderMs / 1000), TARGETS.folderMBps, 'higher', ' MB/s');
check('peak RSS, 1,000-file batch', folderRss, TARGETS.folderRssMiB, 'lower', ' MiB');

const big = await measure('big', [BIN, 'extract', bigFile, '--format', 'ndjson', '--quiet'], { rss: true });
console.log('\nOne 20 MB file (ndjson to /dev/null)');
console.log(`  mbreport extract                          ${big.ms.toFixed(0).padStart(6)} ms   ${(MB(manifest.bigBytes) / (big.ms / 1000)).toFixed(1)} MB/s   peak RSS ${big.rssMiB.toFixed(0)} MiB   CPU ${(big.cpuMs / 1000).toFixed(1)} s`);
check('peak RSS, 20 MB file', big.rssMiB, TARGETS.bigRssMiB, 'lower', ' MiB');

const st = startupMedians();
console.log(`\nStart-up (${st.small})`);
console.log(`  node -e 0                                 ${st.node.toFixed(1).padStart(6)} ms`);
console.log(`  mbreport extract one-small-file.txt       ${st.cli.toFixed(1).padStart(6)} ms`);
check('start-up / node -e 0', st.cli / st.node, TARGETS.startupVsNode, 'lower', '×');

console.log('\nLinear time (extract(), in process: time at 2n / time at n: median times of 9 runs, median of the 9 paired ratios)');
const lin = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench-linear.mjs'), ...(args.includes('--quick') ? ['--quick'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
if (lin.status !== 0) throw new Error(`linear: exit ${lin.status}\n${lin.stderr}`);
const rows = JSON.parse(lin.stdout);
for (const r of rows) {
  console.log(`  ${r.name.padEnd(34)} n=${String(r.n).padStart(8)}  ${r.msN.toFixed(1).padStart(8)} ms → ${r.ms2N.toFixed(1).padStart(8)} ms   ×${r.ratio.toFixed(2)}`);
}
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
check(`worst doubling ratio (${worst.name})`, worst.ratio, TARGETS.linearTimeRatio, 'lower', '×');

const failed = results.filter((r) => !r.pass);
console.log(`\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((r) => r.name).join(', ')}`}`);
process.exitCode = failed.length === 0 ? 0 : 1;
