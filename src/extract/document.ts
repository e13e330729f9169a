// The pure core: decoded text in, one validated document result out. No I/O, no process.
import { QUALIFIERS } from '../constants.js';
import { decimalToNumber } from '../numbers/decimal.js';
import { builtinRules, type CompiledRule } from '../rules/catalog.js';
import { checkDocumentOk } from '../contract.js';
import type { DocumentOk, Encoding, MetricRecord, Qualifier } from '../schema.js';
import { normalizeText, originalEnd, originalStart, type NormalizedText } from '../text/normalize.js';
import { extractRecords } from './engine.js';
import { extractMetadata, type Meta } from './metadata.js';
import { extractTables, type TableRecord } from './tables.js';

export interface ExtractOptions {
  /** The path as given, or '-' for stdin; defaults to '-'. */
  source?: string;
  /** How the bytes were decoded; defaults to 'utf-8' (text handed in directly). */
  encoding?: Encoding;
  /** Compiled metric rules; defaults to the built-in twenty. */
  rules?: readonly CompiledRule[];
}

function makeRecord(original: string, rule: CompiledRule, start: number, end: number, value: number | null, approximate: boolean, redacted: boolean): MetricRecord {
  return {
    metric: rule.rule.id,
    label: rule.rule.label,
    value: redacted ? null : value,
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
  const out: MetricRecord[] = []; // pushed, not `new Array(n)`: holey arrays render slowly (contract.ts: array)
  let a = 0;
  let b = split;
  for (let k = 0; k < n; k++) out.push(b >= n || (a < split && orders[a]! <= orders[b]!) ? records[a++]! : records[b++]!);
  return out;
}

/**
 * What the prose engine (engine.ts) found, in the working text's offsets, with the value already a
 * number: all that finishDocument needs from it. Plain numbers and strings, so a batch can run the
 * engine in another thread (src/io/batch.ts) and send findings over as a Float64Array
 * (packFindings).
 */
export interface ProseFinding {
  /** Index of the rule in the rule list the document is read with. */
  ruleIndex: number;
  /** The evidence span. */
  start: number;
  end: number;
  /** The figure's span. */
  figureStart: number;
  figureEnd: number;
  /** Base-unit value (decimalToNumber), null when redacted or unknown. */
  value: number | null;
  approximate: boolean;
  redacted: boolean;
  qualifier?: Qualifier;
}

const RULE_INDEXES = new WeakMap<readonly CompiledRule[], Map<CompiledRule, number>>();

/** The prose engine's records of a working text as findings. */
export function proseFindings(text: string, rules: readonly CompiledRule[]): ProseFinding[] {
  let index = RULE_INDEXES.get(rules);
  if (!index) RULE_INDEXES.set(rules, (index = new Map(rules.map((r, i) => [r, i]))));
  const out: ProseFinding[] = [];
  for (const r of extractRecords(text, rules)) {
    const f = r.figure;
    const finding: ProseFinding = {
      ruleIndex: index.get(r.rule)!,
      start: r.start,
      end: r.end,
      figureStart: f.start,
      figureEnd: f.end,
      value: f.redacted || f.value === null ? null : decimalToNumber(f.value),
      approximate: f.approximate,
      redacted: f.redacted,
    };
    if (r.qualifier) finding.qualifier = r.qualifier;
    out.push(finding);
  }
  return out;
}

const FINDING_SLOTS = 7;
const QUALIFIER_CODES: readonly (Qualifier | undefined)[] = [undefined, ...QUALIFIERS];

/**
 * Findings as one Float64Array (transferable between threads, no per-object cloning): seven slots
 * each; integers and the float64 value are exact, a null value is NaN with its flag set.
 */
export function packFindings(findings: readonly ProseFinding[]): Float64Array {
  const out = new Float64Array(findings.length * FINDING_SLOTS);
  let k = 0;
  for (const f of findings) {
    out[k++] = f.ruleIndex;
    out[k++] = f.start;
    out[k++] = f.end;
    out[k++] = f.figureStart;
    out[k++] = f.figureEnd;
    out[k++] = (f.approximate ? 1 : 0) | (f.redacted ? 2 : 0) | (f.value === null ? 4 : 0) | (QUALIFIER_CODES.indexOf(f.qualifier) << 3);
    out[k++] = f.value ?? Number.NaN;
  }
  return out;
}

export function unpackFindings(packed: Float64Array): ProseFinding[] {
  const out: ProseFinding[] = [];
  for (let k = 0; k + FINDING_SLOTS <= packed.length; k += FINDING_SLOTS) {
    const flags = packed[k + 5]!;
    const finding: ProseFinding = {
      ruleIndex: packed[k]!,
      start: packed[k + 1]!,
      end: packed[k + 2]!,
      figureStart: packed[k + 3]!,
      figureEnd: packed[k + 4]!,
      value: flags & 4 ? null : packed[k + 6]!,
      approximate: (flags & 1) !== 0,
      redacted: (flags & 2) !== 0,
    };
    const qualifier = QUALIFIER_CODES[flags >> 3];
    if (qualifier) finding.qualifier = qualifier;
    out.push(finding);
  }
  return out;
}

/** A document read up to the prose engine: its input, working text, table cells and metadata. */
export interface DocumentParts {
  original: string;
  options: ExtractOptions;
  rules: readonly CompiledRule[];
  norm: NormalizedText;
  cells: TableRecord[];
  meta: Meta;
  warnings: string[];
}

/** Everything but the prose engine; the engine reads parts.norm.text (extractDocument, or a batch's prose thread). */
export function beginDocument(original: string, options: ExtractOptions = {}): DocumentParts {
  const warnings: string[] = [];
  if (original.trim() === '') warnings.push('EMPTY_INPUT: the document has no text');
  const norm = normalizeText(original);
  const rules = options.rules ?? builtinRules();
  const cells = extractTables(original, norm.simplified, rules);
  const meta = extractMetadata(original, norm.simplified);
  return { original, options, rules, norm, cells, meta, warnings };
}

export function extractDocument(original: string, options: ExtractOptions = {}): DocumentOk {
  const parts = beginDocument(original, options);
  return finishDocument(parts, proseFindings(parts.norm.text, parts.rules));
}

/** The document from its parts and the prose engine's findings on parts.norm.text. */
export function finishDocument(parts: DocumentParts, prose: readonly ProseFinding[]): DocumentOk {
  const { original, options, rules, norm, cells, meta, warnings } = parts;
  // Table cells first; a prose record on a figure that a table cell already gave is dropped.
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
    const record = makeRecord(original, c.rule, c.start, c.end, c.value === null ? null : decimalToNumber(c.value), c.approximate, c.redacted);
    if (c.column !== undefined) record.column = c.column;
    records.push(record);
    orders.push(c.start);
  }
  const cellCount = records.length;
  for (const p of prose) {
    // The original spans of the evidence and of the figure (normalize.ts: originalStart, originalEnd).
    const start = originalStart(norm, p.start);
    const end = originalEnd(norm, p.end - 1);
    const fs = originalStart(norm, p.figureStart);
    if (taken(fs, originalEnd(norm, p.figureEnd - 1))) continue;
    const record = makeRecord(original, rules[p.ruleIndex]!, start, end, p.value, p.approximate, p.redacted);
    if (p.qualifier) record.qualifier = p.qualifier;
    records.push(record);
    orders.push(fs);
  }
  // Validated once, below, as part of the document (the DocumentOk check covers every record).
  const metrics = inReadingOrder(records, orders, cellCount);
  // DocumentOk.parse without loading zod (contract.ts, held equal to the schema by its test).
  return checkDocumentOk({
    source: options.source ?? '-',
    ok: true,
    document: { ...meta, script: norm.script, encoding: options.encoding ?? 'utf-8', chars: original.length },
    metrics,
    warnings,
  });
}
