// One document's share of the output, for the formats that stream (json, ndjson, csv): the
// same text the whole-batch renderers produce for it. Rendered where the document was
// extracted (a worker thread in a batch), so only strings travel back to the writer.
import type { CompiledRule } from '../rules/catalog.js';
import type { DocumentResult, OutputFormat } from '../schema.js';
import { csvRows } from './csv.js';
import { jsonElement } from './json.js';
import { ndjsonLine } from './ndjson.js';
import { wideCsvRow } from './wide.js';

export interface PieceOptions {
  format: OutputFormat;
  /** --wide (csv): one row per document. */
  wide: boolean;
  rules: readonly CompiledRule[];
}

/** The document's piece: a JSON array element (without separators), an NDJSON line, CSV rows; '' for xlsx. */
export function renderPiece(result: DocumentResult, options: PieceOptions): string {
  switch (options.format) {
    case 'json':
      return jsonElement(result);
    case 'ndjson':
      return ndjsonLine(result);
    case 'csv':
      return options.wide ? wideCsvRow(result, options.rules) : csvRows(result);
    default:
      return '';
  }
}
