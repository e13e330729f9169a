// Build: esbuild bundles the CLI, the library and the batch worker (fast start-up);
// tsc emits only the .d.ts files so `import { extract } from 'mbreport'` is typed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });

// The built-in cue patterns analysed once here instead of at every start (see rules/catalog.ts).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mbreport-build-'));
let cueAnalyses;
try {
  await build({
    stdin: { contents: "export { BUILTIN_RULES, analyzeCue } from './src/rules/catalog.ts';", resolveDir: process.cwd(), loader: 'ts' },
    outfile: path.join(tmp, 'analyze.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    logLevel: 'warning',
  });
  const { BUILTIN_RULES, analyzeCue } = await import(pathToFileURL(path.join(tmp, 'analyze.mjs')).href);
  cueAnalyses = {};
  for (const rule of BUILTIN_RULES) for (const cue of rule.cues) {
    const pattern = typeof cue === 'string' ? cue : cue.pattern;
    cueAnalyses[pattern] = analyzeCue(pattern);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The bundles' require(). commander requires node:child_process at load for a feature mbreport
// never uses (executable sub-commands): that module is handed over lazily, loaded on first use
// (start-up time).
// - ES modules have no require(), which CommonJS dependencies call for Node's own modules: give
//   them one (createRequire).
const ESM_REQUIRE_BANNER = [
  "import { createRequire as __mbreportCreateRequire } from 'node:module';",
  'const __mbreportRequire = __mbreportCreateRequire(import.meta.url);',
].join(' ');
// - The command-line script gets its require() as a parameter (see WRAP_HEAD below).
const LAZY_CHILD_PROCESS = [
  "const __mbreportLazy = (id) => new Proxy({}, { get: (_t, key) => __mbreportRequire(id)[key] });",
  "const require = (id) => (id === 'node:child_process' || id === 'child_process' ? __mbreportLazy(id) : __mbreportRequire(id));",
].join(' ');

// What both builds below share.
// - Dependencies are bundled too (start-up: one file to load instead of dozens of modules), except
//   those loaded only when needed, which stay in node_modules (EXTERNAL, and more for the CLI).
// - Chinese as UTF-8, not \uXXXX escapes: half the bytes to parse at start-up.
const EXTERNAL = ['opencc-js', 'exceljs', 'playwright-core'];
const COMMON = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  charset: 'utf8',
  sourcemap: false,
  logLevel: 'warning',
};
const CUE_ANALYSES = { __MBREPORT_CUE_ANALYSES__: JSON.stringify(cueAnalyses) };

await build({
  ...COMMON,
  // worker: the worker thread of a batch (src/io/batch.ts loads ./worker.js beside the CLI).
  // The command line is built apart, below (a script with a code cache).
  entryPoints: { index: 'src/index.ts', worker: 'src/worker.ts' },
  splitting: true,
  format: 'esm',
  // Left in node_modules: exceljs (--format xlsx),
  // playwright-core (tests). yaml (--rules) and cli-progress (a terminal) are bundled into chunks
  // that are imported only when used. opencc-js's t→cn dictionaries are compiled into
  // src/text/t2cn-tables.ts by scripts/gen-t2cn-tables.mjs; opencc-js itself runs only in tests
  // and generators (kept external so a stray import never bundles its megabyte of dictionaries).
  external: EXTERNAL,
  banner: { js: `${ESM_REQUIRE_BANNER} ${LAZY_CHILD_PROCESS}` },
  define: CUE_ANALYSES,
});

// ---------------------------------------------------------------- the command line
//
// Start-up time: `mbreport extract one-file.txt` spends most of its own time compiling, first the
// ES modules' source, then each function on its first call. Node 20 caches no compiled code for ES
// modules (module.enableCompileCache is Node 22), but V8 takes a code cache for a script
// (vm.Script cachedData). So the CLI is also bundled as one CommonJS script, dist/cli-bundle.cjs,
// and dist/cli.js is a small loader that compiles it with the code cache dist/cli-bundle.cache.
// The cache is made here: the bundle is run once on the held-out bulletins (test/heldout/docs, or
// fixtures/), then V8 serializes the bytecode of every function that ran. Measured (alternated
// runs, one small file): 112 → 95 ms, against 62 ms for `node -e 0`.
// A cache that V8 rejects (another Node or V8 version, other V8 flags) or a missing one only costs
// that time: the script is then compiled from source, as an ES module would be.
await build({
  ...COMMON,
  entryPoints: { 'cli-bundle': 'src/cli.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // As above; yaml, zod and cli-progress too, loaded from node_modules only when used (--rules,
  // a terminal): a script has no chunks to leave them in, and their source is start-up time.
  external: [...EXTERNAL, 'yaml', 'zod', 'cli-progress'],
  // import.meta.url (where worker.js and package.json are) from the script's own file name.
  define: { ...CUE_ANALYSES, 'import.meta.url': '__mbreportUrl' },
  // Its require() comes in as __mbreportRequire (see WRAP_HEAD), wrapped here for child_process.
  banner: { js: `const __mbreportUrl = __mbreportRequire('node:url').pathToFileURL(__filename).href; ${LAZY_CHILD_PROCESS}` },
  // import() becomes require(): a script's import() needs a callback that Node 20 marks
  // experimental (it warns on stderr), and the bundle imports only Node's own modules lazily.
  supported: { 'dynamic-import': false },
});

// The loader. The bundle is wrapped as CommonJS wraps a module; WRAP_HEAD and WRAP_TAIL are shared
// with the training run below, which must compile the very same source for V8 to accept its cache.
const WRAP_HEAD = '(function (exports, __mbreportRequire, module, __filename, __dirname) {';
const WRAP_TAIL = '\n})';
const compileScript = `
const file = fileURLToPath(new URL('./cli-bundle.cjs', import.meta.url));
const source = ${JSON.stringify(WRAP_HEAD)} + readFileSync(file, 'utf8') + ${JSON.stringify(WRAP_TAIL)};
let cachedData;
try {
  cachedData = readFileSync(fileURLToPath(new URL('./cli-bundle.cache', import.meta.url)));
} catch {
  cachedData = undefined; // no cache: compiled from source
}
const script = new vm.Script(source, { filename: file, cachedData });
const module = { exports: {} };
const run = () => script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
`;
const LOADER = `// Generated by scripts/build.mjs: runs the command line (cli-bundle.cjs) with its code cache.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
${compileScript}
run();
`;
writeFileSync('dist/cli.js', LOADER);

// The training run: the loader's code, run from a file beside it (same URLs) with a hook that
// writes the cache when the run ends, atomically (tmp file, then rename).
const trainingDocs = ['test/heldout/docs', 'fixtures'].filter((d) => existsSync(d)).slice(0, 1).flatMap((d) =>
  readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => path.join(d, f)),
);
if (trainingDocs.length > 0) {
  const trainer = 'dist/cli-train.mjs';
  writeFileSync(trainer, `${LOADER.replace(/\nrun\(\);\n$/, '\n')}
import { renameSync, writeFileSync } from 'node:fs';
const out = fileURLToPath(new URL('./cli-bundle.cache', import.meta.url));
process.on('exit', () => { writeFileSync(out + '.tmp', script.createCachedData()); renameSync(out + '.tmp', out); });
run();
`);
  try {
    rmSync('dist/cli-bundle.cache', { force: true });
    execFileSync(process.execPath, [trainer, 'extract', '--format', 'json', ...trainingDocs], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (err) {
    // Exit status 1 (an unreadable input) still wrote the cache; anything else is only slower.
    if (!existsSync('dist/cli-bundle.cache')) console.warn(`build: no code cache for the command line (${err.message})`);
  } finally {
    rmSync(trainer, { force: true });
  }
}

execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
