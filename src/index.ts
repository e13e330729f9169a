// The library: the same documents as the CLI, without the CLI. No `process` here.
//
//   import { extract, extractFile } from 'mbreport';
//   const doc = await extract(text, { source: 'a.txt' });      // DocumentOk
//   const res = await extractFile('bulletins/a.txt');          // DocumentResult (ok:false on errors)
import { stat } from 'node:fs/promises';
import { describeFsError, readFileEntry } from './io/inputs.js';
import { documentFromBytes, documentFromText, errorDocument } from './io/pipeline.js';
import type { DocumentOk, DocumentResult, Encoding } from './schema.js';

export { extractDocument, type ExtractOptions } from './extract/document.js';
export { decodeBytes, type DecodeResult } from './io/decode.js';
export { renderJson } from './render/json.js';
export { renderNdjson, ndjsonLine } from './render/ndjson.js';
export { renderCsv, csvHeader, csvRows, CSV_COLUMNS } from './render/csv.js';
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
}

/**
 * Extract metrics from text. Offsets index the string you pass in
 * (`text.slice(m.start, m.end) === m.text`). Same object as the CLI writes for a
 * UTF-8 file with this content (the CLI strips a byte-order mark before extracting).
 */
export async function extract(text: string, options: ExtractTextOptions = {}): Promise<DocumentOk> {
  return documentFromText(text, options.source ?? '-', options.encoding ?? 'utf-8');
}

export interface ExtractFileOptions {
  /** Reported as `source`; defaults to the path as given. */
  source?: string;
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
  return documentFromBytes(read.bytes, source);
}
