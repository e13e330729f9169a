// src/text/t2cn.ts gives exactly what opencc-js `Converter({ from: 't', to: 'cn' })` gives: on the
// fixtures and held-out docs (as they are and turned traditional), on every dictionary key alone and
// in random context, and on random mixes of keys, their prefixes, CJK, ASCII, surrogates and
// ideographic description characters. And toSimplified keeps its former behaviour around opencc-js.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { mayChangeScript, toSimplified } from '../src/text/script.js';
import { t2cn, t2cnSameLength } from '../src/text/t2cn.js';
import { FIXTURES, ROOT } from './helpers/cli.js';

type Convert = (s: string) => string;
const require = createRequire(import.meta.url);
// The converter script.ts used before t2cn.ts, and the source of truth.
const reference = (require('opencc-js/t2cn') as { Converter: (o: { from: string; to: string }) => Convert }).Converter({ from: 't', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** script.ts's former same-length wrapper around opencc-js. */
function referenceSameLength(text: string): string {
  const whole = reference(text);
  if (whole.length === text.length) return whole;
  return text
    .split('\n')
    .map((line) => {
      const c = reference(line);
      if (c.length === line.length) return c;
      let out = '';
      for (const cp of line) {
        const one = reference(cp);
        out += one.length === cp.length ? one : cp;
      }
      return out;
    })
    .join('\n');
}

/** script.ts's former toSimplified (its mayChangeScript skip aside, which changes nothing: tested below). */
function referenceScript(original: string): { text: string; script: string } {
  // Text without CJK ideographs in the BMP is left as it is, even a supplementary traditional one.
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(original)) return { text: original, script: 'simplified' };
  const text = referenceSameLength(original);
  let changed = 0;
  let cjk = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      if (text.charCodeAt(i) !== c) changed++;
    }
  }
  const share = cjk ? changed / cjk : 0;
  return { text, script: changed === 0 ? 'simplified' : share >= 0.08 ? 'traditional' : 'mixed' };
}

/** Exactly opencc-js, and the same-length variant and its counts exactly the former wrapper's. */
function expectSame(text: string): void {
  expect(t2cn(text)).toBe(reference(text));
  const same = t2cnSameLength(text);
  const expected = referenceSameLength(text);
  expect(same.text).toBe(expected);
  let cjk = 0;
  let changed = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      if (expected.charCodeAt(i) !== c) changed++;
    }
  }
  expect([same.cjk, same.changedCjk]).toEqual([cjk, changed]);
}

// Every key of the dictionaries t→cn uses (preset t2s), as opencc-js reads them.
const t2s = (OpenCC.Locale as unknown as { configs: Record<string, { normalizationChain: string[][]; conversionChain: string[][] }> }).configs.t2s!;
const dictionaries = [...t2s.normalizationChain.flat(), ...t2s.conversionChain.flat()];
const keys = [...new Set(dictionaries.flatMap((d) => d.split('|').map((line) => line.split(' ')[0]!)))];
const prefixes = [...new Set(keys.flatMap((k) => [...k].slice(0, -1).map((_, n) => [...k].slice(0, n + 1).join(''))))];

const docs = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(FIXTURES, f)),
  ...readdirSync(path.join(ROOT, 'test/heldout/docs')).map((f) => path.join(ROOT, 'test/heldout/docs', f)),
].map((f) => readFileSync(f, 'utf8'));

describe('t2cn: equal to opencc-js t→cn', () => {
  it('on every fixture and held-out doc, as it is and converted to traditional (cn→tw)', () => {
    expect(docs.length).toBeGreaterThan(5);
    for (const doc of docs) {
      expectSame(doc);
      const traditional = toTraditional(doc);
      expect(t2cn(traditional)).not.toBe(traditional);
      expectSame(traditional);
    }
  });

  it('on every dictionary key, alone and in random context', () => {
    expect(keys.length).toBeGreaterThan(4000);
    // A fixed-seed generator: the same contexts every run.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const around = ['', '的', '乾', '一', '\n', 'a', '⿰', '\uD800', '𠀀', ...prefixes];
    for (const key of keys) {
      expect(t2cn(key)).toBe(reference(key));
      expectSame(around[random(around.length)]! + key + around[random(around.length)]! + keys[random(keys.length)]!);
    }
    for (const prefix of prefixes) expect(t2cn(prefix + '國')).toBe(reference(prefix + '國'));
  });

  it('on every phrase with a character written as a compatibility ideograph (BMP or not)', () => {
    const compatibilityForms = new Map<string, string[]>();
    for (const [from, to] of t2s.normalizationChain.flat().flatMap((d) => d.split('|').map((line) => line.split(' ')))) {
      compatibilityForms.set(to!, [...(compatibilityForms.get(to!) ?? []), from!]);
    }
    let tested = 0;
    for (const key of keys) {
      const chars = [...key];
      if (chars.length < 2) continue;
      chars.forEach((ch, n) => {
        for (const form of compatibilityForms.get(ch) ?? []) {
          const text = [...chars.slice(0, n), form, ...chars.slice(n + 1)].join('');
          expectSame(text);
          tested++;
        }
      });
    }
    expect(tested).toBeGreaterThan(100);
  });

  it('on description sequences, compatibility ideographs and length changes, line by line', () => {
    const lengthens = keys.find((k) => k.length === 1 && reference(k).length === 2)!; // BMP → supplementary
    const shortens = keys.find((k) => k.length === 2 && reference(k).length === 1)!; // supplementary → BMP
    expect([lengthens, shortens].every(Boolean)).toBe(true);
    const cases = [
      '⿰車馬', '⿰⿱車馬車', '⿰車', '⿲車馬', '⿲⿰車', '車⿰\n車馬', '⿰\uD800\uDC00車', '⿰\uD800',
      '\uF902\uF903', '\u{2F800}\u{2F8A6}', '乾\uF9A8', '一目\uF9DE然',
      lengthens, shortens, `${lengthens}${shortens}`, `${shortens}車\n${lengthens}車\n車`, `⿰${lengthens}車\n${lengthens}`,
    ];
    for (const text of cases) expectSame(text);
    // Runs of description characters: nested sequences, complete or running out of text.
    for (let n = 1; n <= 24; n++) for (const tail of ['', '車', '車馬', '車馬車馬', '⿱車\n車']) expectSame('⿰'.repeat(n) + tail);
  });

  it('stays linear on long runs of description characters (opencc-js takes exponential time on them)', () => {
    const text = '⿰'.repeat(200_000) + '車';
    expect(t2cn(text)).toBe(text);
    expect(t2cn(text + '車馬')).toHaveLength(text.length + 2);
  });

  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    { weight: 3, arbitrary: fc.constantFrom(...prefixes) },
    { weight: 3, arbitrary: fc.integer({ min: 0x3400, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.integer({ min: 0xf900, max: 0xfaff }).map((c) => String.fromCharCode(c)) },
    { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)) },
    { weight: 1, arbitrary: fc.integer({ min: 0x2f800, max: 0x2fa1f }).map((c) => String.fromCodePoint(c)) },
    // Ideographic description characters, lone surrogates, line breaks.
    { weight: 1, arbitrary: fc.integer({ min: 0x2ff0, max: 0x2fff }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\n', '\r\n') },
  );
  const mixed = fc.array(piece, { maxLength: 24 }).map((a) => a.join(''));

  it('on random mixes of keys, prefixes, CJK, ASCII, surrogates and description characters', () => {
    fc.assert(fc.property(mixed, (text) => expectSame(text)), { numRuns: 3000 });
  });

  it('on random code units', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => expectSame(text)), { numRuns: 1000 });
  });

  it('toSimplified keeps its result and script class; mayChangeScript is false only where nothing changes', () => {
    const texts = [...docs, ...docs.map(toTraditional), ...fc.sample(mixed, 2000)];
    for (const text of texts) {
      const expected = referenceScript(text);
      const got = toSimplified(text);
      expect(got.text).toBe(expected.text);
      expect(got.text.length).toBe(text.length);
      expect(got.script).toBe(expected.script);
      if (!mayChangeScript(text)) expect(reference(text)).toBe(text);
    }
  });

  it('src/text/t2cn-tables.ts is generated from the installed opencc-js', () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen-t2cn-tables.mjs'), '--check'], { stdio: 'pipe' });
  });
});
