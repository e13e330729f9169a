// Every record of every fixture is grounded — original.slice(start, end) === text — in the
// simplified fixtures, traditional copies (OpenCC cn→tw), GB18030 copies and PDF-like copies
// (spaces around figures, hard line breaks), whatever conversion ran inside.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';
import { decodeBytes } from '../src/io/decode.js';

const dir = join(import.meta.dirname, '..', 'fixtures');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** The PDF look the scorer makes: spaces around figures and a hard break every ~34 characters. */
function pdfLike(text: string): string {
  const spaced = text.replace(/([0-9][0-9.,]*)/g, ' $1 ');
  let out = '';
  let col = 0;
  for (const ch of spaced) {
    out += ch;
    col = ch === '\n' ? 0 : col + 1;
    if (col >= 34 && !/[0-9.]/.test(ch)) {
      out += '\n';
      col = 0;
    }
  }
  return out;
}

const variants: Record<string, (s: string) => { text: string; encoding?: 'gb18030' }> = {
  simplified: (s) => ({ text: s }),
  traditional: (s) => ({ text: toTraditional(s) }),
  gb18030: (s) => {
    const decoded = decodeBytes(iconv.encode(s, 'gb18030'), 'x.txt');
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(s);
    return { text: decoded.text, encoding: 'gb18030' };
  },
  pdf: (s) => ({ text: pdfLike(s) }),
};

describe('grounding', () => {
  for (const [name, make] of Object.entries(variants)) {
    for (const f of fixtures) {
      it(`${name}: ${f}`, () => {
        const { text, encoding } = make(readFileSync(join(dir, f), 'utf8'));
        const doc = extractDocument(text, { source: f, ...(encoding ? { encoding } : {}) });
        expect(doc.metrics.length).toBeGreaterThan(0);
        for (const m of doc.metrics) expect(text.slice(m.start, m.end)).toBe(m.text);
      });
    }
  }

  it('the same figures come out of every variant', () => {
    for (const f of fixtures) {
      const base = readFileSync(join(dir, f), 'utf8');
      const values = (t: string) => extractDocument(t).metrics.map((m) => `${m.metric}=${m.value}`);
      const want = values(base);
      expect(values(toTraditional(base))).toEqual(want);
      expect(values(pdfLike(base))).toEqual(want);
    }
  });
});
