// Preloaded into the real CLI (NODE_OPTIONS=--import): when the process exits, writes to stderr
// the packages under node_modules that it required, one line: LOADED_PACKAGES ["name", …].
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) names.add(m[1].replace('\\', '/'));
  }
  process.stderr.write(`LOADED_PACKAGES ${JSON.stringify([...names].sort())}\n`);
});
