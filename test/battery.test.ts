// A battery of bad inputs, through the real binary. Each gets its documented code or a normal
// result: never a stack trace, never a hang, and the rest of the batch is written.
// Time limits here are hang guards only (generous); speed is measured by `npm run bench`.
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readFile, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResult, type DocumentOk } from '../src/schema.js';
import { WORKER_MAX_BYTES } from '../src/io/batch.js';
import { BIN, ensureBuilt, FIXTURES, ROOT, runCli, type RunResult } from './helpers/cli.js';
import { makeTempDir } from './helpers/tmp.js';

const HANG_GUARD = 180_000;
const FIXTURE = path.join(FIXTURES, '000_3075c7cfa9612663.txt');
const tmp = makeTempDir('mbreport-battery-');
const at = (...p: string[]): string => path.join(tmp.dir, ...p);

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => tmp.cleanup());

/** No stack trace, no internal error, whatever happened. */
function expectNoCrash(r: RunResult): void {
  expect(r.signal).toBeNull();
  expect(r.stderr).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(r.stderr).not.toMatch(/internal error|INTERNAL_ERROR|TypeError|RangeError|Maximum call stack/);
}

function ndjson(stdout: string): DocumentResult[] {
  return stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => DocumentResult.parse(JSON.parse(l)));
}

/** One file through `extract --format ndjson`: its document, exit code and stderr. */
async function one(name: string, bytes: Uint8Array | string): Promise<{ r: RunResult; doc: DocumentResult }> {
  await writeFile(at(name), bytes);
  const r = await runCli(['extract', '--format', 'ndjson', name], { cwd: tmp.dir });
  expectNoCrash(r);
  const docs = ndjson(r.stdout);
  expect(docs).toHaveLength(1);
  return { r, doc: docs[0]! };
}

function ok(doc: DocumentResult): DocumentOk {
  if (!doc.ok) throw new Error(`expected an ok document, got ${doc.error.code}: ${doc.error.message}`);
  return doc;
}

/** Every record's evidence is the exact slice of the decoded text. */
function grounded(doc: DocumentOk, text: string): void {
  for (const m of doc.metrics) expect(text.slice(m.start, m.end)).toBe(m.text);
}

const BULLETIN = '2024年上半年，全区参保人数501.25万人，医保基金支出3.2亿元，追回医保基金1081.61万元。';

describe('battery: documents', () => {
  it('empty file → ok, no metrics, EMPTY_INPUT warning, exit 0', async () => {
    const { r, doc } = await one('empty.txt', '');
    expect(r.code).toBe(0);
    expect(ok(doc).metrics).toEqual([]);
    expect(ok(doc).warnings).toEqual([expect.stringMatching(/^EMPTY_INPUT/)]);
    expect(r.stderr).toMatch(/empty\.txt: EMPTY_INPUT/);
  });

  it('whitespace only → ok, no metrics, EMPTY_INPUT warning, exit 0', async () => {
    const { r, doc } = await one('blank.txt', ' \n\t\r\n\u3000\u00a0\n   \n');
    expect(r.code).toBe(0);
    expect(ok(doc).metrics).toEqual([]);
    expect(ok(doc).warnings.some((w) => w.startsWith('EMPTY_INPUT'))).toBe(true);
  });

  it('a PNG → BINARY_INPUT, exit 1', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.alloc(200, 7)]);
    const { r, doc } = await one('image.png', png);
    expect(r.code).toBe(1);
    expect(!doc.ok && doc.error.code).toBe('BINARY_INPUT');
    expect(!doc.ok && doc.error.message).toMatch(/PNG/);
  });

  it('NUL bytes in text → BINARY_INPUT, exit 1', async () => {
    const { r, doc } = await one('nul.txt', Buffer.concat([Buffer.from(BULLETIN), Buffer.alloc(64, 0), Buffer.from(BULLETIN)]));
    expect(r.code).toBe(1);
    expect(!doc.ok && doc.error.code).toBe('BINARY_INPUT');
  });

  it('truncated UTF-8 (cut inside the last character) → decoded, U+FFFD, TRUNCATED_INPUT, exit 0', async () => {
    const bytes = Buffer.from(BULLETIN + '医');
    const { r, doc } = await one('cut.txt', bytes.subarray(0, bytes.length - 1));
    expect(r.code).toBe(0);
    const d = ok(doc);
    expect(d.document.encoding).toBe('utf-8');
    expect(d.warnings).toEqual([expect.stringMatching(/^TRUNCATED_INPUT/)]);
    expect(d.metrics.length).toBeGreaterThan(0);
    grounded(d, `${BULLETIN}\uFFFD`);
  });

  it('invalid GB18030 (a byte no encoding allows, mid-file) → DECODE_ERROR, exit 1', async () => {
    const gb = iconv.encode(BULLETIN, 'gb18030');
    const { r, doc } = await one('bad-gb.txt', Buffer.concat([gb.subarray(0, 20), Buffer.from([0xff, 0x30]), gb.subarray(20)]));
    expect(r.code).toBe(1);
    expect(!doc.ok && doc.error.code).toBe('DECODE_ERROR');
  });

  for (const [name, bom, le] of [
    ['UTF-16LE with BOM', true, true],
    ['UTF-16BE with BOM', true, false],
    ['UTF-16LE without BOM', false, true],
    ['UTF-16BE without BOM', false, false],
  ] as const) {
    it(`${name} → decoded, records grounded, exit 0`, async () => {
      const body = Buffer.from(BULLETIN.repeat(4), 'utf16le');
      if (!le) body.swap16();
      const bytes = bom ? Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body;
      const { r, doc } = await one(`${name.replace(/\W+/g, '-')}.txt`, bytes);
      expect(r.code).toBe(0);
      const d = ok(doc);
      expect(d.document.encoding).toBe(le ? 'utf-16le' : 'utf-16be');
      expect(d.metrics.length).toBeGreaterThanOrEqual(4);
      grounded(d, BULLETIN.repeat(4));
    });
  }

  it(
    'a 20 MB file with no line break → ok, records grounded, exit 0',
    async () => {
      const prose = BULLETIN.replace(/。/g, '，');
      const text = prose.repeat(Math.ceil(20_000_000 / Buffer.byteLength(prose)));
      const { r, doc } = await one('one-line.txt', text);
      expect(r.code).toBe(0);
      const d = ok(doc);
      expect(d.document.chars).toBe(text.length);
      expect(d.metrics.length).toBeGreaterThan(100_000);
      grounded(d, text);
    },
    HANG_GUARD,
  );

  it('a figure of 1,000,000 digits → ok, no record for it, exit 0', async () => {
    const { r, doc } = await one('digits.txt', `医保基金支出${'7'.repeat(1_000_000)}元。`);
    expect(r.code).toBe(0);
    expect(ok(doc).metrics).toEqual([]);
  });

  it('100,000 × 万 → ok, no records, exit 0', async () => {
    const { r, doc } = await one('wan.txt', `基金支出${'万'.repeat(100_000)}元`);
    expect(r.code).toBe(0);
    expect(ok(doc).metrics).toEqual([]);
  });

  it('100,000 × "1," → ok, records grounded, exit 0', async () => {
    const text = `参保人数${'1,'.repeat(100_000)}人`;
    const { r, doc } = await one('ones.txt', text);
    expect(r.code).toBe(0);
    grounded(ok(doc), text);
  });

  it('200,000 × 其中 → ok, records grounded, exit 0', async () => {
    const text = `参保501.25万人${'其中'.repeat(200_000)}居民300万人。`;
    const { r, doc } = await one('qizhong.txt', text);
    expect(r.code).toBe(0);
    grounded(ok(doc), text);
  });
});

describe('battery: batches', () => {
  it('a folder with an unreadable file and symbolic-link loops: READ_ERROR at their place, the rest written, exit 1', async () => {
    const dir = at('folder');
    await mkdir(path.join(dir, 'sub'), { recursive: true });
    await cp(FIXTURE, path.join(dir, 'a.txt'));
    await cp(FIXTURE, path.join(dir, 'sub', 'c.txt'));
    await cp(FIXTURE, path.join(dir, 'z.txt'));
    // Unreadable: mode 000 (as root permissions are not enforced, so a link to a file whose read
    // fails with EIO stands in).
    if (process.getuid?.() === 0) await symlink('/proc/self/mem', path.join(dir, 'b.txt'));
    else {
      await writeFile(path.join(dir, 'b.txt'), 'secret');
      await chmod(path.join(dir, 'b.txt'), 0o000);
    }
    await symlink('.', path.join(dir, 'sub', 'loop')); // a folder that contains itself
    await symlink('self.txt', path.join(dir, 'self.txt')); // a link to itself
    const r = await runCli(['extract', '--format', 'ndjson', 'folder'], { cwd: tmp.dir });
    expectNoCrash(r);
    expect(r.code).toBe(1);
    const docs = ndjson(r.stdout);
    expect(docs.map((d) => [d.source, d.ok ? 'ok' : d.error.code])).toEqual([
      ['folder/a.txt', 'ok'],
      ['folder/b.txt', 'READ_ERROR'],
      ['folder/self.txt', 'READ_ERROR'],
      ['folder/sub/c.txt', 'ok'],
      ['folder/sub/loop', 'READ_ERROR'],
      ['folder/z.txt', 'ok'],
    ]);
    expect(r.stderr).toMatch(/folder\/sub\/loop: READ_ERROR: .*loop/);
  });

  it(
    'a file deleted during the batch: READ_ERROR (vanished), the rest written in order, exit 1',
    async () => {
      const dir = at('vanishing');
      await mkdir(dir, { recursive: true });
      const names = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(3, '0')}.txt`);
      for (const n of names) await cp(FIXTURE, path.join(dir, n));
      const last = path.join(dir, names.at(-1)!);
      // Delete the last file as soon as the first document is written (inputs were listed by
      // then, and the last one is far outside the read-ahead window).
      const r = await new Promise<RunResult>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'extract', '--format', 'ndjson', '--jobs', '2', 'vanishing'], {
          cwd: tmp.dir,
          env: { ...process.env, NO_COLOR: '1' },
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let deleted = false;
        child.stdout.on('data', (b: Buffer) => {
          out.push(b);
          if (!deleted) {
            deleted = true;
            unlink(last).catch(reject);
          }
        });
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
        child.stdin.end();
      });
      expectNoCrash(r);
      expect(r.code).toBe(1);
      const docs = ndjson(r.stdout);
      expect(docs.map((d) => d.source)).toEqual(names.map((n) => `vanishing/${n}`));
      expect(docs.slice(0, -1).every((d) => d.ok)).toBe(true);
      const gone = docs.at(-1)!;
      expect(!gone.ok && gone.error.code).toBe('READ_ERROR');
      expect(!gone.ok && gone.error.message).toMatch(/vanished/);
    },
    HANG_GUARD,
  );

  it('a path that does not exist → READ_ERROR document in place, the others written, exit 2', async () => {
    const r = await runCli(['extract', '--format', 'ndjson', 'no/such/file.txt', FIXTURE, 'nope-dir/'], { cwd: ROOT });
    expectNoCrash(r);
    expect(r.code).toBe(2);
    const docs = ndjson(r.stdout);
    expect(docs.map((d) => [d.source, d.ok ? 'ok' : d.error.code])).toEqual([
      ['no/such/file.txt', 'READ_ERROR'],
      [FIXTURE, 'ok'],
      ['nope-dir/', 'READ_ERROR'],
    ]);
  });

  it(
    'a batch big enough for worker threads writes the same bytes as one thread, in input order',
    async () => {
      const dir = at('pool');
      await mkdir(dir, { recursive: true });
      const fixtures = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt', '004_85f6a187291e936b.txt'];
      for (let i = 0; i < 40; i++) await cp(path.join(FIXTURES, fixtures[i % 5]!), path.join(dir, `${String(i).padStart(2, '0')}.txt`));
      await writeFile(path.join(dir, '17.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])); // one bad apple
      // One file too large for a worker's capped heap: the main thread extracts it, at its turn.
      const seed = await readFile(path.join(FIXTURES, fixtures[1]!), 'utf8');
      await writeFile(path.join(dir, '25.txt'), seed.repeat(Math.ceil((WORKER_MAX_BYTES + 1) / Buffer.byteLength(seed))));
      // --jobs 2: one pair (a document thread and its prose thread); 3: a pair and a document thread.
      for (const [format, jobs] of [['json', '2'], ['ndjson', '2'], ['csv', '2'], ['ndjson', '3']] as const) {
        const pooled = await runCli(['extract', '--format', format, '--jobs', jobs, 'pool'], { cwd: tmp.dir });
        const single = await runCli(['extract', '--format', format, '--jobs', '0', 'pool'], { cwd: tmp.dir });
        expectNoCrash(pooled);
        expect(pooled.code).toBe(1);
        expect(single.code).toBe(1);
        expect(pooled.stdout).toBe(single.stdout);
        expect(pooled.stderr).toBe(single.stderr);
      }
    },
    HANG_GUARD,
  );

  it.each(['prose', 'document'])(
    'a %s thread that dies mid-batch loses nothing: its documents are extracted again, the output is the same',
    async (role) => {
      const dir = at(`killed-${role}`);
      await mkdir(dir, { recursive: true });
      const fixtures = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt', '004_85f6a187291e936b.txt'];
      for (let i = 0; i < 60; i++) await cp(path.join(FIXTURES, fixtures[i % 5]!), path.join(dir, `${String(i).padStart(2, '0')}.txt`));
      // test/helpers/kill-worker.mjs terminates the first thread of that role 150 ms after it starts.
      const mark = at(`killed-${role}.mark`);
      const env = { NODE_OPTIONS: `--import=${path.join(ROOT, 'test/helpers/kill-worker.mjs')}`, KILL_ROLE: role, KILL_AFTER_MS: '150', KILL_MARK: mark };
      const pooled = await runCli(['extract', '--format', 'ndjson', '--jobs', '2', dir], { env });
      const single = await runCli(['extract', '--format', 'ndjson', '--jobs', '0', dir]);
      expectNoCrash(pooled);
      expect(await readFile(mark, 'utf8')).toBe('killed');
      expect(pooled.code).toBe(0);
      expect(pooled.stdout).toBe(single.stdout);
      expect(pooled.stderr).toBe(single.stderr);
    },
    HANG_GUARD,
  );

  it('--jobs takes a number', async () => {
    const r = await runCli(['extract', '--jobs', 'many', FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--jobs/);
  });
});
