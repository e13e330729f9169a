import { link, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNotAnInput, openAtomic, OutputError, writeFileAtomic } from '../src/io/atomic.js';
import { decodeBytes, scanUtf8 } from '../src/io/decode.js';
import { expandInputs, InputUsageError, parseExtensions, readInput, type InputEntry } from '../src/io/inputs.js';
import { FIXTURES } from './helpers/cli.js';
import { makeTempDir } from './helpers/tmp.js';

const FIXTURE = path.join(FIXTURES, '000_3075c7cfa9612663.txt');
const enc = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return new Uint8Array(b);
};
const cat = (...parts: ArrayLike<number>[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function expectOk(r: ReturnType<typeof decodeBytes>): { text: string; encoding: string; warnings?: string[] } {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
}

describe('decodeBytes', () => {
  let original: string;
  beforeAll(async () => {
    original = await readFile(FIXTURE, 'utf8');
  });

  it('decodes UTF-8 without a BOM', () => {
    const r = expectOk(decodeBytes(enc(original), 'a.txt'));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe(original);
  });

  it('strips a UTF-8 BOM', () => {
    const r = expectOk(decodeBytes(cat([0xef, 0xbb, 0xbf], enc('医保局2024年')), 'a.txt'));
    expect(r).toEqual({ ok: true, text: '医保局2024年', encoding: 'utf-8' });
    expect(r.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('treats empty input as empty UTF-8 text', () => {
    expect(decodeBytes(new Uint8Array(), 'e.txt')).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE and BE with a BOM, without the BOM in the text', () => {
    const le = expectOk(decodeBytes(cat([0xff, 0xfe], utf16le(original)), 'le.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.text).toBe(original);
    const be = expectOk(decodeBytes(cat([0xfe, 0xff], utf16be(original)), 'be.txt'));
    expect(be.encoding).toBe('utf-16be');
    expect(be.text).toBe(original);
  });

  it('recognises UTF-16 LE and BE without a BOM by their NUL pattern (before any binary verdict)', () => {
    const le = expectOk(decodeBytes(utf16le(original), 'le.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.text).toBe(original);
    const be = expectOk(decodeBytes(utf16be(original), 'be.txt'));
    expect(be.encoding).toBe('utf-16be');
    expect(be.text).toBe(original);
    // A short, mostly Chinese line where 一 (U+4E00) puts a NUL at the "wrong" parity.
    const short = '一、2024年一季度参保人数为80432人\n';
    expect(expectOk(decodeBytes(utf16le(short), 's.txt'))).toMatchObject({ encoding: 'utf-16le', text: short });
    expect(expectOk(decodeBytes(utf16be(short), 's.txt'))).toMatchObject({ encoding: 'utf-16be', text: short });
  });

  it('decodes GB18030 strictly; "•" (a four-byte sequence) round-trips and offsets match UTF-8', () => {
    const bytes = new Uint8Array(iconv.encode(original, 'gb18030'));
    const bullet = iconv.encode('•', 'gb18030');
    expect(bullet.length).toBe(4);
    const r = expectOk(decodeBytes(bytes, 'gb.txt'));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(original);
    expect(r.text.startsWith('•')).toBe(true);
    const needle = '下陆区医疗保障局';
    expect(r.text.indexOf(needle)).toBe(original.indexOf(needle));
    expect(r.text.length).toBe(original.length);
  });

  it('reports NUL bytes and known binary signatures as BINARY_INPUT', () => {
    expect(decodeBytes(new Uint8Array([0x41, 0x00, 0x00, 0x00, 0x42, 0x00, 0x01, 0x02, 0x03]), 'broken.bin')).toEqual({
      ok: false,
      code: 'BINARY_INPUT',
      message: 'broken.bin looks like a binary file, not text',
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const r = decodeBytes(png, 'chart.png');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('BINARY_INPUT');
      expect(r.message).toMatch(/^chart\.png looks like a binary file.*PNG/);
    }
    const pdf = decodeBytes(enc('%PDF-1.7\n%âãÏÓ\n'), 'a.pdf');
    expect(pdf.ok === false && pdf.code).toBe('BINARY_INPUT');
  });

  it('does not mistake 16-bit binary data for UTF-16', () => {
    const samples = new Uint8Array(512);
    for (let i = 0; i < samples.length; i += 2) samples[i] = (i / 2) % 32; // little-endian 0..31, high byte 0
    const r = decodeBytes(samples, 'samples.raw');
    expect(r.ok === false && r.code).toBe('BINARY_INPUT');
  });

  it('reports bytes that are neither UTF-8, UTF-16 nor GB18030 as DECODE_ERROR', () => {
    const r = decodeBytes(new Uint8Array([0x41, 0xff, 0x42, 0xff, 0xfe, 0x43]), 'bad.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('DECODE_ERROR');
      expect(r.message).toContain('bad.txt');
    }
    const latin1 = decodeBytes(new Uint8Array(Buffer.from('caf\xe9 au lait', 'latin1')), 'l.txt');
    expect(latin1.ok === false && latin1.code).toBe('DECODE_ERROR');
    const bomBad = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xff, 0x41]), 'bom.txt');
    expect(bomBad.ok === false && bomBad.code).toBe('DECODE_ERROR');
    const utf32 = decodeBytes(new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]), 'u32.txt');
    expect(utf32.ok === false && utf32.code).toBe('DECODE_ERROR');
  });

  it('decodes UTF-8 cut off inside its last character, with a warning, instead of misreading it as GB18030', () => {
    const full = enc('医保局追回医保基金52625.49元');
    const cut = full.subarray(0, full.length - 2); // "元" is three bytes; keep one
    const r = expectOk(decodeBytes(cut, 'cut.txt'));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe('医保局追回医保基金52625.49\uFFFD');
    expect(r.warnings?.[0]).toMatch(/^TRUNCATED_INPUT: /);
  });

  it('decodes GB18030 cut off inside its last character, with a warning', () => {
    const full = new Uint8Array(iconv.encode('医保局追回医保基金52625.49元', 'gb18030'));
    const r = expectOk(decodeBytes(full.subarray(0, full.length - 1), 'cut.txt'));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe('医保局追回医保基金52625.49\uFFFD');
    expect(r.warnings?.[0]).toMatch(/^TRUNCATED_INPUT: /);
  });

  it('validates UTF-8 by the standard (no overlongs, no surrogates)', () => {
    expect(scanUtf8(new Uint8Array([0xc0, 0xaf]))).toEqual({ validUpTo: 0, truncated: false });
    expect(scanUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toEqual({ validUpTo: 0, truncated: false });
    expect(scanUtf8(new Uint8Array([0x41, 0xe4, 0xb8]))).toEqual({ validUpTo: 1, truncated: true });
    expect(scanUtf8(enc('•医'))).toEqual({ validUpTo: 6, truncated: false });
  });
});

describe('expandInputs', () => {
  const tmp = makeTempDir();
  const root = path.join(tmp.dir, 'bulletins');
  afterAll(() => tmp.cleanup());

  beforeAll(async () => {
    await mkdir(path.join(root, 'a'), { recursive: true });
    await mkdir(path.join(root, 'sub'), { recursive: true });
    await mkdir(path.join(root, 'dir.txt'), { recursive: true });
    for (const f of ['b.txt', 'a.txt', 'a/x.txt', 'a-b.txt', 'a0.txt', 'notes.md', 'skip.html', 'dir.txt/inner.txt', 'UPPER.TXT']) {
      await writeFile(path.join(root, f), `content of ${f}\n`);
    }
    await symlink('..', path.join(root, 'sub', 'loop'));
    await symlink(path.join(root, 'nowhere.txt'), path.join(root, 'dangling.txt'));
    await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling-other'));
  });

  const sources = (entries: InputEntry[]) => entries.map((e) => `${e.kind}:${e.source === '-' ? '-' : path.relative(tmp.dir, e.source)}`);

  it('walks a folder recursively in code-unit order of the relative path; loops and dangling links become READ_ERROR', async () => {
    const entries = await expandInputs([root]);
    expect(sources(entries)).toEqual([
      'file:bulletins/UPPER.TXT',
      'file:bulletins/a-b.txt',
      'file:bulletins/a.txt',
      'file:bulletins/a/x.txt',
      'file:bulletins/a0.txt',
      'file:bulletins/b.txt',
      'error:bulletins/dangling.txt',
      'file:bulletins/dir.txt/inner.txt',
      'error:bulletins/sub/loop',
    ]);
    const loop = entries.at(-1);
    expect(loop?.kind === 'error' && loop.message).toMatch(/loop/);
    expect(entries.every((e) => e.kind !== 'error' || e.missing === false)).toBe(true);
  });

  it('adds extensions with --ext', async () => {
    expect(parseExtensions('md, .HTML,,')).toEqual(['txt', 'md', 'html']);
    expect(() => parseExtensions('m d')).toThrow(InputUsageError);
    const entries = await expandInputs([root], { extensions: parseExtensions('md') });
    expect(sources(entries)).toContain('file:bulletins/notes.md');
    expect(sources(entries)).not.toContain('file:bulletins/skip.html');
  });

  it('keeps command-line order, joins sources from the folder as given, and reads files whatever their extension', async () => {
    const entries = await expandInputs([path.join(root, 'b.txt'), path.join(root, 'a'), '-', path.join(root, 'skip.html')]);
    expect(sources(entries)).toEqual(['file:bulletins/b.txt', 'file:bulletins/a/x.txt', 'stdin:-', 'file:bulletins/skip.html']);
    expect(entries[1]?.source).toBe(`${path.join(root, 'a')}/x.txt`);
  });

  it('refuses standard input twice', async () => {
    await expect(expandInputs(['-', '-'])).rejects.toThrow(InputUsageError);
  });

  it('reports a missing named path as a missing READ_ERROR, and goes on', async () => {
    const entries = await expandInputs([path.join(root, 'nope.txt'), path.join(root, 'a.txt')]);
    expect(entries[0]).toMatchObject({ kind: 'error', code: 'READ_ERROR', missing: true });
    expect(entries[0]?.kind === 'error' && entries[0].message).toMatch(/does not exist/);
    expect(entries[1]?.kind).toBe('file');
  });

  it('reports an explicit dangling symlink and a folder named like a file as READ_ERROR (not missing)', async () => {
    const entries = await expandInputs([path.join(root, 'dangling.txt'), path.join(root, 'dir.txt')]);
    expect(entries.map((e) => e.kind === 'error' && e.missing)).toEqual([false, false]);
    expect(entries[0]?.kind === 'error' && entries[0].message).toMatch(/dangling/);
    expect(entries[1]?.kind === 'error' && entries[1].message).toMatch(/is a folder/);
    // A trailing slash says "read the folder".
    const inside = await expandInputs([`${path.join(root, 'dir.txt')}/`]);
    expect(sources(inside)).toEqual(['file:bulletins/dir.txt/inner.txt']);
  });

  it('turns a file that vanished before reading into READ_ERROR', async () => {
    const f = path.join(tmp.dir, 'vanish.txt');
    await writeFile(f, 'x');
    const [entry] = await expandInputs([f]);
    await rm(f);
    const r = await readInput(entry!, async () => new Uint8Array());
    expect(r).toMatchObject({ ok: false, code: 'READ_ERROR', missing: false });
    expect(r.ok === false && r.message).toMatch(/vanished/);
  });

  it('reads standard input through the callback', async () => {
    const r = await readInput({ kind: 'stdin', source: '-' }, async () => enc('abc'));
    expect(r).toEqual({ ok: true, bytes: enc('abc') });
  });
});

describe('atomic output', () => {
  const tmp = makeTempDir();
  afterAll(() => tmp.cleanup());

  it('writes through a temporary file and leaves nothing else behind', async () => {
    const target = path.join(tmp.dir, 'out.csv');
    await writeFile(target, 'old');
    const w = await openAtomic(target);
    await w.write('a,');
    await w.write('b\n');
    expect(await readFile(target, 'utf8')).toBe('old'); // not visible before commit
    await w.commit();
    expect(await readFile(target, 'utf8')).toBe('a,b\n');
    await writeFileAtomic(target, '中文\n');
    expect(await readFile(target, 'utf8')).toBe('中文\n');
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('abort keeps the old file', async () => {
    const target = path.join(tmp.dir, 'keep.json');
    await writeFile(target, '[]');
    const w = await openAtomic(target);
    await w.write('half');
    await w.abort();
    expect(await readFile(target, 'utf8')).toBe('[]');
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an --out that is an input (same path, symlink, or hard link)', async () => {
    const input = path.join(tmp.dir, 'in.txt');
    await writeFile(input, 'x');
    const [entry] = await expandInputs([input]);
    if (entry?.kind !== 'file') throw new Error('expected a file entry');
    await symlink(input, path.join(tmp.dir, 'alias.txt'));
    await link(input, path.join(tmp.dir, 'hard.txt'));
    for (const out of [input, path.join(tmp.dir, 'alias.txt'), path.join(tmp.dir, 'hard.txt'), path.join(tmp.dir, '.', 'in.txt')]) {
      await expect(assertNotAnInput(out, [entry])).rejects.toThrow(OutputError);
    }
    await expect(assertNotAnInput(path.join(tmp.dir, 'fresh.json'), [entry])).resolves.toBeUndefined();
    // Another existing file is not an input; an input among many is still found.
    const other = path.join(tmp.dir, 'other.txt');
    await writeFile(other, 'y');
    await expect(assertNotAnInput(other, [entry])).resolves.toBeUndefined();
    const many = await expandInputs([...Array.from({ length: 100 }, () => other), input]);
    await expect(assertNotAnInput(path.join(tmp.dir, 'hard.txt'), many.filter((e) => e.kind === 'file'))).rejects.toThrow(OutputError);
  });
});
