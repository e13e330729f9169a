// The floor for scripts/bench.mjs: read every file of a folder and convert it with opencc-js
// Converter({ from: 't', to: 'cn' }), alone, in one thread. Files are decoded as UTF-8, or as
// GB18030 when they are not valid UTF-8 (as mbreport would).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const OpenCC = require('opencc-js/t2cn');
const convert = OpenCC.Converter({ from: 't', to: 'cn' });
const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

let chars = 0;
const walk = (dir) => {
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) walk(p);
    else if (d.name.endsWith('.txt')) {
      const bytes = readFileSync(p);
      let text;
      try {
        text = utf8.decode(bytes);
      } catch {
        text = gb18030.decode(bytes);
      }
      chars += convert(text).length;
    }
  }
};
walk(process.argv[2]);
process.stdout.write(`${chars}\n`);
