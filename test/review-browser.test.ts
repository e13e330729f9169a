/// <reference lib="dom" />
// The review page in a real browser: headless Chromium (Debian's package) via playwright-core.
// Skipped, with a message, on a machine without Chromium; .ci/run installs it so CI always runs it.
import { copyFile, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentResult, type DocumentOk } from '../src/schema.js';
import { hasChromium, launchChromium, SKIP_MESSAGE } from './helpers/browser.js';
import { ensureBuilt, FIXTURES, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/tmp.js';

if (!hasChromium) console.warn(`\n  ⚠ ${SKIP_MESSAGE}\n`);

const tmp = makeTempDir('mbreport-review-');
const NAMES = ['000_3075c7cfa9612663.txt', '001_5cfde8e59982b7fd.txt', '002_e7f40e55d537d7d1.txt'];
let browser: Browser | undefined;
let page: Page;
let docs: DocumentResult[];
const requests: string[] = [];
let html: string;

describe.skipIf(!hasChromium)('mbreport review in headless Chromium', () => {
  beforeAll(async () => {
    ensureBuilt();
    const inputs: string[] = [];
    for (const name of NAMES) {
      await copyFile(path.join(FIXTURES, name), path.join(tmp.dir, name));
      inputs.push(name);
    }
    await writeFile(path.join(tmp.dir, 'scan.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    inputs.push('scan.png');
    const review = await runCli(['review', ...inputs, '--out', 'review.html'], { cwd: tmp.dir });
    expect(review.stderr).toContain('BINARY_INPUT');
    expect(review.code).toBe(1);
    const extract = await runCli(['extract', ...inputs], { cwd: tmp.dir });
    docs = (JSON.parse(extract.stdout) as unknown[]).map((d) => DocumentResult.parse(d));
    html = await readFile(path.join(tmp.dir, 'review.html'), 'utf8');

    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => requests.push(`pageerror: ${e.message}`));
    await page.goto(pathToFileURL(path.join(tmp.dir, 'review.html')).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  it('is one self-contained file: no request but the page itself, no script errors', () => {
    expect(requests).toEqual([pathToFileURL(path.join(tmp.dir, 'review.html')).href]);
    expect(html).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=|https?:\/\//i);
  });

  it('highlights every record: one set of highlights per record, whose text is the evidence', async () => {
    const ok = docs.filter((d): d is DocumentOk => d.ok);
    expect(ok.length).toBe(3);
    for (const [i, doc] of docs.entries()) {
      if (!doc.ok) continue;
      const section = page.locator(`section#doc-${i}`);
      expect(await section.getAttribute('data-source')).toBe(doc.source);
      const rows = await section.locator('tr.rec').evaluateAll((els) => els.map((e) => [e.getAttribute('data-r'), e.getAttribute('data-metric')]));
      expect(rows.length).toBe(doc.metrics.length);
      expect(rows.map((r) => r[1])).toEqual(doc.metrics.map((m) => m.metric));
      // Distinct record ids over all highlights = the records; each record's highlights spell its evidence.
      const marks = await section.locator('mark.ev').evaluateAll((els) => els.map((e) => [e.getAttribute('data-r') ?? '', e.textContent ?? '']));
      const ids = new Set(marks.flatMap(([r]) => r!.split(' ')));
      expect(ids.size).toBe(doc.metrics.length);
      doc.metrics.forEach((m, k) => {
        const spelled = marks.filter(([r]) => r!.split(' ').includes(`d${i}r${k}`)).map(([, t]) => t).join('');
        expect(spelled).toBe(m.text);
      });
      // And the page's text is the original text.
      const text = await section.locator('pre.text').textContent();
      expect(text).toBe(await readFile(path.join(tmp.dir, NAMES[i]!), 'utf8'));
    }
    const total = ok.reduce((s, d) => s + d.metrics.length, 0);
    expect(await page.locator('tr.rec').count()).toBe(total);
  });

  it('colours highlights by metric', async () => {
    const colours = await page.locator('section#doc-0 mark.ev').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-metric'), getComputedStyle(e).backgroundColor]),
    );
    const byMetric = new Map<string, Set<string>>();
    for (const [m, c] of colours) byMetric.set(m!, (byMetric.get(m!) ?? new Set()).add(c!));
    for (const set of byMetric.values()) expect(set.size).toBe(1);
    const distinct = new Set([...byMetric.values()].map((s) => [...s][0]));
    expect(distinct.size).toBe(byMetric.size);
    expect(byMetric.size).toBeGreaterThan(3);
  });

  it('shows the error of a document that could not be read', async () => {
    const i = docs.findIndex((d) => !d.ok);
    const err = page.locator(`section#doc-${i} .error`);
    expect(await err.textContent()).toContain('BINARY_INPUT');
    expect(await page.locator(`section#doc-${i} pre.text`).count()).toBe(0);
  });

  it('clicking a record scrolls its span into view and flashes it', async () => {
    const doc = docs[0] as DocumentOk;
    const k = doc.metrics.length - 1; // the last record: far down the text
    const pre = page.locator('section#doc-0 pre.text');
    await pre.evaluate((el) => el.scrollTo(0, 0));
    expect(await pre.evaluate((el) => el.scrollTop)).toBe(0);
    const mark = page.locator('section#doc-0 mark.ev[data-r~="d0r' + k + '"]').first();
    const outside = await mark.evaluate((m) => {
      const p = m.closest('pre')!.getBoundingClientRect();
      return m.getBoundingClientRect().top > p.bottom;
    });
    expect(outside).toBe(true);

    await page.locator(`section#doc-0 tr.rec[data-r="d0r${k}"]`).click();
    await page.waitForFunction(() => document.querySelector('mark.ev.flash') !== null);
    expect(await pre.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    const box = await mark.evaluate((m) => {
      const p = m.closest('pre')!.getBoundingClientRect();
      const r = m.getBoundingClientRect();
      return { inPane: r.top >= p.top && r.bottom <= p.bottom, inViewport: r.top >= 0 && r.bottom <= window.innerHeight, flash: m.classList.contains('flash'), active: m.classList.contains('active') };
    });
    expect(box).toEqual({ inPane: true, inViewport: true, flash: true, active: true });
    expect(await page.locator(`section#doc-0 tr.rec[data-r="d0r${k}"]`).getAttribute('class')).toContain('active');
    await page.screenshot({ path: path.join(tmp.dir, 'review.png') });
    const png = await readFile(path.join(tmp.dir, 'review.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect((await stat(path.join(tmp.dir, 'review.png'))).size).toBeGreaterThan(10_000);
  });

  it('filters by metric', async () => {
    const metric = (docs[0] as DocumentOk).metrics[0]!.metric;
    await page.selectOption('#metric-filter', metric);
    const rows = await page.locator('tr.rec:not(.hidden)').evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')));
    const expected = docs.flatMap((d) => (d.ok ? d.metrics.filter((m) => m.metric === metric) : []));
    expect(rows.length).toBe(expected.length);
    expect(new Set(rows)).toEqual(new Set([metric]));
    const lit = await page.locator('mark.ev:not(.off)').evaluateAll((els) => els.map((e) => (e.getAttribute('data-metrics') ?? '').split(' ')));
    expect(lit.length).toBeGreaterThan(0);
    for (const ms of lit) expect(ms).toContain(metric);
    // Documents without the metric are hidden (the failed one too).
    const hidden = await page.locator('section.doc.hidden').count();
    expect(hidden).toBe(docs.filter((d) => !d.ok || !d.metrics.some((m) => m.metric === metric)).length);
    await page.selectOption('#metric-filter', '');
    expect(await page.locator('tr.rec.hidden').count()).toBe(0);
    expect(await page.locator('mark.ev.off').count()).toBe(0);
  });
});

describe.skipIf(hasChromium)('mbreport review in headless Chromium (skipped)', () => {
  it.skip(SKIP_MESSAGE, () => undefined);
});
