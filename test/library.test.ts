// The library, imported by its package name (the package's own `exports`, by self-reference):
// the same document objects as the CLI, user rules, lazy renderers, and exported types.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, FIXTURES, ROOT, runCli } from './helpers/cli.js';
import { expectGrounded } from './helpers/records.js';
import { makeTempDir } from './helpers/tmp.js';

type Lib = typeof import('mbreport');
let lib: Lib;
const tmp = makeTempDir('mbreport-lib-');
const NAME = '001_5cfde8e59982b7fd.txt';
const FILE = path.join('fixtures', NAME);

beforeAll(async () => {
  ensureBuilt();
  lib = await import('mbreport');
}, 120_000);
afterAll(() => tmp.cleanup());

describe("import { extract, extractFile } from 'mbreport'", () => {
  it('resolves to the built package (dist/index.js), also for plain Node', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('mbreport'); console.log(import.meta.resolve('mbreport'), typeof m.extract, typeof m.extractFile)"], { cwd: ROOT, encoding: 'utf8' });
    expect(out.trim()).toBe(`${new URL('../dist/index.js', import.meta.url).href} function function`);
  });

  it('extract(text) returns a Promise of the same document object as the CLI', async () => {
    const text = await readFile(path.join(FIXTURES, NAME), 'utf8');
    const pending = lib.extract(text, { source: FILE });
    expect(pending).toBeInstanceOf(Promise);
    const doc = await pending;
    const cli = JSON.parse((await runCli(['extract', FILE])).stdout) as unknown[];
    expect(doc).toEqual(cli[0]);
    expectGrounded(doc, text);
    // Options are optional.
    const bare = await lib.extract(text);
    expect(bare.source).toBe('-');
    expect(bare.metrics).toEqual(doc.metrics);
  });

  it('extractFile(path) reads and decodes like the CLI; errors become ok:false documents', async () => {
    const cli = JSON.parse((await runCli(['extract', FILE, 'nope.txt'])).stdout) as unknown[];
    expect(await lib.extractFile(path.join(ROOT, FILE), { source: FILE })).toEqual(cli[0]);
    const missing = await lib.extractFile(path.join(tmp.dir, 'nope.txt'), { source: 'nope.txt' });
    expect(missing).toEqual(cli[1]);
    expect(missing.ok).toBe(false);
  });

  it('rules: loadRules(file) and rulesFromYaml(text) add metrics; a bad file throws RulesFileError', async () => {
    const yaml = 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_time\n    cues: [咨询量]\n';
    const file = path.join(tmp.dir, 'mine.yaml');
    await writeFile(file, yaml);
    const rules = await lib.loadRules(file);
    expect(rules.at(-1)!.rule.id).toBe('consultations');
    expect(rules.length).toBe(lib.builtinRules().length + 1);
    const text = await readFile(path.join(FIXTURES, NAME), 'utf8');
    const doc = await lib.extract(text, { source: FILE, rules });
    const cli = JSON.parse((await runCli(['extract', FILE, '--rules', file])).stdout) as unknown[];
    expect(doc).toEqual(cli[0]);
    expect(doc.metrics.some((m) => m.metric === 'consultations')).toBe(true);
    const viaFile = await lib.extractFile(path.join(ROOT, FILE), { source: FILE, rules: await lib.rulesFromYaml(yaml) });
    expect(viaFile).toEqual(doc);

    await writeFile(path.join(tmp.dir, 'bad.yaml'), 'metrics:\n  - id: fines\n    cues: ["罚.+款"]\n');
    const err = await lib.loadRules(path.join(tmp.dir, 'bad.yaml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(lib.RulesFileError);
    expect(err).toMatchObject({ line: 3, field: 'metrics[0].cues[0]' });
  });

  it('renderers: CSV, wide CSV, xlsx and the review page', async () => {
    const doc = await lib.extractFile(path.join(ROOT, FILE), { source: FILE });
    expect(lib.renderCsv([doc]).split('\n')[0]).toBe(lib.CSV_COLUMNS.join(','));
    expect(lib.renderWideCsv([doc], lib.builtinRules()).split('\n').length).toBe(3);
    const xlsx = await lib.renderXlsx([doc], { wide: true });
    expect(Buffer.from(xlsx.subarray(0, 2)).toString()).toBe('PK');
    const html = await lib.renderReview([{ result: doc, text: await readFile(path.join(FIXTURES, NAME), 'utf8') }], { title: 'x' });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<tr class="rec"/g)?.length).toBe(doc.ok ? doc.metrics.length : -1);
  });

  it('the schemas validate what extract returns', async () => {
    const doc = await lib.extract('2024年参保人数80432人。');
    expect(lib.DocumentOk.parse(doc)).toEqual(doc);
    expect(lib.DocumentResult.safeParse({ ok: true }).success).toBe(false);
    expect(lib.OUTPUT_FORMATS).toContain('xlsx');
  });
});

describe('types are exported', () => {
  it("a TypeScript consumer compiles against 'mbreport' (dist/index.d.ts)", () => {
    const dir = path.join(ROOT, '.types-check.tmp');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(
        path.join(dir, 'consumer.ts'),
        `import { extract, extractFile, loadRules, RulesFileError, type DocumentOk, type DocumentResult, type MetricRecord, type CompiledRule, type ExtractTextOptions, type MetricRuleInput } from 'mbreport';
const rules: CompiledRule[] = await loadRules('x.yaml');
const options: ExtractTextOptions = { source: 'a.txt', rules };
const doc: DocumentOk = await extract('text', options);
const first: MetricRecord | undefined = doc.metrics[0];
const value: number | null | undefined = first?.value;
const res: DocumentResult = await extractFile('a.txt');
const code: string | undefined = res.ok ? undefined : res.error.code;
const mine: MetricRuleInput = { id: 'consultations', label: '咨询量', unit: 'person_time', cues: ['咨询量'] };
// @ts-expect-error: value is not a string
const wrong: string = doc.metrics[0]!.value;
export { value, code, mine, wrong, RulesFileError };
`,
      );
      writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['consumer.ts'] }),
      );
      const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
      let output = '';
      try {
        execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
      } catch (err) {
        output = String((err as { stdout?: string }).stdout ?? err);
      }
      expect(output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('heavy modules load only when used (start-up time)', () => {
  /** Every bare package a bundle entry imports statically, following its own chunks. */
  function staticPackages(entry: string): Set<string> {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/(?:^|[;\n])\s*(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["']([^"']+)["']/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
        else packages.add(spec);
      }
    };
    visit(path.join(ROOT, 'dist', entry));
    return packages;
  }

  it.each(['cli.js', 'index.js'])('dist/%s does not import exceljs, yaml, cli-progress or playwright statically', (entry) => {
    const pkgs = staticPackages(entry);
    expect(pkgs.size).toBeGreaterThan(0);
    for (const heavy of ['exceljs', 'yaml', 'cli-progress', 'playwright-core']) expect(pkgs.has(heavy)).toBe(false);
    const code = readFileSync(path.join(ROOT, 'dist', entry), 'utf8');
    expect(code).not.toContain('@keyframes flash'); // the review template lives in its own chunk
  });

  // The command line is one script (dist/cli-bundle.cjs, see scripts/build.mjs): what it requires
  // from node_modules is seen by running it.
  it('a one-file extract requires no package from node_modules (yaml, zod, exceljs, cli-progress stay unloaded)', async () => {
    const preload = pathToFileURL(path.join(ROOT, 'test/helpers/loaded-packages.mjs')).href;
    const r = await runCli(['extract', FILE], { env: { NODE_OPTIONS: `--import ${preload}` } });
    expect(r.code).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED_PACKAGES '));
    expect(JSON.parse(line!.slice('LOADED_PACKAGES '.length))).toEqual([]);
  });

  it('a code cache that V8 rejects, or none, only costs time: the output is the same', async () => {
    const expected = (await runCli(['extract', FILE])).stdout;
    const dist = path.join(tmp.dir, 'dist-code-cache');
    mkdirSync(dist, { recursive: true });
    for (const f of ['cli.js', 'cli-bundle.cjs']) writeFileSync(path.join(dist, f), readFileSync(path.join(ROOT, 'dist', f)));
    for (const cache of [Buffer.from('not a code cache'), null]) {
      if (cache) writeFileSync(path.join(dist, 'cli-bundle.cache'), cache);
      else rmSync(path.join(dist, 'cli-bundle.cache'), { force: true });
      const out = execFileSync(process.execPath, [path.join(dist, 'cli.js'), 'extract', FILE], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(out).toBe(expected);
    }
  });

  it("the command line's code cache is accepted by this Node (else start-up silently pays for compiling)", () => {
    // The loader's own steps (dist/cli.js), in a clean node (vitest's flags could differ from a
    // user's, and V8 rejects a cache made under other flags).
    const check = `
      import { readFileSync } from 'node:fs';
      import vm from 'node:vm';
      const loader = readFileSync('dist/cli.js', 'utf8');
      const [, head, tail] = /const source = ("(?:[^"\\\\]|\\\\.)*") \\+ readFileSync\\(file, 'utf8'\\) \\+ ("(?:[^"\\\\]|\\\\.)*");/.exec(loader);
      const file = new URL('./dist/cli-bundle.cjs', 'file://' + process.cwd() + '/').pathname;
      const script = new vm.Script(JSON.parse(head) + readFileSync(file, 'utf8') + JSON.parse(tail), { filename: file, cachedData: readFileSync('dist/cli-bundle.cache') });
      process.stdout.write(String(script.cachedDataRejected));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', check], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('false');
  });
});
