// Flattened tables (stub: being written).
import type { Decimal } from '../numbers/decimal.js';
import type { CompiledRule } from '../rules/catalog.js';

export interface TableRecord {
  rule: CompiledRule;
  value: Decimal | null;
  approximate: boolean;
  redacted: boolean;
  /** ORIGINAL offsets of the cell's figure (with its unit when the cell writes one). */
  start: number;
  end: number;
  /** The column header the cell sits under, as written in the original. */
  column?: string;
}

export function extractTables(_original: string, _simplified: string, _rules: readonly CompiledRule[]): TableRecord[] {
  return [];
}
