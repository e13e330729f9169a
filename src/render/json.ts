// JSON: always one array, one element per input document, in input order, 2-space indent.
// renderJson builds it at once; jsonOpen / jsonElement / jsonClose write the same bytes one
// document at a time, so a batch streams instead of holding every document.
import type { DocumentResult } from '../schema.js';

export function renderJson(results: readonly DocumentResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

/** One element as renderJson indents it inside the array (no separator, no newline around it). */
export function jsonElement(result: DocumentResult): string {
  return `  ${JSON.stringify(result, null, 2).replace(/\n/g, '\n  ')}`;
}

/** What goes before element `index` (0-based): the array's opening bracket, or the separator. */
export function jsonBefore(index: number): string {
  return index === 0 ? '[\n' : ',\n';
}

/** What ends an array of `count` elements: `renderJson([])` is `[]`. */
export function jsonClose(count: number): string {
  return count === 0 ? '[]\n' : '\n]\n';
}
