// Build: esbuild bundles the CLI, the library and the batch worker (fast start-up);
// tsc emits only the .d.ts files so `import { extract } from 'mbreport'` is typed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

await build({
  // worker: the worker thread of a batch (src/io/batch.ts loads ./worker.js beside the CLI).
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled too (start-up: one file to load instead of dozens of modules), except
  // those loaded only when needed, which stay in node_modules: exceljs (--format xlsx),
  // playwright-core (tests). yaml (--rules) and cli-progress (a terminal) are bundled into chunks
  // that are imported only when used. opencc-js's t→cn dictionaries are compiled into
  // src/text/t2cn-tables.ts by scripts/gen-t2cn-tables.mjs; opencc-js itself runs only in tests
  // and generators (kept external so a stray import never bundles its megabyte of dictionaries).
  external: ['opencc-js', 'exceljs', 'playwright-core'],
  // CommonJS dependencies call require() for Node's own modules: give the ES module bundle one.
  // commander requires node:child_process at load for a feature mbreport never uses (executable
  // sub-commands): that module is handed over lazily, loaded on first use (start-up time).
  banner: {
    js: [
      "import { createRequire as __mbreportCreateRequire } from 'node:module';",
      'const __mbreportRequire = __mbreportCreateRequire(import.meta.url);',
      "const __mbreportLazy = (id) => new Proxy({}, { get: (_t, key) => __mbreportRequire(id)[key] });",
      "const require = (id) => (id === 'node:child_process' || id === 'child_process' ? __mbreportLazy(id) : __mbreportRequire(id));",
    ].join(' '),
  },
  // Chinese as UTF-8, not \uXXXX escapes: half the bytes to parse at start-up.
  charset: 'utf8',
  define: { __MBREPORT_CUE_ANALYSES__: JSON.stringify(cueAnalyses) },
  sourcemap: false,
  logLevel: 'warning',
});
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
