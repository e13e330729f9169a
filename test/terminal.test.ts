// The terminal: progress bar and coloured summary on a TTY (a real pseudo-terminal from
// util-linux `script`), nothing of it on a pipe, with --quiet or for a small batch; no colour
// with NO_COLOR; --help with examples for every command.
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSummary } from '../src/terminal.js';
import { BIN, ensureBuilt, FIXTURES, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/tmp.js';

const NAMES = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt', '003_7e08155ac84d0066.txt', '004_85f6a187291e936b.txt'];

function hasScript(): boolean {
  try {
    execFileSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const SCRIPT = hasScript();
if (!SCRIPT) console.warn('\n  ⚠ terminal tests SKIPPED: util-linux `script` (a pseudo-terminal) is not available\n');

/** Run the CLI with stdin, stdout and stderr on a pseudo-terminal; returns what the terminal showed. */
function onTerminal(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; screen: string }> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, MBREPORT_DEBUG: undefined, TERM: 'xterm-256color', COLUMNS: '120', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => out.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: Buffer.concat(out).toString('utf8') }));
  });
}

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
// eslint-disable-next-line no-control-regex
const ANY_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
const plain = (s: string): string => s.replace(ANY_ESCAPE, '');

const tmp = makeTempDir('mbreport-tty-');
beforeAll(async () => {
  ensureBuilt();
  for (const n of NAMES) await copyFile(path.join(FIXTURES, n), path.join(tmp.dir, n));
  await writeFile(path.join(tmp.dir, 'empty.txt'), '');
}, 120_000);
afterAll(() => tmp.cleanup());

describe('formatSummary', () => {
  it('documents, records, errors, warnings and seconds; coloured only when asked', () => {
    const stats = { documents: 5, records: 142, errors: 1, warnings: 2, seconds: 0.834 };
    const mono = formatSummary(stats, new Chalk({ level: 0 }));
    expect(mono).toBe('5 documents · 142 records · 1 error · 2 warnings · 0.83 s');
    const colour = formatSummary(stats, new Chalk({ level: 1 }));
    expect(colour).toMatch(SGR);
    expect(colour.replace(SGR, '')).toBe(mono);
    expect(formatSummary({ documents: 1, records: 1, errors: 0, warnings: 0, seconds: 12.3 }, new Chalk({ level: 0 }))).toBe('1 document · 1 record · 0 errors · 12.3 s');
  });
});

describe.skipIf(!SCRIPT)('progress bar and summary on a terminal', () => {
  const inputs = [...NAMES, 'empty.txt'];

  it('a batch shows a bar and ends with a coloured summary; warnings print above the bar', async () => {
    const { code, screen } = await onTerminal(['extract', ...inputs, '-o', 'out.json'], tmp.dir);
    expect(code).toBe(0);
    const text = plain(screen);
    expect(text).toMatch(/█/);
    expect(text).toMatch(/\d+% \| \d\/6 documents/);
    expect(text).toMatch(/100% \| 6\/6 documents/);
    expect(text).toMatch(/mbreport: 6 documents · \d+ records · 0 errors · 1 warning · \d+\.\d+ s/);
    expect(text.match(/empty\.txt: EMPTY_INPUT/g)?.length).toBe(1);
    expect(screen).toMatch(SGR);
    // the summary is the last thing on the screen; the bar was cleared before it
    expect(text.trimEnd().split(/\r?\n/).at(-1)).toMatch(/documents · .* s$/);
  });

  it('NO_COLOR: the bar and summary without colour', async () => {
    const { screen } = await onTerminal(['extract', ...inputs, '-o', 'out.json'], tmp.dir, { NO_COLOR: '1' });
    expect(plain(screen)).toMatch(/6 documents · \d+ records/);
    expect(screen).not.toMatch(SGR);
  });

  it('--quiet: nothing at all', async () => {
    const { code, screen } = await onTerminal(['extract', '--quiet', ...inputs, '-o', 'out.json'], tmp.dir);
    expect(code).toBe(0);
    expect(screen).toBe('');
  });

  it('a small batch (3 files): no bar, no summary', async () => {
    const { screen } = await onTerminal(['extract', ...NAMES.slice(0, 3), '-o', 'out.json'], tmp.dir);
    expect(screen).toBe('');
  });

  it('review batches get the bar and summary too', async () => {
    const { code, screen } = await onTerminal(['review', ...NAMES, '-o', 'review.html'], tmp.dir);
    expect(code).toBe(0);
    expect(plain(screen)).toMatch(/5 documents · \d+ records · 0 errors/);
  });
});

describe('not a terminal', () => {
  it('stderr a pipe: no bar, no summary, no escape codes', async () => {
    const r = await runCli(['extract', ...NAMES, '-o', 'out.json'], { cwd: tmp.dir, env: { NO_COLOR: undefined } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('--help for every command, with examples', () => {
  it.each([
    [[], ['extract', 'review', 'metrics', 'Examples:']],
    [['extract'], ['--bom', '--wide', '--rules', 'xlsx', 'Examples:', 'mbreport extract']],
    [['review'], ['--out', '--rules', '--title', 'Examples:', 'mbreport review']],
    [['metrics'], ['--rules', '--format', 'Examples:', 'mbreport metrics']],
  ])('mbreport %j --help', async (cmd, words) => {
    const r = await runCli([...cmd, '--help']);
    expect(r.code).toBe(0);
    for (const w of words) expect(r.stdout).toContain(w);
    const via = await runCli(['help', ...cmd]);
    expect(via.stdout).toBe(r.stdout);
  });
});
