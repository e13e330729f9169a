// JSON: always one array, one element per input document, in input order, 2-space indent.
import type { DocumentResult } from '../schema.js';

export function renderJson(results: readonly DocumentResult[]): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
