// Script detection and traditional → simplified conversion, code unit for code unit.
//
// opencc-js `Converter({ from: 't', to: 'cn' })` leaves simplified text as it is (measured on
// the five seeds: 0 characters changed), unlike tw→cn (显著 → 显着) or twp→cn (whole phrases).
// Phrase rules may still change a length; where a line does, it is converted one code point
// at a time instead, so the result always has the original's length and offsets carry over.
import { createRequire } from 'node:module';
import type { Script } from '../schema.js';
import { T2CN_PAIRS, T2CN_SINGLES } from './t2cn-triggers.js';

type Convert = (s: string) => string;
let converter: Convert | undefined;

/** Loaded on first use: the dictionaries cost start-up time that plain simplified text never needs. */
function getConverter(): Convert {
  if (!converter) {
    const require = createRequire(import.meta.url);
    const OpenCC = require('opencc-js/t2cn') as { Converter: (o: { from: string; to: string }) => Convert };
    converter = OpenCC.Converter({ from: 't', to: 'cn' });
  }
  return converter;
}

// A CJK ideograph outside ASCII/Latin text; only texts with some are worth converting.
const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

// Where the converter can change a text at all (generated from its dictionaries, t2cn-triggers.ts):
// bit 1 marks a code unit that starts a changing one-unit entry, bit 2 the first unit of a
// changing longer entry, whose first two units are then looked up in PAIRS.
let triggerTable: Uint8Array | undefined;
let pairTable: Set<number> | undefined;

/**
 * False when opencc-js t→cn would return `text` unchanged: no changing dictionary entry starts
 * anywhere in it. Simplified text (most bulletins) is then never converted, and the dictionaries
 * are never loaded. One pass over the code units.
 */
export function mayChangeScript(text: string): boolean {
  if (!triggerTable || !pairTable) {
    triggerTable = new Uint8Array(0x10000);
    pairTable = new Set();
    for (let i = 0; i < T2CN_SINGLES.length; i++) triggerTable[T2CN_SINGLES.charCodeAt(i)] = 1;
    for (let i = 0; i + 1 < T2CN_PAIRS.length; i += 2) {
      const a = T2CN_PAIRS.charCodeAt(i);
      triggerTable[a]! |= 2;
      pairTable.add(a * 0x10000 + T2CN_PAIRS.charCodeAt(i + 1));
    }
  }
  const table = triggerTable;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const t = table[c]!;
    if (t === 0) continue;
    if (t & 1) return true;
    if (i + 1 < n && pairTable.has(c * 0x10000 + text.charCodeAt(i + 1))) return true;
  }
  return false;
}

function convertSameLength(text: string, convert: Convert): string {
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  const lines = text.split('\n');
  return lines
    .map((line) => {
      const c = convert(line);
      if (c.length === line.length) return c;
      let out = '';
      for (const cp of line) {
        const one = convert(cp);
        out += one.length === cp.length ? one : cp;
      }
      return out;
    })
    .join('\n');
}

export interface ScriptResult {
  text: string;
  script: Script;
}

/**
 * Convert to simplified. `script` says what the original was: 'simplified' when nothing
 * changed, 'traditional' when a clear share of the Chinese characters changed, 'mixed' between.
 */
export function toSimplified(original: string): ScriptResult {
  if (!HAS_CJK.test(original) || !mayChangeScript(original)) return { text: original, script: 'simplified' };
  const text = convertSameLength(original, getConverter());
  let changed = 0;
  let cjk = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      if (text.charCodeAt(i) !== c) changed++;
    }
  }
  // Traditional prose changes roughly a quarter to a third of its characters; a simplified text
  // quoting a traditional name changes a handful.
  const share = cjk ? changed / cjk : 0;
  const script: Script = changed === 0 ? 'simplified' : share >= 0.08 ? 'traditional' : 'mixed';
  return { text, script };
}
