// Script detection and traditional → simplified conversion, code unit for code unit.
//
// opencc-js `Converter({ from: 't', to: 'cn' })` leaves simplified text as it is (measured on
// the five seeds: 0 characters changed), unlike tw→cn (显著 → 显着) or twp→cn (whole phrases).
// The conversion is t2cn.ts, which gives exactly opencc-js's result, fast; it keeps the original's
// length code unit for code unit, so offsets carry over.
import type { Script } from '../schema.js';
import { sortedIndexOf, t2cnSameLength } from './t2cn.js';
import { T2CN_PAIRS, T2CN_SINGLES } from './t2cn-triggers.js';

// A CJK ideograph outside ASCII/Latin text; only texts with some are worth converting.
const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

// Where the converter can change a text at all (generated from its dictionaries, t2cn-triggers.ts).
// triggerTable: 0 for most code units; 1 for the first unit of a changing one-unit entry; 2 + k for
// the first unit of changing longer entries, whose second units are pairSeconds[pairStarts[k],
// pairStarts[k + 1]), sorted. Small next to the converter's tables, which simplified text never loads.
let triggerTable: Uint8Array | undefined;
let pairSeconds: Uint16Array;
let pairStarts: Int32Array;

function buildTriggers(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < T2CN_SINGLES.length; i++) table[T2CN_SINGLES.charCodeAt(i)] = 1;
  // T2CN_PAIRS is sorted, so the pairs of one first unit are consecutive, by second unit.
  pairSeconds = new Uint16Array(T2CN_PAIRS.length >> 1);
  const starts: number[] = [];
  for (let i = 0; i + 1 < T2CN_PAIRS.length; i += 2) {
    const first = T2CN_PAIRS.charCodeAt(i);
    if (i === 0 || first !== T2CN_PAIRS.charCodeAt(i - 2)) {
      // A unit that is a trigger on its own stays one (the generator leaves its pairs out anyway).
      if (table[first] !== 1) table[first] = 2 + starts.length;
      starts.push(i >> 1);
    }
    pairSeconds[i >> 1] = T2CN_PAIRS.charCodeAt(i + 1);
  }
  starts.push(pairSeconds.length);
  pairStarts = Int32Array.from(starts);
  return table;
}

/** Whether `second` is among the second units of pair group `k`. */
function pairHas(k: number, second: number): boolean {
  return sortedIndexOf(pairSeconds, second, pairStarts[k]!, pairStarts[k + 1]!) >= 0;
}

/**
 * False when opencc-js t→cn would return `text` unchanged: no changing dictionary entry starts
 * anywhere in it. Simplified text (most bulletins) is then never converted, and the converter's
 * tables are never built. One pass over the code units.
 */
export function mayChangeScript(text: string): boolean {
  const table = (triggerTable ??= buildTriggers());
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const t = table[text.charCodeAt(i)]!;
    if (t === 0) continue;
    if (t === 1) return true;
    if (i + 1 < n && pairHas(t - 2, text.charCodeAt(i + 1))) return true;
  }
  return false;
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
  const { text, cjk, changedCjk } = t2cnSameLength(original);
  // Traditional prose changes roughly a quarter to a third of its characters; a simplified text
  // quoting a traditional name changes a handful.
  const share = cjk ? changedCjk / cjk : 0;
  const script: Script = changedCjk === 0 ? 'simplified' : share >= 0.08 ? 'traditional' : 'mixed';
  return { text, script };
}
