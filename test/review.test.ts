// The review page as a string (no browser): escaping, overlapping spans, errors, determinism.
// test/review-browser.test.ts checks it in headless Chromium.
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';
import { escapeHtml, groupDigits, renderReview, valueWithUnit } from '../src/render/review.js';
import { builtinRules } from '../src/rules/catalog.js';
import type { DocumentError, DocumentOk, MetricRecord } from '../src/schema.js';

function rec(over: Partial<MetricRecord>): MetricRecord {
  return { metric: 'aid_visits', label: '医疗救助人次', value: 1, unit: 'person_time', text: 'x', start: 0, end: 1, approximate: false, redacted: false, ...over };
}

function doc(text: string, metrics: MetricRecord[]): DocumentOk {
  return {
    source: 'a<b>.txt', ok: true, warnings: ['TRUNCATED_INPUT: <cut>'], metrics,
    document: { title: null, issuer: null, region: null, year: null, period: null, script: 'simplified', encoding: 'utf-8', chars: text.length },
  };
}

/** The text inside <pre>, tags removed and entities decoded: must be the original. */
function shownText(html: string): string {
  const pre = /<pre class="text"[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!;
  return pre.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('renderReview', () => {
  it('escapes the text, the source and the warnings; the shown text is the original', () => {
    const text = '<script>alert(1)</script> 救助1000人次 & "引号" \'x\'';
    const start = text.indexOf('救助');
    const html = renderReview([{ result: doc(text, [rec({ text: '救助1000人次', start, end: start + 8, value: 1000 })]), text }], { rules: builtinRules() });
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script>/g)?.length).toBe(1); // ours
    expect(html).toContain('a&lt;b&gt;.txt');
    expect(html).toContain('TRUNCATED_INPUT: &lt;cut&gt;');
    expect(shownText(html)).toBe(text);
    expect(html).toContain('<mark class="ev" data-r="d0r0" data-metric="aid_visits" data-metrics="aid_visits">救助1000人次</mark>');
  });

  it('splits overlapping and nested spans; each piece lists every record that covers it', () => {
    const text = '救助人次和金额分别为1000人次、200万元';
    const a = rec({ text: text.slice(0, 16), start: 0, end: 16, value: 1000 });
    const b = rec({ metric: 'aid_amount', label: '医疗救助金额', unit: 'yuan', text: text.slice(0, 2), start: 0, end: 2, value: 2000000 });
    const c = rec({ metric: 'aid_amount', label: '医疗救助金额', unit: 'yuan', text: text.slice(17), start: 17, end: text.length, value: 2000000 });
    const html = renderReview([{ result: doc(text, [a, b, c]), text }], { rules: builtinRules() });
    const marks = [...html.matchAll(/<mark class="ev" data-r="([^"]+)" data-metric="([^"]+)" data-metrics="([^"]+)">([^<]*)<\/mark>/g)].map((m) => m.slice(1));
    expect(marks).toEqual([
      ['d0r0 d0r1', 'aid_amount', 'aid_visits aid_amount', '救助'], // the shorter span colours the piece
      ['d0r0', 'aid_visits', 'aid_visits', text.slice(2, 16)],
      ['d0r2', 'aid_amount', 'aid_amount', text.slice(17)],
    ]);
    expect(shownText(html)).toBe(text);
  });

  it('shows an error document with its code and message, and counts', () => {
    const failed: DocumentError = { source: 'scan.pdf', ok: false, error: { code: 'BINARY_INPUT', message: 'scan.pdf looks like a binary file, not text' } };
    const html = renderReview([{ result: failed, text: null }], { rules: builtinRules(), title: 'T & T' });
    expect(html).toContain('<div class="error" role="alert"><b>BINARY_INPUT</b> scan.pdf looks like a binary file, not text</div>');
    expect(html).toContain('<title>T &amp; T</title>');
    expect(html).toContain('1 document · 0 records · 1 error');
  });

  it('is deterministic and self-contained', () => {
    const text = '全年实施医疗救助12563人次、2108.6万元。参保率达98.8%。';
    const result = extractDocument(text);
    const one = renderReview([{ result, text }], { rules: builtinRules() });
    expect(renderReview([{ result, text }], { rules: builtinRules() })).toBe(one);
    expect(one).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(one).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=|https?:\/\//i);
  });

  it('values with units, grouped without a locale', () => {
    expect(groupDigits(1214531.81)).toBe('1,214,531.81');
    expect(groupDigits(-39600)).toBe('-39,600');
    expect(groupDigits(1e21)).toBe('1,000,000,000,000,000,000,000');
    expect(valueWithUnit(rec({ value: 98.8, unit: 'percent' }))).toBe('98.8%');
    expect(valueWithUnit(rec({ value: 3159 }))).toBe('3,159 人次');
    expect(valueWithUnit(rec({ value: null, redacted: true }))).toBe('—');
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});
