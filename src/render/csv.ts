// CSV: one row per metric record, header first, UTF-8, LF line endings.
// Columns: the contract's required order, then further columns (see README).
// - booleans are `true`/`false`; null and absent fields are empty cells;
// - numeric columns (value, start, end) are plain decimals: no exponent, no
//   thousands separators, a negative value stays `-39600`, never prefixed;
// - text cells starting with = + - @ tab or CR get a leading `'` so that a
//   spreadsheet shows them as text instead of running them as a formula.
import { stringify } from 'csv-stringify/sync';
import type { DocumentResult, MetricRecord } from '../schema.js';

export const CSV_COLUMNS = [
  'source',
  'metric',
  'label',
  'value',
  'unit',
  'text',
  'start',
  'end',
  'approximate',
  'redacted',
  'qualifier',
  'column',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** A finite number as a plain decimal string: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  if (Object.is(n, -0)) return '0';
  const s = String(n); // shortest round-trip representation
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = Number(m[4]);
  const digits = intPart + frac;
  const point = intPart.length + exp; // position of the decimal point within digits
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) {
    // Trailing fraction zeros, and then a bare point (what /\.?0+$/ removed, without its
    // quadratic backtracking on a long run of zeros).
    let e = out.length;
    while (e > 0 && out.charCodeAt(e - 1) === 0x30) e--;
    if (e < out.length && e > 0 && out.charCodeAt(e - 1) === 0x2e) e--;
    out = out.slice(0, e);
  }
  return sign + out;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Make a text cell inert for spreadsheets: prefix `'` when it starts with = + - @ tab or CR. */
export function inertText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function textCell(v: string | null | undefined): string {
  return v === null || v === undefined ? '' : inertText(v);
}

function numberCell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : plainNumber(v);
}

function boolCell(v: boolean | null | undefined): string {
  return v === null || v === undefined ? '' : v ? 'true' : 'false';
}

/** The cells of one record, in CSV_COLUMNS order. */
export function csvCells(source: string, r: MetricRecord): string[] {
  return [
    textCell(source),
    textCell(r.metric),
    textCell(r.label),
    numberCell(r.value),
    textCell(r.unit),
    textCell(r.text),
    numberCell(r.start),
    numberCell(r.end),
    boolCell(r.approximate),
    boolCell(r.redacted),
    textCell(r.qualifier),
    textCell(r.column),
  ];
}

function toCsv(rows: string[][]): string {
  if (rows.length === 0) return '';
  return stringify(rows, { record_delimiter: 'unix', quoted_match: /^\s|\s$/ });
}

/** The header line (with its newline). */
export function csvHeader(): string {
  return toCsv([[...CSV_COLUMNS]]);
}

/** The rows for one document (empty for an ok:false document or one without metrics). */
export function csvRows(result: DocumentResult): string {
  if (!result.ok) return '';
  return toCsv(result.metrics.map((r) => csvCells(result.source, r)));
}

/** Header plus every document's rows. */
export function renderCsv(results: readonly DocumentResult[]): string {
  return csvHeader() + results.map(csvRows).join('');
}
