// The pure core: decoded text in, one validated document result out. No I/O, no process.
import { decimalToNumber, type Decimal } from '../numbers/decimal.js';
import { builtinRules, type CompiledRule } from '../rules/catalog.js';
import { checkDocumentOk } from '../contract.js';
import type { DocumentOk, Encoding, MetricRecord } from '../schema.js';
import { normalizeText, originalEnd } from '../text/normalize.js';
import { extractRecords } from './engine.js';
import { extractMetadata } from './metadata.js';
import { extractTables } from './tables.js';

export interface ExtractOptions {
  /** The path as given, or '-' for stdin; defaults to '-'. */
  source?: string;
  /** How the bytes were decoded; defaults to 'utf-8' (text handed in directly). */
  encoding?: Encoding;
  /** Compiled metric rules; defaults to the built-in twenty. */
  rules?: readonly CompiledRule[];
}

function makeRecord(original: string, rule: CompiledRule, start: number, end: number, value: Decimal | null, approximate: boolean, redacted: boolean): MetricRecord {
  return {
    metric: rule.rule.id,
    label: rule.rule.label,
    value: redacted || value === null ? null : decimalToNumber(value),
    unit: rule.rule.unit,
    text: original.slice(start, end),
    start,
    end,
    approximate,
    redacted,
  };
}

/** Is orders[from, to) non-decreasing? */
function ascending(orders: readonly number[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (orders[k]! < orders[k - 1]!) return false;
  return true;
}

/**
 * The records stably sorted by order (ties keep their index order: table records first). Both
 * runs, [0, split) and [split, n), usually come in order already: then one merge, else a sort.
 */
function inReadingOrder(records: MetricRecord[], orders: readonly number[], split: number): MetricRecord[] {
  const n = records.length;
  if (!ascending(orders, 0, split) || !ascending(orders, split, n)) {
    const index = Array.from(records.keys()).sort((a, b) => orders[a]! - orders[b]! || a - b);
    return index.map((k) => records[k]!);
  }
  if (split === 0 || split === n || orders[split - 1]! <= orders[split]!) return records;
  const out: MetricRecord[] = new Array<MetricRecord>(n);
  let a = 0;
  let b = split;
  for (let k = 0; k < n; k++) out[k] = b >= n || (a < split && orders[a]! <= orders[b]!) ? records[a++]! : records[b++]!;
  return out;
}

export function extractDocument(original: string, options: ExtractOptions = {}): DocumentOk {
  const warnings: string[] = [];
  if (original.trim() === '') warnings.push('EMPTY_INPUT: the document has no text');
  const norm = normalizeText(original);
  const rules = options.rules ?? builtinRules();
  // Table cells first; a prose record on a figure that a table cell already gave is dropped.
  const cells = extractTables(original, norm.simplified, rules);
  // Some cell overlaps [s, e) (`cells.some((c) => s < c.end && e > c.start)`), in O(log n): among
  // the cells starting before e (cells come sorted by start), the furthest end reaches past s.
  const byStart = cells.slice().sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const c of byStart) maxEnd.push(Math.max(c.end, maxEnd.length ? maxEnd[maxEnd.length - 1]! : -Infinity));
  const taken = (s: number, e: number): boolean => {
    let a = 0;
    let b = byStart.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (byStart[m]!.start < e) a = m + 1;
      else b = m;
    }
    return a > 0 && maxEnd[a - 1]! > s;
  };
  // Records in reading order (by the start of their figure). Built field by field, in the schema's
  // key order (no object spread or rest per record: a document can hold hundreds of thousands).
  // Table records first, then prose records, each with its order in a parallel array (no wrapper
  // object per record).
  const records: MetricRecord[] = [];
  const orders: number[] = [];
  for (const c of cells) {
    const record = makeRecord(original, c.rule, c.start, c.end, c.value, c.approximate, c.redacted);
    if (c.column !== undefined) record.column = c.column;
    records.push(record);
    orders.push(c.start);
  }
  const cellCount = records.length;
  for (const r of extractRecords(norm.text, rules)) {
    // The original spans of the evidence and of the figure (normalize.ts: starts, originalEnd).
    const start = norm.starts[r.start]!;
    const end = originalEnd(norm, r.end - 1);
    const f = r.figure;
    const fs = norm.starts[f.start]!;
    if (taken(fs, originalEnd(norm, f.end - 1))) continue;
    const record = makeRecord(original, r.rule, start, end, f.value, f.approximate, f.redacted);
    if (r.qualifier) record.qualifier = r.qualifier;
    records.push(record);
    orders.push(fs);
  }
  // Validated once, below, as part of the document (the DocumentOk check covers every record).
  const metrics = inReadingOrder(records, orders, cellCount);
  const meta = extractMetadata(original, norm.simplified);
  // DocumentOk.parse without loading zod (contract.ts, held equal to the schema by its test).
  return checkDocumentOk({
    source: options.source ?? '-',
    ok: true,
    document: { ...meta, script: norm.script, encoding: options.encoding ?? 'utf-8', chars: original.length },
    metrics,
    warnings,
  });
}
