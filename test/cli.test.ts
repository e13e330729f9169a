// Spawns the real binary on the real fixtures. Asserts structure, not metric
// counts (the engine is changing): every record must be grounded in its text.
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResult } from '../src/schema.js';
import { BIN, ensureBuilt, FIXTURES, ROOT, runCli } from './helpers/cli.js';
import { parseCsv } from './helpers/csv.js';
import { expectGrounded } from './helpers/records.js';
import { makeTempDir } from './helpers/tmp.js';

const HEADER = ['source', 'metric', 'label', 'value', 'unit', 'text', 'start', 'end', 'approximate', 'redacted', 'qualifier', 'column'];
const FIXTURE_NAMES = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt', '004_85f6a187291e936b.txt'];
const ONE = `fixtures/${FIXTURE_NAMES[0]}`;

const tmp = makeTempDir('mbreport-cli-');
const originals = new Map<string, string>();

beforeAll(async () => {
  ensureBuilt();
  for (const name of FIXTURE_NAMES) originals.set(name, await readFile(path.join(FIXTURES, name), 'utf8'));
}, 120_000);
afterAll(() => tmp.cleanup());

function parseJson(stdout: string): DocumentResult[] {
  const value = JSON.parse(stdout) as unknown;
  expect(Array.isArray(value)).toBe(true);
  return (value as unknown[]).map((d) => DocumentResult.parse(d));
}

function originalFor(source: string): string {
  const text = originals.get(path.basename(source));
  if (text === undefined) throw new Error(`no original for ${source}`);
  return text;
}

/** Undo the CSV formula guard on a text cell. */
function uninert(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

describe('mbreport (help, version, usage errors)', () => {
  it('--version and --help exit 0', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('extract');
    const eh = await runCli(['extract', '--help']);
    expect(eh.code).toBe(0);
    expect(eh.stdout).toContain('Examples:');
    expect(eh.stdout).toContain('--format');
  });

  it('a bad flag or format is a usage error (exit 2), nothing on stdout', async () => {
    const bad = await runCli(['extract', '--bogus', ONE]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--bogus');
    const fmt = await runCli(['extract', '--format', 'xml', ONE]);
    expect(fmt.code).toBe(2);
    expect(fmt.stdout).toBe('');
    const none = await runCli([]);
    expect(none.code).toBe(2);
  });

  it('standard input named twice is a usage error', async () => {
    const r = await runCli(['extract', '-', '-'], { input: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/only once/);
  });
});

describe('mbreport extract: formats', () => {
  it('json: one array, the path as given, records grounded in the original', async () => {
    const r = await runCli(['extract', ONE]);
    expect(r.code).toBe(0);
    const docs = parseJson(r.stdout);
    expect(docs).toHaveLength(1);
    const [doc] = docs;
    expect(doc?.source).toBe(ONE);
    expect(doc?.ok).toBe(true);
    if (doc?.ok) {
      expect(doc.document.encoding).toBe('utf-8');
      expect(doc.document.chars).toBe(originalFor(ONE).length);
    }
    expectGrounded(doc, originalFor(ONE));
    expect(r.stdout).toMatch(/^\[\n {2}\{\n {4}"source"/);
    expect(r.stderr).not.toContain('\x1b[');
  });

  it('ndjson: one document per line', async () => {
    const r = await runCli(['extract', '--format', 'ndjson', ONE, `fixtures/${FIXTURE_NAMES[1]}`]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const docs = lines.slice(0, -1).map((l) => DocumentResult.parse(JSON.parse(l)));
    expect(docs.map((d) => d.source)).toEqual([ONE, `fixtures/${FIXTURE_NAMES[1]}`]);
    for (const d of docs) expectGrounded(d, originalFor(d.source));
  });

  it('csv: header first, one row per record, Chinese intact, evidence matching the JSON', async () => {
    const all = FIXTURE_NAMES.map((n) => `fixtures/${n}`);
    const csv = await runCli(['extract', '--format', 'csv', ...all]);
    expect(csv.code).toBe(0);
    const rows = parseCsv(csv.stdout);
    expect(rows[0]).toEqual(HEADER);
    const json = parseJson((await runCli(['extract', ...all])).stdout);
    const records = json.flatMap((d) => (d.ok ? d.metrics.map((m) => ({ source: d.source, m })) : []));
    expect(rows.length - 1).toBe(records.length);
    records.forEach(({ source, m }, i) => {
      const row = rows[i + 1]!;
      expect(row).toHaveLength(HEADER.length);
      expect(uninert(row[0]!)).toBe(source);
      expect(row[1]).toBe(m.metric);
      expect(uninert(row[2]!)).toBe(m.label); // Chinese label survives byte for byte
      expect(uninert(row[5]!)).toBe(m.text);
      expect(originalFor(source).slice(Number(row[6]), Number(row[7]))).toBe(m.text);
      expect(row[3]).not.toMatch(/e|,/i);
      if (m.value === null) expect(row[3]).toBe('');
      else expect(Number(row[3])).toBe(m.value);
      expect(row[8]).toBe(String(m.approximate));
      expect(row[9]).toBe(String(m.redacted));
    });
    // The bytes are UTF-8 (no mojibake, no BOM).
    expect(csv.stdout.charCodeAt(0)).not.toBe(0xfeff);
  });
});

describe('mbreport extract: inputs', () => {
  it('a folder: recursive, sources joined from the folder as given, code-unit order', async () => {
    const root = path.join(tmp.dir, 'folder');
    await mkdir(path.join(root, 'bulletins', '2024', 'q1'), { recursive: true });
    await cp(path.join(FIXTURES, FIXTURE_NAMES[2]!), path.join(root, 'bulletins', '2024', 'b.txt'));
    await cp(path.join(FIXTURES, FIXTURE_NAMES[3]!), path.join(root, 'bulletins', '2024', 'a.txt'));
    await cp(path.join(FIXTURES, FIXTURE_NAMES[4]!), path.join(root, 'bulletins', '2024', 'q1', 'c.txt'));
    await writeFile(path.join(root, 'bulletins', 'readme.md'), '# not read without --ext md\n');
    const r = await runCli(['extract', 'bulletins', '--format', 'ndjson'], { cwd: root });
    expect(r.code).toBe(0);
    const docs = r.stdout.trim().split('\n').map((l) => DocumentResult.parse(JSON.parse(l)));
    expect(docs.map((d) => d.source)).toEqual(['bulletins/2024/a.txt', 'bulletins/2024/b.txt', 'bulletins/2024/q1/c.txt']);
    const withMd = await runCli(['extract', 'bulletins', '--ext', 'md', '--format', 'ndjson'], { cwd: root });
    expect(withMd.stdout.trim().split('\n')).toHaveLength(4);
  });

  it('standard input via - (source "-"), and by default when stdin is not a terminal', async () => {
    const text = originalFor(ONE);
    for (const args of [['extract', '-'], ['extract']]) {
      const r = await runCli(args, { input: text });
      expect(r.code).toBe(0);
      const [doc] = parseJson(r.stdout);
      expect(doc?.source).toBe('-');
      expectGrounded(doc, text);
    }
  });

  it('decodes GB18030 and UTF-16 files; offsets index the decoded text', async () => {
    const dir = path.join(tmp.dir, 'encodings');
    await mkdir(dir, { recursive: true });
    const text = originalFor(ONE);
    await writeFile(path.join(dir, 'gb.txt'), iconv.encode(text, 'gb18030'));
    await writeFile(path.join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const r = await runCli(['extract', 'gb.txt', 'le.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    const docs = parseJson(r.stdout);
    expect(docs.map((d) => d.ok && d.document.encoding)).toEqual(['gb18030', 'utf-16le']);
    for (const d of docs) expectGrounded(d, text);
  });

  it('a binary file in a batch: exit 1, BINARY_INPUT on stderr, the good document still written', async () => {
    const dir = path.join(tmp.dir, 'binary');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'broken.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await cp(path.join(FIXTURES, FIXTURE_NAMES[0]!), path.join(dir, 'good.txt'));
    const r = await runCli(['extract', 'broken.bin', 'good.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^mbreport: broken\.bin: BINARY_INPUT: broken\.bin looks like a binary file/m);
    const docs = parseJson(r.stdout);
    expect(docs.map((d) => [d.source, d.ok])).toEqual([
      ['broken.bin', false],
      ['good.txt', true],
    ]);
    expect(docs[0]?.ok === false && docs[0].error.code).toBe('BINARY_INPUT');
    const csv = await runCli(['extract', '--format', 'csv', 'broken.bin', 'good.txt'], { cwd: dir });
    expect(csv.code).toBe(1);
    expect(parseCsv(csv.stdout)[0]).toEqual(HEADER);
  });

  it('a missing path: exit 2, the others still processed and written, the missing one as READ_ERROR', async () => {
    const r = await runCli(['extract', 'nope.txt', ONE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.txt: READ_ERROR: nope\.txt does not exist/);
    const docs = parseJson(r.stdout);
    expect(docs.map((d) => [d.source, d.ok])).toEqual([
      ['nope.txt', false],
      [ONE, true],
    ]);
    expect(docs[0]?.ok === false && docs[0].error.code).toBe('READ_ERROR');
  });

  it('exit status: the highest wins (binary → 1, plus missing → 2)', async () => {
    const dir = path.join(tmp.dir, 'highest');
    await mkdir(path.join(dir, 'x.txt'), { recursive: true });
    await writeFile(path.join(dir, 'b.bin'), Buffer.from([1, 0, 2, 0, 0, 0]));
    const one = await runCli(['extract', 'x.txt', 'b.bin'], { cwd: dir });
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/x\.txt: READ_ERROR: x\.txt is a folder/);
    const two = await runCli(['extract', 'b.bin', 'missing.txt'], { cwd: dir });
    expect(two.code).toBe(2);
  });

  it('an empty file is ok, with no metrics and a warning (silenced by --quiet)', async () => {
    const dir = path.join(tmp.dir, 'empty');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, '空.txt'), '');
    const r = await runCli(['extract', '空.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    const [doc] = parseJson(r.stdout);
    expect(doc).toMatchObject({ source: '空.txt', ok: true, metrics: [] });
    expect(doc?.ok && doc.warnings.length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/^mbreport: 空\.txt: EMPTY_INPUT/m);
    const q = await runCli(['extract', '--quiet', '空.txt'], { cwd: dir });
    expect(q.code).toBe(0);
    expect(q.stderr).toBe('');
  });
});

describe('mbreport extract --out', () => {
  it('writes the file atomically, nothing on stdout, no temporary files left', async () => {
    const dir = path.join(tmp.dir, 'out');
    await mkdir(dir, { recursive: true });
    const out = path.join(dir, 'metrics.csv');
    await writeFile(out, 'old contents\n');
    const r = await runCli(['extract', '--format', 'csv', '--out', out, ...FIXTURE_NAMES.map((n) => `fixtures/${n}`)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = await readFile(out, 'utf8');
    expect(parseCsv(written)[0]).toEqual(HEADER);
    expect(await readdir(dir)).toEqual(['metrics.csv']);
    const json = path.join(dir, 'all.json');
    const j = await runCli(['extract', '--out', json, ONE]);
    expect(j.code).toBe(0);
    expect(parseJson(await readFile(json, 'utf8'))).toHaveLength(1);
  });

  it('refuses to overwrite an input (exit 2), leaving it untouched', async () => {
    const dir = path.join(tmp.dir, 'refuse');
    await mkdir(path.join(dir, 'in'), { recursive: true });
    const input = path.join(dir, 'in', 'a.txt');
    await cp(path.join(FIXTURES, FIXTURE_NAMES[0]!), input);
    const before = await readFile(input, 'utf8');
    for (const args of [
      ['extract', 'in/a.txt', '--out', 'in/a.txt'],
      ['extract', 'in', '--out', './in/a.txt', '--format', 'ndjson'],
    ]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/OUT_IS_INPUT/);
      expect(await readFile(input, 'utf8')).toBe(before);
    }
    expect(await readdir(path.join(dir, 'in'))).toEqual(['a.txt']);
  });
});

describe('mbreport extract | head', () => {
  it('a closed pipe ends the run quietly with status 0', async () => {
    const dir = path.join(tmp.dir, 'many');
    await mkdir(dir, { recursive: true });
    const text = originalFor(ONE);
    await Promise.all(Array.from({ length: 1500 }, (_, i) => writeFile(path.join(dir, `${String(i).padStart(4, '0')}.txt`), text)));
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'extract', '--format', 'ndjson', dir], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 60_000);
});
