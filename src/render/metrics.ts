// `mbreport metrics`: the catalog as a table for people or JSON for scripts.
import type { CompiledRule } from '../rules/catalog.js';

export interface MetricListing {
  id: string;
  label: string;
  unit: string;
  description: string;
  cues: string[];
  topics: string[];
  blockers: string[];
}

export function metricListing(rules: readonly CompiledRule[]): MetricListing[] {
  return rules.map(({ rule, cues }) => ({
    id: rule.id,
    label: rule.label,
    unit: rule.unit,
    description: rule.description,
    cues: cues.map((c) => c.source),
    topics: rule.topics,
    blockers: rule.blockers,
  }));
}

export function renderMetricsJson(rules: readonly CompiledRule[]): string {
  return `${JSON.stringify(metricListing(rules), null, 2)}\n`;
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - width(s)));

export function renderMetricsText(rules: readonly CompiledRule[]): string {
  const rows = metricListing(rules);
  const idW = Math.max(...rows.map((r) => width(r.id)), 2) + 2;
  const labelW = Math.max(...rows.map((r) => width(r.label)), 5) + 2;
  const unitW = Math.max(...rows.map((r) => width(r.unit)), 4) + 2;
  const lines = [`${pad('id', idW)}${pad('label', labelW)}${pad('unit', unitW)}cues (patterns, simplified script)`];
  for (const r of rows) lines.push(`${pad(r.id, idW)}${pad(r.label, labelW)}${pad(r.unit, unitW)}${r.cues.join(' · ')}`);
  return `${lines.join('\n')}\n`;
}
