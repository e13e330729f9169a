// `mbreport review`: one self-contained HTML page to check the extraction by eye.
//
// Each document: its original text with every evidence span highlighted in its metric's
// colour, and beside it the table of its records (metric, value with unit, flags). Clicking a
// record scrolls its span into view and flashes it; clicking a highlight selects its records;
// a select filters by metric. Documents that could not be read show their error.
//
// Self-contained: inline CSS and JS, no fonts, images or requests (a Content-Security-Policy
// forbids any). Pure: documents and their texts in, a string out. The CLI imports this module
// only for `mbreport review`.
import type { CompiledRule } from '../rules/catalog.js';
import type { DocumentResult, MetricRecord } from '../schema.js';
import { plainNumber } from './csv.js';

export interface ReviewDocument {
  result: DocumentResult;
  /** The decoded text the offsets index (null when it could not be read or decoded). */
  text: string | null;
}

export interface ReviewOptions {
  /** The metrics in use: their order fixes the colours and the filter's list. */
  rules: readonly CompiledRule[];
  /** The page title. */
  title?: string;
}

const UNIT_LABELS: Readonly<Record<string, string>> = {
  person: '人',
  person_time: '人次',
  institution: '家',
  case: '件',
  item: '项',
  yuan: '元',
  percent: '%',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** 1214531.81 → "1,214,531.81" (no locale: the same everywhere). */
export function groupDigits(n: number): string {
  const s = plainNumber(n);
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  // Commas every three digits from the right (a loop: /\B(?=(\d{3})+(?!\d))/g rescans the rest of
  // the digits at every position, quadratic in their number).
  const int = m[2] ?? '';
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ',';
    grouped += int[i];
  }
  return `${m[1] ?? ''}${grouped}${m[3] ?? ''}`;
}

/** The value as shown: "1,214,531.81 元", "98.8%", "— (redacted)". */
export function valueWithUnit(m: MetricRecord): string {
  if (m.value === null) return '—';
  const unit = UNIT_LABELS[m.unit] ?? m.unit;
  return m.unit === 'percent' ? `${groupDigits(m.value)}%` : `${groupDigits(m.value)} ${unit}`;
}

/** Kenneth Kelly's colours of maximum contrast (white and black left out), one per metric. */
const KELLY = [
  '#be0032', '#008856', '#0067a5', '#f3c300', '#875692', '#f38400', '#a1caf1', '#8db600', '#e68fac', '#c2b280',
  '#604e97', '#f99379', '#dcd300', '#b3446c', '#848482', '#f6a600', '#882d17', '#2b3d26', '#e25822', '#654522',
];

/** Mix a #rrggbb colour with white: `keep` of the colour, the rest white. */
function tint(hex: string, keep: number): string {
  const n = parseInt(hex.slice(1), 16);
  const ch = (shift: number): string => Math.round(((n >> shift) & 255) * keep + 255 * (1 - keep)).toString(16).padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

/** A light background (the text stays readable) and a strong underline, distinct per metric. */
function metricColour(i: number): { bg: string; fg: string } {
  const kelly = KELLY[i];
  if (kelly) return { bg: tint(kelly, 0.45), fg: kelly };
  const hue = Math.round((i * 137.508) % 360); // more metrics than colours: golden-angle hues
  return { bg: `hsl(${hue} 85% ${i % 2 === 0 ? 80 : 72}%)`, fg: `hsl(${hue} 75% 30%)` };
}

interface Mark {
  start: number;
  end: number;
  ids: string[];
  metrics: string[];
  /** The metric whose colour the segment takes: the shortest covering record's. */
  metric: string;
}

/** Cut the text at every record boundary: each piece covered by records becomes one highlight (a sweep). */
function marksFor(records: readonly { id: string; m: MetricRecord }[]): Mark[] {
  const cuts = [...new Set(records.flatMap(({ m }) => [m.start, m.end]))].sort((a, b) => a - b);
  const byStart = [...records].sort((a, b) => a.m.start - b.m.start);
  const marks: Mark[] = [];
  let active: { id: string; m: MetricRecord }[] = [];
  let next = 0;
  for (let k = 0; k + 1 < cuts.length; k++) {
    const start = cuts[k]!;
    const end = cuts[k + 1]!;
    active = active.filter(({ m }) => m.end > start);
    while (next < byStart.length && byStart[next]!.m.start <= start) active.push(byStart[next++]!);
    if (active.length === 0) continue;
    const covering = [...active].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const inner = covering.reduce((a, b) => (b.m.end - b.m.start < a.m.end - a.m.start ? b : a));
    marks.push({ start, end, ids: covering.map((c) => c.id), metrics: [...new Set(covering.map((c) => c.m.metric))], metric: inner.m.metric });
  }
  return marks;
}

function highlightedText(text: string, marks: readonly Mark[]): string {
  let out = '';
  let at = 0;
  for (const mk of marks) {
    out += escapeHtml(text.slice(at, mk.start));
    out += `<mark class="ev" data-r="${mk.ids.join(' ')}" data-metric="${mk.metric}" data-metrics="${mk.metrics.join(' ')}">${escapeHtml(text.slice(mk.start, mk.end))}</mark>`;
    at = mk.end;
  }
  return out + escapeHtml(text.slice(at));
}

function flags(m: MetricRecord): string {
  const out: string[] = [];
  if (m.approximate) out.push('<span class="flag" title="approximate: 约, 余, 近…">≈ approx.</span>');
  if (m.redacted) out.push('<span class="flag warn" title="the figure is redacted in the text">redacted</span>');
  if (m.qualifier) out.push(`<span class="flag warn" title="not a level: a ${m.qualifier}">${escapeHtml(m.qualifier)}</span>`);
  if (m.column !== undefined) out.push(`<span class="flag" title="table column">col: ${escapeHtml(m.column)}</span>`);
  return out.join(' ');
}

function meta(result: DocumentResult): string {
  if (!result.ok) return '';
  const d = result.document;
  const bits = [
    d.title,
    d.issuer,
    d.region,
    d.year === null ? null : `${d.year}${d.period ? ` ${d.period}` : ''}`,
    `${d.encoding}, ${d.script}, ${d.chars} chars`,
  ].filter((x): x is string => x !== null && x !== '');
  return `<p class="meta">${bits.map(escapeHtml).join(' · ')}</p>`;
}

function documentSection(doc: ReviewDocument, i: number, labels: ReadonlyMap<string, string>): string {
  const { result, text } = doc;
  const head = `<h2><span class="num">${i + 1}</span> ${escapeHtml(result.source)}</h2>${meta(result)}`;
  if (!result.ok) {
    return `<section class="doc failed" id="doc-${i}" data-source="${escapeHtml(result.source)}" data-records="0">${head}<div class="error" role="alert"><b>${escapeHtml(result.error.code)}</b> ${escapeHtml(result.error.message)}</div></section>`;
  }
  const warnings = result.warnings.length
    ? `<ul class="warnings">${result.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>`
    : '';
  const recs = result.metrics.map((m, k) => ({ id: `d${i}r${k}`, m }));
  const body = text === null ? '<p class="none">(text not available)</p>' : `<pre class="text" tabindex="0">${highlightedText(text, marksFor(recs))}</pre>`;
  const rows = recs
    .map(
      ({ id, m }) =>
        `<tr class="rec" data-r="${id}" data-metric="${m.metric}" tabindex="0" title="${escapeHtml(m.text)} [${m.start}, ${m.end})"><td class="swatch-cell"><span class="swatch" data-metric="${m.metric}"></span></td><td>${escapeHtml(labels.get(m.metric) ?? m.label)}<br><small>${m.metric}</small></td><td class="value">${escapeHtml(valueWithUnit(m))}</td><td>${flags(m)}</td></tr>`,
    )
    .join('');
  const table = recs.length
    ? `<table class="records"><thead><tr><th></th><th>metric</th><th>value</th><th>flags</th></tr></thead><tbody>${rows}</tbody></table>`
    : '<p class="none">no metrics found</p>';
  return `<section class="doc" id="doc-${i}" data-source="${escapeHtml(result.source)}" data-records="${recs.length}" data-metrics="${[...new Set(result.metrics.map((m) => m.metric))].join(' ')}">${head}${warnings}<div class="panes">${body}<div class="side">${table}</div></div></section>`;
}

const CSS = `
:root{color-scheme:light;--line:#d8dbe0;--muted:#5f6670;--err:#b3261e;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1c1f24}
header.top{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.top h1{font-size:1.05rem;margin:0}
header.top .counts{color:var(--muted);font-size:.9rem}
header.top label{font-size:.9rem}
select{font:inherit;padding:.15rem .3rem}
.legend{display:flex;flex-wrap:wrap;gap:.3rem;width:100%}
.legend button{font:inherit;font-size:.78rem;border:1px solid var(--line);border-radius:999px;background:#fff;padding:.05rem .55rem .05rem .35rem;cursor:pointer}
.legend button[aria-pressed=true]{outline:2px solid #1c1f24}
.legend .n{color:var(--muted)}
main{padding:1rem;display:flex;flex-direction:column;gap:1.25rem}
section.doc{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem}
section.doc.hidden{display:none}
section.doc h2{font-size:1rem;margin:.1rem 0 .2rem;word-break:break-all}
section.doc h2 .num{display:inline-block;min-width:1.6rem;color:var(--muted)}
.meta{margin:0 0 .5rem;color:var(--muted);font-size:.85rem}
.error{border-left:4px solid var(--err);background:#fdecea;color:var(--err);padding:.5rem .75rem;border-radius:4px}
.warnings{margin:.25rem 0 .5rem;padding-left:1.2rem;color:#8a5300;font-size:.85rem}
.panes{display:grid;grid-template-columns:minmax(0,3fr) minmax(18rem,2fr);gap:1rem;align-items:start}
@media (max-width:900px){.panes{grid-template-columns:1fr}}
pre.text{margin:0;max-height:70vh;overflow:auto;white-space:pre-wrap;word-break:break-all;font:inherit;font-size:.92rem;line-height:1.75;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;background:#fcfcfd}
mark.ev{background:var(--bg);color:inherit;border-bottom:2px solid var(--fg);border-radius:2px;padding:0 1px;cursor:pointer}
mark.ev.off{background:transparent;border-bottom-color:transparent}
mark.ev.active{outline:2px solid var(--fg)}
mark.ev.flash{animation:flash 1.6s ease-out}
@keyframes flash{0%,30%{background:#ffe500;box-shadow:0 0 0 4px #ffe500}100%{box-shadow:0 0 0 0 transparent}}
.side{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:6px}
table.records{border-collapse:collapse;width:100%;font-size:.85rem}
table.records th{position:sticky;top:0;background:#eef0f3;text-align:left;font-weight:600;padding:.3rem .4rem}
table.records td{border-top:1px solid var(--line);padding:.3rem .4rem;vertical-align:top}
table.records small{color:var(--muted)}
tr.rec{cursor:pointer}
tr.rec:hover,tr.rec:focus{background:#f0f4ff;outline:none}
tr.rec.active{background:#e2eaff}
tr.rec.hidden{display:none}
td.value{white-space:nowrap;font-variant-numeric:tabular-nums;text-align:right}
.swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:3px;background:var(--bg);border:1px solid var(--fg);vertical-align:middle}
.flag{display:inline-block;font-size:.72rem;border:1px solid var(--line);border-radius:4px;padding:0 .3rem;margin:0 .15rem .15rem 0;white-space:nowrap}
.flag.warn{border-color:#e0a030;background:#fff6e0}
.none{color:var(--muted);font-style:italic;margin:.5rem}
`;

// Plain ES2017, no modules, no network.
const JS = `
(function(){
  'use strict';
  var flashTimers = new WeakMap();
  function marksOf(id){ return document.querySelectorAll('mark.ev[data-r~="' + id + '"]'); }
  function rowsOf(id){ return document.querySelectorAll('tr.rec[data-r="' + id + '"]'); }
  function clearActive(){
    document.querySelectorAll('.active').forEach(function(el){ el.classList.remove('active'); });
  }
  function flash(el){
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    clearTimeout(flashTimers.get(el));
    flashTimers.set(el, setTimeout(function(){ el.classList.remove('flash'); }, 1700));
  }
  function showRecord(id){
    var marks = marksOf(id);
    clearActive();
    rowsOf(id).forEach(function(r){ r.classList.add('active'); });
    if (!marks.length) return;
    marks[0].scrollIntoView({block: 'center', inline: 'nearest'});
    marks.forEach(function(m){ m.classList.add('active'); flash(m); });
  }
  document.addEventListener('click', function(e){
    var t = e.target;
    if (!(t instanceof Element)) return;
    var row = t.closest('tr.rec');
    if (row) { showRecord(row.getAttribute('data-r')); return; }
    var mark = t.closest('mark.ev');
    if (mark) {
      clearActive();
      var ids = mark.getAttribute('data-r').split(' ');
      ids.forEach(function(id){
        marksOf(id).forEach(function(m){ m.classList.add('active'); });
        rowsOf(id).forEach(function(r){ r.classList.add('active'); });
      });
      var first = rowsOf(ids[ids.length - 1])[0];
      if (first) first.scrollIntoView({block: 'nearest'});
      return;
    }
    var chip = t.closest('.legend button');
    if (chip) {
      var select = document.getElementById('metric-filter');
      select.value = select.value === chip.getAttribute('data-metric') ? '' : chip.getAttribute('data-metric');
      applyFilter();
    }
  });
  document.addEventListener('keydown', function(e){
    var t = e.target;
    if ((e.key === 'Enter' || e.key === ' ') && t instanceof Element && t.matches('tr.rec')) {
      e.preventDefault();
      showRecord(t.getAttribute('data-r'));
    }
  });
  function applyFilter(){
    var metric = document.getElementById('metric-filter').value;
    document.querySelectorAll('.legend button').forEach(function(b){
      b.setAttribute('aria-pressed', String(b.getAttribute('data-metric') === metric));
    });
    var shown = 0;
    document.querySelectorAll('section.doc').forEach(function(sec){
      var has = !metric || (' ' + (sec.getAttribute('data-metrics') || '') + ' ').indexOf(' ' + metric + ' ') >= 0;
      sec.classList.toggle('hidden', !has);
      if (has) shown++;
      sec.querySelectorAll('tr.rec').forEach(function(r){
        r.classList.toggle('hidden', !!metric && r.getAttribute('data-metric') !== metric);
      });
      sec.querySelectorAll('mark.ev').forEach(function(m){
        var on = !metric || (' ' + m.getAttribute('data-metrics') + ' ').indexOf(' ' + metric + ' ') >= 0;
        m.classList.toggle('off', !on);
        if (on && metric) m.style.setProperty('--bg', 'var(--bg-' + metric + ')'), m.style.setProperty('--fg', 'var(--fg-' + metric + ')');
        else m.style.removeProperty('--bg'), m.style.removeProperty('--fg');
      });
    });
    document.getElementById('shown').textContent = metric ? shown + ' shown' : '';
  }
  document.getElementById('metric-filter').addEventListener('change', applyFilter);
  applyFilter();
})();
`;

/** The whole page. Deterministic: the same input gives the same bytes. */
export function renderReview(docs: readonly ReviewDocument[], options: ReviewOptions): string {
  const { rules } = options;
  const labels = new Map(rules.map(({ rule }) => [rule.id, rule.label]));
  const counts = new Map<string, number>();
  let records = 0;
  let errors = 0;
  for (const { result } of docs) {
    if (!result.ok) {
      errors++;
      continue;
    }
    records += result.metrics.length;
    for (const m of result.metrics) counts.set(m.metric, (counts.get(m.metric) ?? 0) + 1);
  }
  // Colours for every metric in use, in catalog order (plus any id the rules do not know).
  const ids = [...rules.map(({ rule }) => rule.id), ...[...counts.keys()].filter((id) => !labels.has(id))];
  const palette = ids
    .map((id, i) => {
      const c = metricColour(i);
      return `[data-metric="${id}"]{--bg:${c.bg};--fg:${c.fg}}`;
    })
    .join('\n');
  const vars = `:root{${ids.map((id, i) => `--bg-${id}:${metricColour(i).bg};--fg-${id}:${metricColour(i).fg}`).join(';')}}`;
  const present = ids.filter((id) => counts.has(id));
  const optionsHtml = present.map((id) => `<option value="${id}">${escapeHtml(labels.get(id) ?? id)} · ${id} (${counts.get(id)})</option>`).join('');
  const legend = present
    .map((id) => `<button type="button" data-metric="${id}" aria-pressed="false"><span class="swatch" data-metric="${id}"></span> ${escapeHtml(labels.get(id) ?? id)} <span class="n">${counts.get(id)}</span></button>`)
    .join('');
  const title = options.title ?? 'mbreport review';
  const summary = `${docs.length} document${docs.length === 1 ? '' : 's'} · ${records} record${records === 1 ? '' : 's'} · ${errors} error${errors === 1 ? '' : 's'}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="generator" content="mbreport">
<title>${escapeHtml(title)}</title>
<style>${CSS}
${vars}
${palette}
</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(title)}</h1>
<span class="counts" id="counts">${summary}</span>
<label>Metric <select id="metric-filter"><option value="">all metrics</option>${optionsHtml}</select></label>
<span class="counts" id="shown"></span>
<div class="legend">${legend}</div>
</header>
<main>
${docs.map((d, i) => documentSection(d, i, labels)).join('\n')}
</main>
<script>${JS}</script>
</body>
</html>
`;
}
