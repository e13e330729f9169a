// The command line. The only module that touches `process`: it parses flags,
// runs the pipeline document by document, writes data to stdout (or --out),
// diagnostics to stderr, and sets the exit status.
import { readFileSync } from 'node:fs';
import { Chalk, type ChalkInstance } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import { assertNotAnInput, openAtomic, OutputError, type AtomicWriter } from './io/atomic.js';
import { expandInputs, InputUsageError, parseExtensions, readStream, type InputEntry } from './io/inputs.js';
import { errorDocument, processInput } from './io/pipeline.js';
import { csvHeader, csvRows } from './render/csv.js';
import { renderJson } from './render/json.js';
import { renderMetricsJson, renderMetricsText } from './render/metrics.js';
import { builtinRules } from './rules/catalog.js';
import { ndjsonLine } from './render/ndjson.js';
import { OUTPUT_FORMATS, type DocumentResult, type OutputFormat } from './schema.js';

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
const paint: ChalkInstance = new Chalk({ level: useColor ? 1 : 0 });

function say(line: string): void {
  process.stderr.write(`${paint.dim('mbreport:')} ${line}\n`);
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
  write(chunk: string): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

function stdoutSink(): Sink {
  return {
    write(chunk) {
      if (chunk === '') return Promise.resolve();
      return new Promise((resolve) => {
        if (process.stdout.write(chunk)) resolve();
        else process.stdout.once('drain', resolve);
      });
    },
    finish: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

function fileSink(writer: AtomicWriter): Sink {
  return {
    write: (chunk) => (chunk === '' ? Promise.resolve() : writer.write(chunk)),
    finish: () => writer.commit(),
    abort: () => writer.abort(),
  };
}

// A closed pipe (`mbreport extract … | head`) is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(ExitCode.Ok);
  reportError(null, 'WRITE_ERROR', `cannot write to standard output: ${err.message}`);
  process.exit(ExitCode.Usage);
});

// ---------------------------------------------------------------- extract

interface ExtractFlags {
  format: OutputFormat;
  out?: string;
  ext?: string;
  quiet?: boolean;
}

async function readStdin(): Promise<Uint8Array> {
  return readStream(process.stdin);
}

async function runExtract(paths: string[], flags: ExtractFlags): Promise<void> {
  let extensions: string[];
  let entries: InputEntry[];
  if (paths.length === 0) {
    if (process.stdin.isTTY) {
      reportError(null, 'USAGE', 'no input: name files or folders, or pipe text in (cat a.txt | mbreport extract -)');
      say("try 'mbreport extract --help'");
      raise(ExitCode.Usage);
      return;
    }
    paths = ['-'];
  }
  try {
    extensions = parseExtensions(flags.ext);
    entries = await expandInputs(paths, { extensions });
  } catch (err) {
    if (err instanceof InputUsageError) {
      reportError(null, 'USAGE', err.message);
      raise(ExitCode.Usage);
      return;
    }
    throw err;
  }

  let sink: Sink;
  if (flags.out !== undefined) {
    try {
      await assertNotAnInput(
        flags.out,
        entries.flatMap((e) => (e.kind === 'file' ? [e] : [])),
      );
      sink = fileSink(await openAtomic(flags.out));
    } catch (err) {
      if (err instanceof OutputError) {
        reportError(null, err.code, err.message);
        raise(ExitCode.Usage);
        return;
      }
      throw err;
    }
  } else {
    sink = stdoutSink();
  }

  if (!flags.quiet && entries.some((e) => e.kind === 'stdin') && process.stdin.isTTY) {
    say('reading standard input; finish with Ctrl-D');
  }

  const collected: DocumentResult[] = [];
  try {
    if (flags.format === 'csv') await sink.write(csvHeader());
    for (const entry of entries) {
      const result = await processOne(entry, flags);
      if (flags.format === 'json') collected.push(result);
      else if (flags.format === 'ndjson') await sink.write(ndjsonLine(result));
      else await sink.write(csvRows(result));
    }
    if (flags.format === 'json') await sink.write(renderJson(collected));
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

/** One input → one result; never throws (unexpected errors are reported and become ok:false). */
async function processOne(entry: InputEntry, flags: ExtractFlags): Promise<DocumentResult> {
  try {
    const { result, missing } = await processInput(entry, readStdin);
    if (!result.ok) {
      reportError(result.source, result.error.code, result.error.message);
      raise(missing ? ExitCode.Usage : ExitCode.InputError);
    } else if (!flags.quiet) {
      for (const w of result.warnings) reportWarning(result.source, w);
    }
    return result;
  } catch (err) {
    reportInternal(entry.source, err);
    raise(ExitCode.InputError);
    // A bug of ours, not the input's fault: reported per document, the batch goes on.
    return errorDocument(entry.source, 'INTERNAL_ERROR', `internal error while extracting ${entry.source}: ${err instanceof Error ? err.message : String(err)}`);
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
  $ mbreport extract fixtures/000_3075c7cfa9612663.txt        one file → JSON on stdout
  $ mbreport extract bulletins/ --format csv --out metrics.csv  a folder (recursively, *.txt) → CSV file
  $ mbreport extract bulletins/ --ext md,html --format ndjson   also read .md and .html files
  $ curl -s https://example.gov.cn/a.txt | mbreport extract -   standard input

Exit status: 0 all inputs read; 1 some inputs unreadable or undecodable;
2 usage error (bad flag, no input, a named path that does not exist).`;

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
    .option('--ext <list>', 'extra file extensions to read from folders, e.g. md,html (.txt is always read)')
    .option('-q, --quiet', 'do not print warnings (errors are still printed)')
    .addHelpText('after', EXTRACT_EXAMPLES)
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride()
    .action(async (paths: string[], flags: ExtractFlags) => {
      await runExtract(paths, flags);
    });

  program
    .command('metrics')
    .description('list the metrics mbreport extracts: id, label, unit and cue words')
    .addOption(new Option('-f, --format <format>', 'text for people, json for scripts').choices(['text', 'json']).default('text'))
    .addHelpText('after', `\nExamples:\n  $ mbreport metrics\n  $ mbreport metrics --format json | jq -r '.[].id'`)
    .configureOutput({ outputError: (str, write) => write(`mbreport: ${str}`) })
    .exitOverride()
    .action(async (flags: { format: 'text' | 'json' }) => {
      const rules = builtinRules();
      await stdoutSink().write(flags.format === 'json' ? renderMetricsJson(rules) : renderMetricsText(rules));
    });

  program.addHelpText('after', `\nRun 'mbreport extract --help' for examples, 'mbreport metrics' for the metric list.`);
  return program;
}

async function main(): Promise<void> {
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

await main();
process.exitCode = exitStatus;
