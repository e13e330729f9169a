// Property tests (fast-check): for random text mixed from fixture fragments, figures, units,
// cue words and noise, extraction never throws, every document validates against the output
// schema and every record is grounded. Plus properties of the pieces speed relies on: the
// OpenCC skip, the streamed JSON, the CSV formula guard.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';
import { extract } from '../src/index.js';
import { csvCells, csvRows, inertText, plainNumber } from '../src/render/csv.js';
import { jsonBefore, jsonClose, jsonElement, renderJson } from '../src/render/json.js';
import { builtinRules } from '../src/rules/catalog.js';
import { ANTI_CUES, BREAKDOWN_WORDS, CAP_WORDS, CHANGE_WORDS, ENUMERATION_JOINERS, GENERIC_MONEY_CUES, PLAN_WORDS, TARGET_WORDS } from '../src/rules/lexicon.js';
import { DocumentOk, DocumentResult, type MetricRecord } from '../src/schema.js';
import { mayChangeScript } from '../src/text/script.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

const require = createRequire(import.meta.url);
const RUNS = 250;

// ---------------------------------------------------------------- generators

const fixtureTexts = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(path.join(FIXTURES, f), 'utf8'));
/** Fragments of the fixtures: clauses and lines, as they come. */
const fragments = [...new Set(fixtureTexts.flatMap((t) => t.split(/(?<=[，。；：\n])/)).filter((s) => s.length > 0 && s.length < 120))];
/** The words the cue patterns are made of (runs of Chinese characters in their sources) and topics. */
const cueWords = [...new Set(builtinRules().flatMap((r) => [...r.rule.topics, ...r.cues.flatMap((c) => c.source.match(/[\u4e00-\u9fff]+/g) ?? [])]))];
const lexicon = [...ANTI_CUES, ...CHANGE_WORDS, ...CAP_WORDS, ...GENERIC_MONEY_CUES, ...TARGET_WORDS, ...PLAN_WORDS, ...BREAKDOWN_WORDS, ...ENUMERATION_JOINERS];
const units = ['元', '万元', '亿元', '人', '人次', '万人', '家', '个', '件', '例', '项', '种', '%', '个百分点', '余人', '多万元', '万', '亿'];
const digits = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 1, max: 999 }).map((n) => `${n},${String(n).padStart(3, '0')}`),
  fc.constantFrom('一千二百', '三万五', '百分之九十五点五', 'XX', '××', '20XX', '-3.96', '1,', '０１２３'),
);
const noise = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.constantFrom(' ', '\n', '\n\n', '\t', '|', '（', '）', '(', ')', '、', '，', '。', '；', '：', '-', '~', '至', '\u3000', '\r\n', '\uFFFD', '\uD800', '𠀀', 'ＡＢＣ', '１２'),
);
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...fragments) },
  { weight: 3, arbitrary: digits },
  { weight: 2, arbitrary: fc.constantFrom(...units) },
  { weight: 2, arbitrary: fc.constantFrom(...cueWords) },
  { weight: 2, arbitrary: fc.constantFrom(...lexicon) },
  { weight: 2, arbitrary: noise },
);
const bulletin = fc.array(piece, { maxLength: 80 }).map((a) => a.join(''));

function expectValidAndGrounded(doc: unknown, original: string): void {
  const parsed = DocumentOk.parse(doc);
  for (const m of parsed.metrics) {
    expect(m.start).toBeGreaterThanOrEqual(0);
    expect(m.end).toBeLessThanOrEqual(original.length);
    expect(original.slice(m.start, m.end)).toBe(m.text);
  }
}

// ---------------------------------------------------------------- extraction

describe('property: extraction on mixed text', () => {
  it('never throws; every document validates; every record is grounded', () => {
    fc.assert(
      fc.property(bulletin, (text) => {
        expectValidAndGrounded(extractDocument(text), text);
      }),
      { numRuns: RUNS },
    );
  });

  it('the same in traditional script (OpenCC cn→tw on the same text)', () => {
    const toTraditional = require('opencc-js').Converter({ from: 'cn', to: 'tw' }) as (s: string) => string;
    fc.assert(
      fc.property(bulletin, (text) => {
        const t = toTraditional(text);
        expectValidAndGrounded(extractDocument(t), t);
      }),
      { numRuns: 100 },
    );
  });

  it('the library entry point agrees with the core and never rejects', async () => {
    await fc.assert(
      fc.asyncProperty(bulletin, async (text) => {
        const doc = await extract(text, { source: 'p.txt' });
        expect(DocumentResult.parse(doc)).toEqual(doc);
        expect(doc.metrics).toEqual(extractDocument(text, { source: 'p.txt' }).metrics);
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary Unicode (lone surrogates, controls) never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectValidAndGrounded(extractDocument(text), text);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- OpenCC skip

describe('property: the OpenCC skip is sound', () => {
  const convert = require('opencc-js/t2cn').Converter({ from: 't', to: 'cn' }) as (s: string) => string;
  // Simplified and traditional characters, compatibility ideographs, first units of phrases.
  const chars = [...new Set([...fixtureTexts.join(''), ...'乾坤著麼于於後后髮發裡裏為爲台臺面麵隻只鍾鐘豈更車賈滑串句龜契金喇奈', '\uF900', '\uF901', '\uFA10', '一坏'])];
  const text = fc.array(fc.constantFrom(...chars), { maxLength: 60 }).map((a) => a.join(''));

  it('mayChangeScript(s) is false only when t→cn returns s unchanged', () => {
    fc.assert(
      fc.property(text, (s) => {
        if (!mayChangeScript(s)) expect(convert(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    for (const t of fixtureTexts) if (!mayChangeScript(t)) expect(convert(t)).toBe(t);
  });

  it('src/text/t2cn-triggers.ts is generated from the installed opencc-js', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-t2cn-triggers.mjs'), '--check'], { stdio: 'pipe' });
  });
});

// ---------------------------------------------------------------- output

const docs = fc.array(bulletin, { minLength: 0, maxLength: 4 }).map((texts) => texts.map((t, i) => extractDocument(t, { source: `d${i}.txt` })));

describe('property: streamed output', () => {
  it('json written one document at a time is renderJson, byte for byte', () => {
    fc.assert(
      fc.property(docs, (ds) => {
        const streamed = ds.map((d, i) => jsonBefore(i) + jsonElement(d)).join('') + jsonClose(ds.length);
        expect(streamed).toBe(renderJson(ds));
      }),
      { numRuns: 60 },
    );
  });
});

describe('property: CSV cells a spreadsheet would run are inert; numbers stay numbers', () => {
  const record = (text: string, value: number | null): MetricRecord => ({
    metric: 'fines',
    label: '罚款金额',
    value,
    unit: 'yuan',
    text,
    start: 0,
    end: text.length,
    approximate: false,
    redacted: value === null,
  });
  const dangerous = fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string({ maxLength: 12 })).map(([a, b]) => a + b);

  it('every text cell starting with = + - @ tab or CR gets a leading apostrophe; no other cell does', () => {
    fc.assert(
      fc.property(fc.oneof(dangerous, fc.string({ maxLength: 12 }).filter((s) => s.length > 0)), fc.oneof(dangerous, fc.string({ maxLength: 12 })), (text, source) => {
        const cells = csvCells(source, record(text, 1));
        for (const i of [0, 1, 2, 4, 5]) {
          const raw = [source, 'fines', '罚款金额', '', 'yuan', text][i]!;
          expect(cells[i]).toBe(/^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw);
          expect(cells[i]).not.toMatch(/^[=+\-@\t\r]/);
        }
        expect(inertText(text)).not.toMatch(/^[=+\-@\t\r]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('value, start and end are plain decimals (a negative stays -39600): Number() gives the value back', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e22, max: 1e22 }), (v) => {
        const cells = csvCells('a.txt', record('x', v));
        expect(cells[3]).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(cells[3])).toBe(Object.is(v, -0) ? 0 : v);
        expect(cells[3]).toBe(plainNumber(v));
        expect(cells[6]).toBe('0');
      }),
      { numRuns: RUNS },
    );
    expect(csvRows({ source: '-', ok: true, document: extractDocument('').document, metrics: [record('罚款-39600元', -39600)], warnings: [] })).toBe(
      "'-,fines,罚款金额,-39600,yuan,罚款-39600元,0,9,false,false,,\n",
    );
  });
});
