// The working text and its map back to the original (src/text/normalize.ts): every working unit
// maps to the original span it came from, whatever folding, whitespace or entity rule made it.
import { describe, expect, it } from 'vitest';
import { normalizeText, originalEnd, originalStart } from '../src/text/normalize.js';

/** [working unit, original slice] for every unit of the working text. */
function units(original: string): [string, string][] {
  const n = normalizeText(original);
  const out: [string, string][] = [];
  for (let i = 0; i < n.text.length; i++) out.push([n.text[i]!, original.slice(originalStart(n, i), originalEnd(n, i))]);
  return out;
}

describe('normalizeText offsets', () => {
  it('maps copied and folded units one for one', () => {
    expect(units('参保率９５.８６％，')).toEqual([
      ['参', '参'], ['保', '保'], ['率', '率'], ['9', '９'], ['5', '５'], ['.', '.'], ['8', '８'], ['6', '６'], ['%', '％'], [',', '，'],
    ]);
  });

  it('maps a kept whitespace unit to the whole run, and dropped runs to nothing', () => {
    // A blank line is a paragraph break (one \n for "\n \n"); a space between Chinese characters goes.
    expect(units('一 二\n \n三')).toEqual([['一', '一'], ['二', '二'], ['\n', '\n \n'], ['三', '三']]);
    // Leading and trailing whitespace leaves nothing; words and figures of ASCII keep one space.
    expect(units('  ab   12  ')).toEqual([['a', 'a'], ['b', 'b'], [' ', '   '], ['1', '1'], ['2', '2']]);
  });

  it('maps an HTML entity to its whole text, and a space entity into the whitespace run', () => {
    expect(units('a&ldquo;b&amp;c')).toEqual([['a', 'a'], ['“', '&ldquo;'], ['b', 'b'], ['&', '&amp;'], ['c', 'c']]);
    expect(units('x&nbsp; y')).toEqual([['x', 'x'], [' ', '&nbsp; '], ['y', 'y']]);
    expect(units('a&b')).toEqual([['a', 'a'], ['&', '&'], ['b', 'b']]);
  });

  it('maps both units of a surrogate pair to the pair, and a lone high surrogate to itself', () => {
    expect(units('𠀀人')).toEqual([['\ud840', '𠀀'], ['\udc00', '𠀀'], ['人', '人']]);
    expect(units('人\ud840')).toEqual([['人', '人'], ['\ud840', '\ud840']]);
  });

  it('keeps the offsets of traditional text converted unit for unit', () => {
    const original = '醫療保障局　參保人數１２３萬人';
    const n = normalizeText(original);
    expect(n.text).toBe('医疗保障局参保人数123万人');
    expect(n.script).toBe('traditional');
    for (let i = 0; i < n.text.length; i++) expect(originalEnd(n, i) - originalStart(n, i)).toBe(1);
    expect(original.slice(originalStart(n, 5), originalEnd(n, 8))).toBe('參保人數');
  });

  it('gives ordered, disjoint spans on mixed input', () => {
    const pieces = ['a', ' ', '\n', '\t', '\u3000', '，', '&nbsp;', '&ldquo;', '&', '𠀀', '1', ',', '。', '|', '１', '\r\n', '中', '\u200b', '&amp;'];
    let seed = 11;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 500; k++) {
      let original = '';
      for (let j = Math.floor(next() * 30); j > 0; j--) original += pieces[Math.floor(next() * pieces.length)];
      const n = normalizeText(original);
      let last = 0;
      for (let i = 0; i < n.text.length; i++) {
        const s = originalStart(n, i);
        const e = originalEnd(n, i);
        expect(e).toBeGreaterThan(s);
        // Both units of a surrogate pair share the pair's span; any other span starts after the last.
        if (s < last) expect([s, e]).toEqual([originalStart(n, i - 1), originalEnd(n, i - 1)]);
        last = e;
        expect(e).toBeLessThanOrEqual(original.length);
      }
    }
  });
});
