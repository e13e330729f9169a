// The command line. The only module that touches `process`: it parses flags,
// runs the pipeline document by document, writes data to stdout (or --out),
// diagnostics to stderr, and sets the exit status.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ChalkInstance } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { assertNotAnInput, openAtomic, OutputError, type AtomicWriter } from './io/atomic.js';
import { expandInputs, InputUsageError, parseExtensions, readStream, type InputEntry } from './io/inputs.js';
import { errorDocument, processInput } from './io/pipeline.js';
import { extractBatch, summarize, type DocumentSummary, type Outcome } from './io/batch.js';
import { csvHeader } from './render/csv.js';
import { wideCsvHeader } from './render/wide.js';
import { jsonBefore, jsonClose } from './render/json.js';
import { renderMetricsJson, renderMetricsText } from './render/metrics.js';
import { BUILTIN_RULES, builtinRules, compileRules, type CompiledRule } from './rules/catalog.js';
import type { Progress } from './terminal.js';
import { OUTPUT_FORMATS } from './constants.js';
import type { DocumentResult, OutputFormat } from './schema.js';

// ---------------------------------------------------------------- exit status

/** Exit statuses; where several apply, the highest wins (merged only in `raise`). */
const ExitCode = {
  /** All inputs read and extracted. */
  Ok: 0,
  /** Some inputs could not be read or decoded (the rest were still written). */
  InputError: 1,
  /** Usage error: bad flag, no input, a named path that does not exist; or the output could not be written. */
  Usage: 2,
} as const;
type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

let exitStatus: ExitCode = ExitCode.Ok;
function raise(code: ExitCode): void {
  if (code > exitStatus) exitStatus = code;
}

// ---------------------------------------------------------------- diagnostics

const DEBUG = process.env.MBREPORT_DEBUG === '1';
const useColor = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
/** Without colour, what chalk at level 0 gives (its arguments, joined by a space), without loading it. */
const plainPaint = new Proxy((...args: unknown[]) => args.join(' '), { get: (_target, _key) => plainPaint }) as unknown as ChalkInstance;
// chalk probes the terminal when it loads (start-up time): it is loaded only when colour is used
// (by main, before anything is printed; no top-level await: the CLI is also built as a script,
// see scripts/build.mjs).
let paint: ChalkInstance = plainPaint;

/** The progress bar while a batch runs on a terminal: diagnostics are printed above it. */
let progress: Progress | null = null;

function say(line: string): void {
  const text = `${paint.dim('mbreport:')} ${line}`;
  if (progress) progress.log(text);
  else process.stderr.write(`${text}\n`);
}

function reportError(source: string | null, code: string, message: string): void {
  say(`${source === null ? '' : `${source}: `}${paint.red.bold(code)}: ${message}`);
}

function reportWarning(source: string, warning: string): void {
  const m = /^([A-Z][A-Z0-9_]*): (.*)$/s.exec(warning);
  say(m ? `${source}: ${paint.yellow(m[1] ?? '')}: ${m[2] ?? ''}` : `${source}: ${paint.yellow('warning')}: ${warning}`);
}

function reportInternal(source: string | null, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const hint = DEBUG ? '' : ' (set MBREPORT_DEBUG=1 for details)';
  say(`${source === null ? '' : `${source}: `}${paint.red.bold('internal error')}: ${message}${hint}`);
  if (DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
}

// ---------------------------------------------------------------- output

/** stdout or an atomic --out file. */
interface Sink {
  write(chunk: string | Uint8Array): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

function stdoutSink(): Sink {
  return {
    write(chunk) {
      if (chunk.length === 0) return Promise.resolve();
      // Settled by the write's callback: the chunk has then been handed to the system, so its
      // bytes may be reused (Outcome.release). Errors (EPIPE) are handled by stdout's 'error' handler.
      return new Promise((resolve) => {
        process.stdout.write(chunk, () => resolve());
      });
    },
    finish: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

function fileSink(writer: AtomicWriter): Sink {
  return {
    write: (chunk) => (chunk.length === 0 ? Promise.resolve() : writer.write(chunk)),
    finish: () => writer.commit(),
    abort: () => writer.abort(),
  };
}

// A closed pipe (`mbreport extract … | head`) is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  progress?.stop();
  progress = null;
  if (err.code === 'EPIPE') process.exit(ExitCode.Ok);
  reportError(null, 'WRITE_ERROR', `cannot write to standard output: ${err.message}`);
  process.exit(ExitCode.Usage);
});

function usage(message: string, command = 'extract'): void {
  reportError(null, 'USAGE', message);
  say(`try 'mbreport ${command} --help'`);
  raise(ExitCode.Usage);
}

// ---------------------------------------------------------------- rules

/** The built-in metrics merged with each --rules file in order; null (reported, exit 2) on a bad file. */
async function loadRules(files: readonly string[] | undefined): Promise<CompiledRule[] | null> {
  if (!files || files.length === 0) return builtinRules();
  const { applyRulesFile, RulesFileError } = await import('./rules/user.js');
  let inputs = [...BUILTIN_RULES];
  for (const file of files) {
    let text: string;
    try {
      text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      reportError(null, 'RULES_ERROR', `cannot read the rules file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : err instanceof Error ? err.message : String(err)}`);
      raise(ExitCode.Usage);
      return null;
    }
    try {
      inputs = applyRulesFile(inputs, text, file);
    } catch (err) {
      if (!(err instanceof RulesFileError)) throw err;
      reportError(null, 'RULES_ERROR', err.message);
      raise(ExitCode.Usage);
      return null;
    }
  }
  return compileRules(inputs);
}

// ---------------------------------------------------------------- batches on a terminal

/** A batch of at least this many inputs shows a progress bar (on a terminal, without --quiet). */
const PROGRESS_MIN_INPUTS = 4;

interface BatchStats {
  documents: number;
  records: number;
  errors: number;
  warnings: number;
}

interface Batch {
  stats: BatchStats;
  done(result: Pick<DocumentSummary, 'ok' | 'records' | 'warnings'>, source: string): void;
  /** Remove the bar and print the summary (only when a bar was shown). */
  end(): void;
}

async function startBatch(total: number, quiet: boolean | undefined): Promise<Batch> {
  const stats: BatchStats = { documents: 0, records: 0, errors: 0, warnings: 0 };
  const started = process.hrtime.bigint(); // not performance.now(): perf_hooks costs start-up time
  const show = !quiet && Boolean(process.stderr.isTTY) && total >= PROGRESS_MIN_INPUTS;
  const terminal = show ? await import('./terminal.js') : null;
  if (terminal) progress = terminal.startProgress(process.stderr, total, paint);
  return {
    stats,
    done(result, source) {
      stats.documents++;
      if (result.ok) {
        stats.records += result.records;
        stats.warnings += result.warnings.length;
      } else stats.errors++;
      progress?.tick(source);
    },
    end() {
      if (!terminal || !progress) return;
      progress.stop();
      progress = null;
      say(terminal.formatSummary({ ...stats, seconds: Number(process.hrtime.bigint() - started) / 1e9 }, paint));
    },
  };
}

// ---------------------------------------------------------------- inputs and output

interface InputFlags {
  out?: string;
  ext?: string;
  quiet?: boolean;
}

async function readStdin(): Promise<Uint8Array> {
  return readStream(process.stdin);
}

/** The inputs in order; null after a usage error (reported). */
async function resolveInputs(paths: string[], flags: InputFlags, command: string): Promise<InputEntry[] | null> {
  if (paths.length === 0) {
    if (process.stdin.isTTY) {
      usage(`no input: name files or folders, or pipe text in (cat a.txt | mbreport ${command} -)`, command);
      return null;
    }
    paths = ['-'];
  }
  try {
    const extensions = parseExtensions(flags.ext);
    return await expandInputs(paths, { extensions });
  } catch (err) {
    if (err instanceof InputUsageError) {
      reportError(null, 'USAGE', err.message);
      raise(ExitCode.Usage);
      return null;
    }
    throw err;
  }
}

/** stdout, or --out written atomically (never one of the inputs); null after an error (reported). */
async function openSink(flags: InputFlags, entries: readonly InputEntry[]): Promise<Sink | null> {
  if (flags.out === undefined) return stdoutSink();
  try {
    await assertNotAnInput(
      flags.out,
      entries.flatMap((e) => (e.kind === 'file' ? [e] : [])),
    );
    return fileSink(await openAtomic(flags.out));
  } catch (err) {
    if (err instanceof OutputError) {
      reportError(null, err.code, err.message);
      raise(ExitCode.Usage);
      return null;
    }
    throw err;
  }
}

/** Write, then commit; an output error aborts (exit 2). */
async function writeOut(sink: Sink, body: (sink: Sink) => Promise<void>): Promise<void> {
  try {
    await body(sink);
    await sink.finish();
  } catch (err) {
    await sink.abort();
    if (err instanceof OutputError) {
      reportError(null, err.code, err.message);
      raise(ExitCode.Usage);
      return;
    }
    throw err;
  }
}

// ---------------------------------------------------------------- extract

interface ExtractFlags extends InputFlags {
  format: OutputFormat;
  bom?: boolean;
  wide?: boolean;
  rules?: string[];
  jobs?: string;
}

/** UTF-8 byte-order mark: Excel then opens a CSV file with its Chinese intact. */
const BOM = '\uFEFF';

async function runExtract(paths: string[], flags: ExtractFlags): Promise<void> {
  if (flags.bom && flags.format !== 'csv') return usage(`--bom applies to CSV output (--format csv), not ${flags.format}`);
  if (flags.wide && flags.format !== 'csv' && flags.format !== 'xlsx') return usage(`--wide applies to --format csv or xlsx, not ${flags.format}`);
  if (flags.format === 'xlsx' && flags.out === undefined && process.stdout.isTTY) {
    return usage('--format xlsx writes a binary workbook: name the file with --out FILE.xlsx');
  }
  const jobs = flags.jobs === undefined ? 'auto' : /^\d{1,3}$/.test(flags.jobs) ? Number(flags.jobs) : null;
  if (jobs === null) return usage(`--jobs takes a number of threads (1 for no worker threads), not ${flags.jobs}`);
  const rules = await loadRules(flags.rules);
  if (!rules) return;
  const entries = await resolveInputs(paths, flags, 'extract');
  if (!entries) return;
  const sink = await openSink(flags, entries);
  if (!sink) return;

  if (!flags.quiet && entries.some((e) => e.kind === 'stdin') && process.stdin.isTTY) {
    say('reading standard input; finish with Ctrl-D');
  }

  const batch = await startBatch(entries.length, flags.quiet);
  const collected: DocumentResult[] = [];
  try {
    await writeOut(sink, async (out) => {
      if (flags.format === 'csv') await out.write((flags.bom ? BOM : '') + (flags.wide ? wideCsvHeader(rules) : csvHeader()));
      // Documents come back in input order, each rendered where it was extracted (worker threads
      // for a big batch, see io/batch.ts); json, ndjson and csv are written as they arrive.
      let written = 0;
      const outcomes = extractBatch(entries, rules, {
        format: flags.format,
        wide: Boolean(flags.wide),
        rules,
        keepResults: flags.format === 'xlsx',
        jobs,
        customRules: rules === builtinRules() ? null : rules.map((r) => r.rule),
        readStdin,
      });
      for await (const outcome of outcomes) {
        reportOutcome(outcome, flags);
        batch.done(outcome.summary, outcome.summary.source);
        if (flags.format === 'xlsx') collected.push(outcome.result!);
        else if (flags.format === 'json') {
          await out.write(jsonBefore(written));
          await out.write(outcome.piece);
        } else await out.write(outcome.piece);
        outcome.release?.();
        written++;
      }
      if (flags.format === 'json') await out.write(jsonClose(written));
      if (flags.format === 'xlsx') {
        const { renderXlsx } = await import('./render/xlsx.js');
        await out.write(await renderXlsx(collected, { rules, wide: Boolean(flags.wide) }));
      }
    });
  } finally {
    batch.end();
  }
}

/** Report one document of a batch: its error (and exit status) or its warnings, or an internal error. */
function reportOutcome(outcome: Outcome, flags: InputFlags): void {
  const { summary } = outcome;
  if (outcome.internal) {
    const err = new Error(outcome.internal.message);
    if (outcome.internal.stack) err.stack = outcome.internal.stack;
    reportInternal(summary.source, err);
    raise(ExitCode.InputError);
  } else if (!summary.ok) {
    reportError(summary.source, summary.error?.code ?? 'ERROR', summary.error?.message ?? '');
    raise(outcome.missing ? ExitCode.Usage : ExitCode.InputError);
  } else if (!flags.quiet) {
    for (const w of summary.warnings) reportWarning(summary.source, w);
  }
}

/** One input → one result (and its text); never throws (unexpected errors are reported and become ok:false). */
async function processOne(entry: InputEntry, flags: InputFlags, rules: readonly CompiledRule[]): Promise<{ result: DocumentResult; text: string | null }> {
  try {
    const { result, missing, text } = await processInput(entry, readStdin, rules);
    if (!result.ok) {
      reportError(result.source, result.error.code, result.error.message);
      raise(missing ? ExitCode.Usage : ExitCode.InputError);
    } else if (!flags.quiet) {
      for (const w of result.warnings) reportWarning(result.source, w);
    }
    return { result, text };
  } catch (err) {
    reportInternal(entry.source, err);
    raise(ExitCode.InputError);
    // A bug of ours, not the input's fault: reported per document, the batch goes on.
    const result = errorDocument(entry.source, 'INTERNAL_ERROR', `internal error while extracting ${entry.source}: ${err instanceof Error ? err.message : String(err)}`);
    return { result, text: null };
  }
}

// ---------------------------------------------------------------- review

interface ReviewFlags extends InputFlags {
  rules?: string[];
  title?: string;
}

async function runReview(paths: string[], flags: ReviewFlags): Promise<void> {
  if (flags.out === undefined && process.stdout.isTTY) return usage('review writes an HTML page: name the file with --out review.html', 'review');
  const rules = await loadRules(flags.rules);
  if (!rules) return;
  const entries = await resolveInputs(paths, flags, 'review');
  if (!entries) return;
  const sink = await openSink(flags, entries);
  if (!sink) return;
  const batch = await startBatch(entries.length, flags.quiet);
  try {
    const { renderReview } = await import('./render/review.js');
    const docs: { result: DocumentResult; text: string | null }[] = [];
    for (const entry of entries) {
      const doc = await processOne(entry, flags, rules);
      batch.done(summarize(doc.result), entry.source);
      docs.push(doc);
    }
    await writeOut(sink, (out) => out.write(renderReview(docs, { rules, ...(flags.title !== undefined ? { title: flags.title } : {}) })));
  } finally {
    batch.end();
  }
}

// ---------------------------------------------------------------- commander

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const EXTRACT_EXAMPLES = `
Examples:
  $ mbreport extract fixtures/000_3075c7cfa9612663.txt          one file → JSON on stdout
  $ mbreport extract bulletins/ --format csv --out metrics.csv    a folder (recursively, *.txt) → CSV file
  $ mbreport extract bulletins/ -f csv --bom -o metrics.csv       CSV that Excel opens with the Chinese intact
  $ mbreport extract bulletins/ -f xlsx -o metrics.xlsx           an Excel workbook (records + documents sheets)
  $ mbreport extract bulletins/ -f csv --wide -o regions.csv      one row per document, one column per metric
  $ mbreport extract bulletins/ --rules my-metrics.yaml           add your own metrics or cue words
  $ mbreport extract bulletins/ --ext md,html --format ndjson     also read .md and .html files
  $ curl -s https://example.gov.cn/a.txt | mbreport extract -     standard input

--bom: Excel assumes a legacy code page for a CSV file without a UTF-8 byte-order mark and
shows the Chinese as mojibake; with --bom the file starts with one and opens correctly.
--wide: a metric's cell is its first statement in the document that is a level (not a target,
plan or redacted figure); the long format keeps every statement.

On a terminal, a batch of ${PROGRESS_MIN_INPUTS} or more inputs shows a progress bar and a summary on
standard error (not with --quiet; NO_COLOR turns colour off).

Exit status: 0 all inputs read; 1 some inputs unreadable or undecodable;
2 usage error (bad flag, no input, a named path that does not exist, a bad rules file).`;

const REVIEW_EXAMPLES = `
Examples:
  $ mbreport review fixtures/ --out review.html                 every fixture on one page
  $ mbreport review a.txt b.txt --rules my-metrics.yaml -o review.html
  $ mbreport review bulletins/ --title "2024 H1 bulletins" -o review.html

The page is one self-contained HTML file (no network): each document's text with every
evidence span highlighted in its metric's colour, and its records beside it. Click a record to
scroll to its span; filter by metric; documents that could not be read show their error.`;

const METRICS_EXAMPLES = `
Examples:
  $ mbreport metrics
  $ mbreport metrics --format json | jq -r '.[].id'
  $ mbreport metrics --rules my-metrics.yaml       the built-in metrics with your file merged in`;

const RULES_HELP = 'YAML file of metrics to add, or cue words to add to existing ones (repeatable; see the README)';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function buildProgram(): Command {
  const program = new Command();
  program
    .name('mbreport')
    .description('Extract metrics from Chinese medical-insurance bureau bulletins; every number carries its evidence span.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .showHelpAfterError("(run 'mbreport extract --help' for usage)")
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride();

  program
    .command('extract')
    .description('extract metrics from files, folders or standard input (-)')
    .argument('[paths...]', 'files, folders (read recursively), or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(OUTPUT_FORMATS).default('json'))
    .option('-o, --out <file>', 'write to FILE (atomically) instead of standard output')
    .option('--bom', 'start CSV output with a UTF-8 byte-order mark, so Excel opens it with the Chinese intact')
    .option('--wide', 'csv/xlsx: one row per document, one column per metric (for comparing regions)')
    .option('--rules <file>', RULES_HELP, collect)
    .option('--ext <list>', 'extra file extensions to read from folders, e.g. md,html (.txt is always read)')
    .option('-q, --quiet', 'no warnings, progress bar or summary (errors are still printed)')
    .option('-j, --jobs <n>', 'threads extracting a batch at once (default: one per core once it has 8 files and 1 MiB; 1: no worker threads)')
    .addHelpText('after', EXTRACT_EXAMPLES)
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride()
    .action(async (paths: string[], flags: ExtractFlags) => {
      await runExtract(paths, flags);
    });

  program
    .command('review')
    .description('write a self-contained HTML page to check the extraction: texts with highlighted evidence, records beside them')
    .argument('[paths...]', 'files, folders (read recursively), or - for standard input')
    .option('-o, --out <file>', 'the HTML file to write (atomically); standard output when it is not a terminal')
    .option('--rules <file>', RULES_HELP, collect)
    .option('--title <text>', 'the page title', 'mbreport review')
    .option('--ext <list>', 'extra file extensions to read from folders, e.g. md,html (.txt is always read)')
    .option('-q, --quiet', 'no warnings, progress bar or summary (errors are still printed)')
    .addHelpText('after', REVIEW_EXAMPLES)
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride()
    .action(async (paths: string[], flags: ReviewFlags) => {
      await runReview(paths, flags);
    });

  program
    .command('metrics')
    .description('list the metrics mbreport extracts: id, label, unit and cue words')
    .addOption(new Option('-f, --format <format>', 'text for people, json for scripts').choices(['text', 'json']).default('text'))
    .option('--rules <file>', RULES_HELP, collect)
    .addHelpText('after', METRICS_EXAMPLES)
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride()
    .action(async (flags: { format: 'text' | 'json'; rules?: string[] }) => {
      const rules = await loadRules(flags.rules);
      if (!rules) return;
      await stdoutSink().write(flags.format === 'json' ? renderMetricsJson(rules) : renderMetricsText(rules));
    });

  program.addHelpText(
    'after',
    `
Examples:
  $ mbreport extract bulletins/ -f csv --bom -o metrics.csv
  $ mbreport extract bulletins/ -f xlsx --wide -o regions.xlsx
  $ mbreport review bulletins/ -o review.html
  $ mbreport metrics --rules my-metrics.yaml

Run 'mbreport <command> --help' for each command's options and examples.`,
  );
  return program;
}

async function main(): Promise<void> {
  if (useColor) paint = new (await import('chalk')).Chalk({ level: 1 });
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0; every other commander error is a usage error.
      raise(err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage);
      return;
    }
    reportInternal(null, err);
    raise(ExitCode.Usage);
  }
}

void main().then(() => {
  process.exitCode = exitStatus;
});
