// NDJSON: one document object per line, for streams (`jq`, large batches).
import type { DocumentResult } from '../schema.js';

/** One line (with its newline) for one document. */
export function ndjsonLine(result: DocumentResult): string {
  return `${JSON.stringify(result)}\n`;
}

export function renderNdjson(results: readonly DocumentResult[]): string {
  return results.map(ndjsonLine).join('');
}
