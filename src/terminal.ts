// The terminal's extras for batches: a progress bar and a closing summary, on stderr.
// The CLI decides when (stderr is a TTY, more than a few files, not --quiet) and hands in the
// stream; nothing here touches `process`. This module loads cli-progress, so the CLI imports
// it only when a bar will be shown.
import cliProgress from 'cli-progress';
import type { ChalkInstance } from 'chalk';

export interface BatchStats {
  documents: number;
  records: number;
  errors: number;
  warnings: number;
  seconds: number;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "5 documents · 142 records · 1 error · 0.8 s", coloured with `paint` (level 0: plain). */
export function formatSummary(s: BatchStats, paint: ChalkInstance): string {
  const parts = [
    paint.bold(plural(s.documents, 'document')),
    paint.green(plural(s.records, 'record')),
    s.errors > 0 ? paint.red.bold(plural(s.errors, 'error')) : paint.dim('0 errors'),
  ];
  if (s.warnings > 0) parts.push(paint.yellow(plural(s.warnings, 'warning')));
  parts.push(paint.dim(`${s.seconds < 10 ? s.seconds.toFixed(2) : s.seconds.toFixed(1)} s`));
  return parts.join(paint.dim(' · '));
}

export interface Progress {
  /** One more document done. */
  tick(source: string): void;
  /** A diagnostic line printed above the bar (ends without a newline). */
  log(line: string): void;
  /** Remove the bar. */
  stop(): void;
}

/** A bar on `stream` for `total` documents. */
export function startProgress(stream: NodeJS.WriteStream, total: number, paint: ChalkInstance): Progress {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: `${paint.cyan('{bar}')} {percentage}% | {value}/{total} documents | {duration_formatted} | {source}`,
      barCompleteChar: '█',
      barIncompleteChar: '░',
      barsize: 28,
      hideCursor: false, // a Ctrl-C must never leave the cursor hidden
      clearOnComplete: true,
      stopOnComplete: false,
      fps: 12,
      etaBuffer: 50,
      autopadding: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0, { source: '' });
  let stopped = false;
  const width = (): number => Math.max(10, (stream.columns ?? 80) - 70);
  const short = (s: string): string => (s.length > width() ? `…${s.slice(s.length - width() + 1)}` : s);
  return {
    tick(source) {
      if (!stopped) bar.increment(1, { source: short(source) });
    },
    log(line) {
      if (stopped) stream.write(`${line}\n`);
      else {
        multi.log(`${line}\n`);
        multi.update(); // print it now, above the bar
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multi.update(); // draw the last state (and any pending line), then clear the bar
      multi.stop();
    },
  };
}
