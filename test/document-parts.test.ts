// A batch runs a document's prose engine in a partner thread (src/worker.ts): beginDocument here,
// proseFindings there, packed into a Float64Array and back, then finishDocument. That split must
// give exactly what extractDocument gives, and packing must lose nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { QUALIFIERS } from '../src/constants.js';
import { beginDocument, extractDocument, finishDocument, packFindings, proseFindings, unpackFindings, type ProseFinding } from '../src/extract/document.js';
import { builtinRules } from '../src/rules/catalog.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const docs = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => path.join(FIXTURES, f)),
  ...readdirSync(path.join(ROOT, 'test/heldout/docs')).filter((f) => f.endsWith('.txt')).map((f) => path.join(ROOT, 'test/heldout/docs', f)),
].map((f) => readFileSync(f, 'utf8'));

describe('a document read in two parts', () => {
  it('gives what extractDocument gives, on every fixture and held-out document, as is and in traditional script', () => {
    const rules = builtinRules();
    for (const text of [...docs, ...docs.map(toTraditional)]) {
      const parts = beginDocument(text, { source: 'x.txt' });
      const findings = proseFindings(parts.norm.text, rules);
      expect(unpackFindings(packFindings(findings))).toEqual(findings);
      expect(finishDocument(parts, unpackFindings(packFindings(findings)))).toEqual(extractDocument(text, { source: 'x.txt' }));
    }
  });

  it('packs any findings without loss', () => {
    const finding: fc.Arbitrary<ProseFinding> = fc
      .record({
        ruleIndex: fc.nat(1000),
        start: fc.nat(1 << 30),
        end: fc.nat(1 << 30),
        figureStart: fc.nat(1 << 30),
        figureEnd: fc.nat(1 << 30),
        value: fc.option(fc.double({ noNaN: true }), { nil: null }),
        approximate: fc.boolean(),
        redacted: fc.boolean(),
        qualifier: fc.constantFrom(undefined, ...QUALIFIERS),
      })
      .map(({ qualifier, ...f }) => (qualifier === undefined ? f : { ...f, qualifier }));
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 20 }), (findings) => {
        expect(unpackFindings(packFindings(findings))).toEqual(findings);
      }),
    );
  });
});
