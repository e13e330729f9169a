// The library: the same documents as the CLI, without the CLI. No `process` here.
//
//   import { extract, extractFile, loadRules } from 'mbreport';
//   const doc = await extract(text, { source: 'a.txt' });      // DocumentOk
//   const res = await extractFile('bulletins/a.txt');          // DocumentResult (ok:false on errors)
//   const rules = await loadRules('my-metrics.yaml');          // built-in metrics + the file
//   const mine = await extract(text, { rules });
//
// Heavy parts (exceljs, the YAML parser, the review page) load only when their function is called.
import { readFile, stat } from 'node:fs/promises';
import { describeFsError, readFileEntry } from './io/inputs.js';
import { documentFromBytes, documentFromText, errorDocument } from './io/pipeline.js';
import type { ReviewDocument, ReviewOptions } from './render/review.js';
import type { XlsxOptions } from './render/xlsx.js';
import { BUILTIN_RULES, builtinRules, compileRules, type CompiledRule } from './rules/catalog.js';
import type { DocumentOk, DocumentResult, Encoding, MetricRuleInput } from './schema.js';

export { extractDocument, type ExtractOptions } from './extract/document.js';
export { decodeBytes, type DecodeResult } from './io/decode.js';
export { renderJson } from './render/json.js';
export { renderNdjson, ndjsonLine } from './render/ndjson.js';
export { renderCsv, csvHeader, csvRows, CSV_COLUMNS } from './render/csv.js';
export { renderWideCsv, wideCsvHeader, wideCsvRow, wideColumns, wideRecord, WIDE_DOCUMENT_COLUMNS } from './render/wide.js';
export { renderMetricsJson, renderMetricsText, metricListing, type MetricListing } from './render/metrics.js';
export { BUILTIN_RULES, builtinRules, compileRules, CuePatternError, type CompiledRule, type CompiledCue } from './rules/catalog.js';
export { RulesFileError } from './rules/rules-error.js';
export type { ReviewDocument, ReviewOptions, XlsxOptions };
export {
  MetricRecord,
  DocumentInfo,
  DocumentOk,
  DocumentError,
  DocumentResult,
  ErrorCode,
  Encoding,
  BaseUnit,
  Period,
  Qualifier,
  Script,
  OutputFormat,
  MetricRule,
  CueSpec,
  type MetricRuleInput,
  ERROR_CODES,
  ENCODINGS,
  BASE_UNITS,
  PERIODS,
  OUTPUT_FORMATS,
} from './schema.js';

export interface ExtractTextOptions {
  /** Reported as `source`; defaults to '-'. */
  source?: string;
  /** How the text was decoded, reported in `document.encoding`; defaults to 'utf-8'. */
  encoding?: Encoding;
  /** The metrics to extract (from `loadRules`, `rulesFromYaml` or `compileRules`); defaults to the built-in ones. */
  rules?: readonly CompiledRule[];
}

/**
 * Extract metrics from text. Offsets index the string you pass in
 * (`text.slice(m.start, m.end) === m.text`). Same object as the CLI writes for a
 * UTF-8 file with this content (the CLI strips a byte-order mark before extracting).
 */
export async function extract(text: string, options: ExtractTextOptions = {}): Promise<DocumentOk> {
  return documentFromText(text, options.source ?? '-', options.encoding ?? 'utf-8', [], options.rules);
}

export interface ExtractFileOptions {
  /** Reported as `source`; defaults to the path as given. */
  source?: string;
  /** The metrics to extract; defaults to the built-in ones. */
  rules?: readonly CompiledRule[];
}

/** Read, decode (UTF-8, UTF-16, GB18030) and extract one file. Errors become an ok:false document. */
export async function extractFile(path: string, options: ExtractFileOptions = {}): Promise<DocumentResult> {
  const source = options.source ?? path;
  try {
    if ((await stat(path)).isDirectory()) return errorDocument(source, 'READ_ERROR', `${source} is a folder, not a file`);
  } catch (err) {
    return errorDocument(source, 'READ_ERROR', describeFsError(source, err));
  }
  const read = await readFileEntry(source, path);
  if (!read.ok) return errorDocument(source, read.code, read.message);
  return documentFromBytes(read.bytes, source, options.rules);
}

/**
 * The built-in metrics with one or more rules files (YAML, the format of `--rules`) merged in,
 * in order. Throws RulesFileError (file, line, field) on a bad file, like `--rules` (exit 2).
 */
export async function loadRules(files: string | readonly string[]): Promise<CompiledRule[]> {
  let inputs: MetricRuleInput[] = [...BUILTIN_RULES];
  const { applyRulesFile } = await import('./rules/user.js');
  for (const file of typeof files === 'string' ? [files] : files) {
    inputs = applyRulesFile(inputs, (await readFile(file, 'utf8')).replace(/^\uFEFF/, ''), file);
  }
  return compileRules(inputs);
}

/** The built-in metrics with rules given as YAML text merged in; `name` is used in error messages. */
export async function rulesFromYaml(yaml: string, name = 'rules.yaml'): Promise<CompiledRule[]> {
  const { applyRulesFile } = await import('./rules/user.js');
  return compileRules(applyRulesFile([...BUILTIN_RULES], yaml, name));
}

/** The .xlsx workbook the CLI writes for `--format xlsx` (loads exceljs on first use). */
export async function renderXlsx(results: readonly DocumentResult[], options: Partial<XlsxOptions> = {}): Promise<Uint8Array> {
  const { renderXlsx: render } = await import('./render/xlsx.js');
  return render(results, { rules: options.rules ?? builtinRules(), ...(options.wide !== undefined ? { wide: options.wide } : {}) });
}

/** The self-contained HTML review page of `mbreport review` (documents with their decoded texts). */
export async function renderReview(docs: readonly ReviewDocument[], options: Partial<ReviewOptions> = {}): Promise<string> {
  const { renderReview: render } = await import('./render/review.js');
  return render(docs, { rules: options.rules ?? builtinRules(), ...(options.title !== undefined ? { title: options.title } : {}) });
}
