// `--wide`: one row per document, one column per metric, for comparing regions.
//
// A metric's cell holds the value of its FIRST statement in reading order (smallest `start`)
// that is a level: no `qualifier` (not a target or a plan) and not redacted. A bulletin states
// its headline figure first and its breakdown (其中…) after it, so the first level is the total.
// A metric stated only as a target, a plan or a redacted figure, or not at all, is an empty cell.
// The long format (one row per record) keeps every statement; the xlsx wide sheet notes them.
import type { CompiledRule } from '../rules/catalog.js';
import type { DocumentResult, MetricRecord } from '../schema.js';
import { inertText, plainNumber } from './csv.js';
import { stringify } from 'csv-stringify/sync';

/** The document columns before the metric columns. */
export const WIDE_DOCUMENT_COLUMNS = ['source', 'title', 'issuer', 'region', 'year', 'period', 'error'] as const;

/** Header: the document columns, then one column per metric id, in catalog order (user metrics last). */
export function wideColumns(rules: readonly CompiledRule[]): string[] {
  return [...WIDE_DOCUMENT_COLUMNS, ...rules.map((r) => r.rule.id)];
}

/** The record a wide cell shows, or undefined (see the file comment). */
export function wideRecord(records: readonly MetricRecord[]): MetricRecord | undefined {
  let best: MetricRecord | undefined;
  for (const r of records) {
    if (r.qualifier !== undefined || r.redacted || r.value === null) continue;
    if (!best || r.start < best.start) best = r;
  }
  return best;
}

export interface WideCell {
  metric: string;
  /** The value shown, or null for an empty cell. */
  value: number | null;
  /** The record shown. */
  shown: MetricRecord | undefined;
  /** Every statement of the metric in the document, in reading order. */
  all: MetricRecord[];
}

export interface WideRow {
  source: string;
  title: string | null;
  issuer: string | null;
  region: string | null;
  year: number | null;
  period: string | null;
  /** The error code of an ok:false document. */
  error: string | null;
  cells: WideCell[];
}

export function wideRow(result: DocumentResult, rules: readonly CompiledRule[]): WideRow {
  const byMetric = new Map<string, MetricRecord[]>();
  if (result.ok) {
    for (const m of result.metrics) {
      const list = byMetric.get(m.metric);
      if (list) list.push(m);
      else byMetric.set(m.metric, [m]);
    }
  }
  const cells = rules.map(({ rule }) => {
    const all = (byMetric.get(rule.id) ?? []).slice().sort((a, b) => a.start - b.start);
    const shown = wideRecord(all);
    return { metric: rule.id, value: shown ? shown.value : null, shown, all };
  });
  const d = result.ok ? result.document : null;
  return {
    source: result.source,
    title: d?.title ?? null,
    issuer: d?.issuer ?? null,
    region: d?.region ?? null,
    year: d?.year ?? null,
    period: d?.period ?? null,
    error: result.ok ? null : result.error.code,
    cells,
  };
}

const text = (v: string | null): string => (v === null ? '' : inertText(v));
const num = (v: number | null): string => (v === null ? '' : plainNumber(v));

function toCsv(rows: string[][]): string {
  return stringify(rows, { record_delimiter: 'unix', quoted_match: /^\s|\s$/ });
}

export function wideCsvHeader(rules: readonly CompiledRule[]): string {
  return toCsv([wideColumns(rules)]);
}

/** One line for one document (also for an ok:false one: its `error` cell is filled). */
export function wideCsvRow(result: DocumentResult, rules: readonly CompiledRule[]): string {
  const r = wideRow(result, rules);
  return toCsv([[text(r.source), text(r.title), text(r.issuer), text(r.region), num(r.year), text(r.period), text(r.error), ...r.cells.map((c) => num(c.value))]]);
}

export function renderWideCsv(results: readonly DocumentResult[], rules: readonly CompiledRule[]): string {
  return wideCsvHeader(rules) + results.map((r) => wideCsvRow(r, rules)).join('');
}
