// Preloaded by scripts/bench.mjs (NODE_OPTIONS=--import=…) into the measured process: at exit,
// the main thread writes the process's peak resident set (getrusage maxrss, KiB) and CPU time
// (user + system, µs), both for all threads.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.MBREPORT_BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS: r.maxRSS, cpu: r.userCPUTime + r.systemCPUTime }));
  });
}
