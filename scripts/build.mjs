// Build: esbuild bundles the CLI and the library (fast start-up, one file each);
// tsc emits only the .d.ts files so `import { extract } from 'mbreport'` is typed.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
rmSync('dist', { recursive: true, force: true });
await build({
  // worker: the worker thread of a batch (src/io/batch.ts loads ./worker.js beside the CLI).
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', worker: 'src/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--emitDeclarationOnly'], { stdio: 'inherit' });
