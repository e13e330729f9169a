// Test helper, preloaded with `--import`: the first worker thread whose role (WorkerInit.role) is
// KILL_ROLE is terminated KILL_AFTER_MS milliseconds after it is started, as if it had died (out of
// its capped heap, say), and the file KILL_MARK is written then. Nothing in mbreport knows about it:
// the Worker class of node:worker_threads is replaced, for the ESM import too (syncBuiltinESMExports).
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const wt = require('node:worker_threads');

if (wt.isMainThread && process.env.KILL_ROLE) {
  const Original = wt.Worker;
  let killed = false;
  wt.Worker = class KillOnce extends Original {
    constructor(url, options) {
      super(url, options);
      if (!killed && options?.workerData?.role === process.env.KILL_ROLE) {
        killed = true;
        setTimeout(() => {
          void this.terminate();
          if (process.env.KILL_MARK) writeFileSync(process.env.KILL_MARK, 'killed');
        }, Number(process.env.KILL_AFTER_MS ?? 100));
      }
    }
  };
  syncBuiltinESMExports();
}
