// Traditional → simplified, giving exactly what opencc-js `Converter({ from: 't', to: 'cn' })`
// gives, an order of magnitude faster, in typed arrays of ~160 kB instead of tries of nested Maps.
// The tables come from t2cn-tables.ts, generated from opencc-js's dictionaries by
// scripts/gen-t2cn-tables.mjs (a few ms to build at first use, opencc-js not loaded at run time).
//
// opencc-js runs two tries one after the other, each by greedy longest match code point by code
// point: CJK compatibility ideographs → unified (φ), then TSPhrases + TSCharacters. Every φ entry is
// one code point to one, and no entry holds an ideographic description character, so one pass gives
// the same result (scripts/gen-t2cn-tables.mjs checks this of the dictionaries): at each code point,
// the longest phrase whose key equals the φ-normalized text there, else the code point's own result
// (φ then TSCharacters); and where nothing matches at an ideographic description sequence, the whole
// sequence as it is (opencc-js skips those).
//
// A code unit's own result comes from one 64k-entry table, which holds unit XOR result so that the
// zero-filled table is already the identity (no 64k-step initialisation). Results in D800–DBFF
// (never the result of a BMP code point on its own) mark the few code units that need more: the
// first code unit of phrases (D801 + group), and high surrogates, description characters and code
// units whose result lies outside the BMP (D800). The output is built in a Uint16Array, with no
// string per character.
import { T2CN_CHAR_PAIRS, T2CN_NORMALIZE_PAIRS, T2CN_PHRASES } from './t2cn-tables.js';
import { unitsToString } from './units.js';

/** Result code: look further (surrogate, description character, result outside the BMP). */
const SLOW = 0xd800;
/** Result codes above SLOW up to this: first code unit of phrase group `code - SLOW - 1`. */
const LAST_GROUP_CODE = 0xdbff;

interface Tables {
  /** Each code unit XOR its result on its own (or a code in D800–DBFF): 0 where it stays. */
  unitXor: Uint16Array;
  /** Sorted code points whose result `unitXor` cannot hold (outside the BMP on either side), and their results. */
  farKeys: Int32Array;
  farResults: Int32Array;
  /** φ, sorted by key; code points below `normalizeMin` are never normalized. */
  normalizeKeys: Int32Array;
  normalizeValues: Int32Array;
  normalizeMin: number;
  /** Bit per code unit that can begin the second code point of a phrase (itself or normalized): most phrase starts fail on it. */
  secondUnits: Int32Array;
  /** Per phrase group: its first code unit, its result when no phrase matches, where its phrases start in phraseUnits. */
  groupFirst: Uint16Array;
  groupFallback: Int32Array;
  groupStart: Int32Array;
  /** Phrases one after another, longest key first within a group: key length − 1, value length, key after its first unit, value. */
  phraseUnits: Uint16Array;
  /** Scratch for matchPhrase: the φ-normalized code points after a phrase's first code unit, and where each ends. */
  ahead: Int32Array;
  aheadEnd: Int32Array;
}

let tables: Tables | undefined;

/** Binary search for `key` in the sorted keys[from, to); -1 when absent. */
export function sortedIndexOf(keys: Int32Array | Uint16Array, key: number, from = 0, to = keys.length): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid]!;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** The code points of a string. */
function codePointsOf(s: string): Int32Array {
  let count = 0;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) count++;
  const cps = new Int32Array(count);
  for (let i = 0, k = 0; i < s.length; k++) {
    const cp = s.codePointAt(i)!;
    cps[k] = cp;
    i += cp > 0xffff ? 2 : 1;
  }
  return cps;
}

function buildTables(): Tables {
  const unitXor = new Uint16Array(0x10000);
  const setResult = (unit: number, result: number): void => void (unitXor[unit] = unit ^ result);
  for (let c = 0xd800; c < 0xdc00; c++) setResult(c, SLOW);
  for (let c = 0x2ff0; c < 0x3000; c++) setResult(c, SLOW);

  // Pairs of code points: key, its result on its own.
  const chars = codePointsOf(T2CN_CHAR_PAIRS);
  const far: number[] = [];
  for (let k = 0; k < chars.length; k += 2) {
    const key = chars[k]!;
    const result = chars[k + 1]!;
    if (key <= 0xffff && result <= 0xffff) setResult(key, result);
    else {
      if (key <= 0xffff) setResult(key, SLOW);
      far.push(key, result);
    }
  }
  const farKeys = new Int32Array(far.length >> 1);
  const farResults = new Int32Array(far.length >> 1);
  for (let k = 0; k < farKeys.length; k++) {
    farKeys[k] = far[2 * k]!;
    farResults[k] = far[2 * k + 1]!;
  }

  const normalizePairs = codePointsOf(T2CN_NORMALIZE_PAIRS);
  const normalizeKeys = new Int32Array(normalizePairs.length >> 1);
  const normalizeValues = new Int32Array(normalizePairs.length >> 1);
  for (let k = 0; k < normalizeKeys.length; k++) {
    normalizeKeys[k] = normalizePairs[2 * k]!;
    normalizeValues[k] = normalizePairs[2 * k + 1]!;
  }

  // Phrases: "key value|key value|...", grouped by first code unit, keys BMP-only.
  const phraseUnits = new Uint16Array(T2CN_PHRASES.length + 1);
  const secondUnits = new Int32Array(0x10000 >> 5);
  const firsts: number[] = [];
  const starts: number[] = [];
  let written = 0;
  let longestKey = 0;
  for (let i = 0; i < T2CN_PHRASES.length; ) {
    const space = T2CN_PHRASES.indexOf(' ', i);
    let bar = T2CN_PHRASES.indexOf('|', space);
    if (bar < 0) bar = T2CN_PHRASES.length;
    const first = T2CN_PHRASES.charCodeAt(i);
    if (firsts[firsts.length - 1] !== first) {
      firsts.push(first);
      starts.push(written);
    }
    const second = T2CN_PHRASES.charCodeAt(i + 1);
    secondUnits[second >> 5]! |= 1 << (second & 31);
    longestKey = Math.max(longestKey, space - i);
    phraseUnits[written++] = space - i - 1;
    phraseUnits[written++] = bar - space - 1;
    for (let j = i + 1; j < space; j++) phraseUnits[written++] = T2CN_PHRASES.charCodeAt(j);
    for (let j = space + 1; j < bar; j++) phraseUnits[written++] = T2CN_PHRASES.charCodeAt(j);
    i = bar + 1;
  }
  starts.push(written);
  if (firsts.length > LAST_GROUP_CODE - SLOW) throw new Error('t2cn: more phrase groups than codes');

  const groupFirst = Uint16Array.from(firsts);
  const groupFallback = new Int32Array(firsts.length);
  const groupOf = new Map<number, number>();
  firsts.forEach((first, g) => {
    const own = first ^ unitXor[first]!;
    groupFallback[g] = own === SLOW ? farResults[sortedIndexOf(farKeys, first)]! : own;
    groupOf.set(first, g);
  });
  firsts.forEach((first, g) => setResult(first, SLOW + 1 + g));
  for (let k = 0; k < normalizeKeys.length; k++) {
    const key = normalizeKeys[k]!;
    const value = normalizeValues[k]!;
    // A compatibility ideograph is matched as its unified form, as first or later code point of a phrase.
    const g = groupOf.get(value);
    if (g !== undefined && key <= 0xffff) setResult(key, SLOW + 1 + g);
    if (value <= 0xffff && (secondUnits[value >> 5]! & (1 << (value & 31))) !== 0) {
      const lead = key > 0xffff ? 0xd800 + ((key - 0x10000) >> 10) : key;
      secondUnits[lead >> 5]! |= 1 << (lead & 31);
    }
  }

  return {
    unitXor,
    farKeys,
    farResults,
    normalizeKeys,
    normalizeValues,
    normalizeMin: normalizeKeys.length ? normalizeKeys[0]! : 0x110000,
    secondUnits,
    groupFirst,
    groupFallback,
    groupStart: Int32Array.from(starts),
    phraseUnits: phraseUnits.slice(0, written),
    ahead: new Int32Array(longestKey),
    aheadEnd: new Int32Array(longestKey),
  };
}

function getTables(): Tables {
  return (tables ??= buildTables());
}

/** Arity of an ideographic description character (U+2FF0–U+2FFF), else 0; as opencc-js has it. */
function descriptionArity(c: number): number {
  if (c < 0x2ff0 || c > 0x2fff) return 0;
  return c === 0x2ff2 || c === 0x2ff3 ? 3 : 2;
}

/** Code units of the code point at `i` of a text that ends at `end` (a pair only if whole before `end`). */
function unitsAt(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** Code point at `i`, of `units` code units. */
function codePointAt(text: string, i: number, units: number): number {
  const c = text.charCodeAt(i);
  return units === 2 ? (c - 0xd800) * 0x400 + text.charCodeAt(i + 1) - 0xdc00 + 0x10000 : c;
}

/**
 * Where the ideographic description sequence starting at each position of text[from, end) ends
 * (0: none), as opencc-js's recursive getIdeographicDescriptionSequenceEnd has it (a child that runs
 * out of text counts as one code point), but worked out from the end backwards, each position
 * once: linear where the recursion can repeat work.
 */
function descriptionEnds(text: string, from: number, end: number): Int32Array {
  const ends = new Int32Array(end - from + 1);
  for (let j = end - 1; j >= from; j--) {
    const arity = descriptionArity(text.charCodeAt(j));
    if (arity === 0) continue;
    let e = j + 1;
    let children = 0;
    for (; children < arity && e < end; children++) e = ends[e - from]! || e + unitsAt(text, e, end);
    ends[j - from] = children === arity ? e : 0;
  }
  return ends;
}

/** Output buffer, kept between calls and grown as needed (one allocation per worker, not per text). */
let buffer = new Uint16Array(4096);
/** Longest buffer kept after a call (2 MB): a rare huge text should not pin its size in every worker. */
const KEPT_UNITS = 1 << 20;

/** String of buffer[0, length), letting go of a huge buffer. */
function takeBuffer(length: number): string {
  const text = unitsToString(buffer, length);
  if (buffer.length > KEPT_UNITS) buffer = new Uint16Array(4096);
  return text;
}

/** A buffer of at least `need` units holding buffer[0, keep). */
function grow(keep: number, need: number): Uint16Array {
  const next = new Uint16Array(Math.max(need, buffer.length * 2));
  next.set(buffer.subarray(0, keep));
  buffer = next;
  return next;
}

/**
 * The phrase of `group` with the longest key whose code units after the first equal the
 * φ-normalized code points of the text from `i`: its offset in phraseUnits, or -1. Each code point
 * is decoded once, however many phrases look at it.
 */
function matchPhrase(text: string, i: number, end: number, group: number, t: Tables): number {
  const units = t.phraseUnits;
  const { ahead, aheadEnd } = t;
  let decoded = 0;
  let at = i;
  for (let p = t.groupStart[group]!, last = t.groupStart[group + 1]!; p < last; ) {
    const tail = units[p]!;
    const key = p + 2;
    let k = 0;
    for (; k < tail; k++) {
      if (k === decoded) {
        if (at >= end) break;
        const u = unitsAt(text, at, end);
        let cp = codePointAt(text, at, u);
        if (cp >= t.normalizeMin) {
          const n = sortedIndexOf(t.normalizeKeys, cp);
          if (n >= 0) cp = t.normalizeValues[n]!;
        }
        at += u;
        ahead[decoded] = cp;
        aheadEnd[decoded++] = at;
      }
      if (ahead[k] !== units[key + k]) break;
    }
    if (k === tail) return p;
    p = key + tail + units[p + 1]!;
  }
  return -1;
}

/** Result of code point `cp` converted on its own. */
function ownResult(cp: number, t: Tables): number {
  if (cp <= 0xffff) {
    const r = cp ^ t.unitXor[cp]!;
    if (r < SLOW || r > LAST_GROUP_CODE) return r;
    if (r > SLOW) return t.groupFallback[r - SLOW - 1]!;
  }
  const k = sortedIndexOf(t.farKeys, cp);
  return k >= 0 ? t.farResults[k]! : cp;
}

/** Ideographs U+3400–U+9FFF in the text converted last, and how many of them changed (see ConvertedSameLength). */
let countedCjk = 0;
let countedChangedCjk = 0;
/** False when the last conversion changed the length somewhere, so that the counts do not hold. */
let countsHold = true;

/**
 * Convert text[start, end) as opencc-js converts that substring on its own, into `buffer` from 0;
 * returns the output's length. Counts ideographs on the way while output and input stay aligned.
 */
function convertInto(text: string, start: number, end: number): number {
  const t = getTables();
  const unitXor = t.unitXor;
  // One unit out per unit in, but where a BMP code point becomes a pair (room checked there).
  let out = buffer.length >= end - start + 2 ? buffer : grow(0, end - start + 2);
  let o = 0;
  let i = start;
  let cjk = 0;
  let changed = 0;
  let aligned = true;
  let descriptions: Int32Array | undefined;
  let descriptionsFrom = 0;
  while (i < end) {
    const c = text.charCodeAt(i);
    const r = c ^ unitXor[c]!;
    if (r < SLOW || r > LAST_GROUP_CODE) {
      out[o++] = r;
      i++;
      if (c >= 0x3400 && c <= 0x9fff) {
        cjk++;
        if (r !== c) changed++;
      }
      continue;
    }
    if (r !== SLOW && i + 1 < end) {
      // The first unit of phrases (~8% of traditional text) followed by no phrase's second code point.
      const next = text.charCodeAt(i + 1);
      if ((t.secondUnits[next >> 5]! & (1 << (next & 31))) === 0) {
        const result = t.groupFallback[r - SLOW - 1]!;
        if (result <= 0xffff) {
          out[o++] = result;
          i++;
          if (c >= 0x3400 && c <= 0x9fff) {
            cjk++;
            if (result !== c) changed++;
          }
          continue;
        }
      }
    }
    const from = i;
    const fromOut = o;
    const units = unitsAt(text, i, end);
    const cp = codePointAt(text, i, units);
    let group = r - SLOW - 1;
    if (units === 2) {
      // A supplementary compatibility ideograph may normalize to the first unit of phrases.
      const k = cp >= t.normalizeMin ? sortedIndexOf(t.normalizeKeys, cp) : -1;
      const normalized = k >= 0 ? t.normalizeValues[k]! : cp;
      const g = normalized <= 0xffff ? (normalized ^ unitXor[normalized]!) - SLOW - 1 : -1;
      group = g >= 0 && g < t.groupFirst.length && t.groupFirst[g] === normalized ? g : -1;
    }
    let result = -1;
    if (group >= 0) {
      const next = i + units < end ? text.charCodeAt(i + units) : -1;
      const p = next >= 0 && (t.secondUnits[next >> 5]! & (1 << (next & 31))) !== 0 ? matchPhrase(text, i + units, end, group, t) : -1;
      if (p >= 0) {
        const tail = t.phraseUnits[p]!;
        const valueLength = t.phraseUnits[p + 1]!;
        const value = p + 2 + tail;
        i = t.aheadEnd[tail - 1]!;
        if (out.length < o + valueLength + (end - i) + 2) out = grow(o, o + valueLength + (end - i) + 2);
        for (let v = 0; v < valueLength; v++) out[o++] = t.phraseUnits[value + v]!;
      } else result = t.groupFallback[group]!;
    } else if (units === 1 && descriptionArity(c) !== 0) {
      // No entry starts with a description character: a whole sequence stays as it is.
      if (!descriptions) {
        descriptions = descriptionEnds(text, i, end);
        descriptionsFrom = i;
      }
      const sequenceEnd = descriptions[i - descriptionsFrom]!;
      if (sequenceEnd > 0) while (i < sequenceEnd) out[o++] = text.charCodeAt(i++);
      else result = c;
    } else result = ownResult(cp, t);
    if (result >= 0) {
      i += units;
      if (result > 0xffff) {
        if (out.length < o + 2 + (end - i) + 2) out = grow(o, o + 2 + (end - i) + 2);
        out[o++] = 0xd800 + ((result - 0x10000) >> 10);
        out[o++] = 0xdc00 + ((result - 0x10000) & 0x3ff);
      } else out[o++] = result;
    }
    if (aligned && o - fromOut === i - from) {
      for (let k = from; k < i; k++) {
        const x = text.charCodeAt(k);
        if (x >= 0x3400 && x <= 0x9fff) {
          cjk++;
          if (out[fromOut + k - from] !== x) changed++;
        }
      }
    } else aligned = false;
  }
  countedCjk = cjk;
  countedChangedCjk = changed;
  countsHold = aligned;
  return o;
}


/** opencc-js `Converter({ from: 't', to: 'cn' })(text)`, exactly. */
export function t2cn(text: string): string {
  return takeBuffer(convertInto(text, 0, text.length));
}

export interface ConvertedSameLength {
  /** The conversion, of the original's length code unit for code unit. */
  text: string;
  /** Code units of the original in U+3400–U+9FFF (CJK ideographs, Extension A included). */
  cjk: number;
  /** Of those, how many differ in `text`. */
  changedCjk: number;
}

/**
 * t→cn keeping the length, so offsets carry over. Where the conversion changes the length (a code
 * point to or from one outside the BMP), it is done line by line, and a line that still changes
 * length code point by code point, keeping only results of the same length: as script.ts did
 * around opencc-js. Also counts ideographs and changed ideographs, in the same pass when it can.
 */
export function t2cnSameLength(text: string): ConvertedSameLength {
  const n = text.length;
  const whole = convertInto(text, 0, n);
  if (whole === n && countsHold) return { text: takeBuffer(n), cjk: countedCjk, changedCjk: countedChangedCjk };
  const same = whole === n ? buffer.slice(0, n) : sameLengthByLine(text);
  if (buffer.length > KEPT_UNITS) buffer = new Uint16Array(4096);
  let cjk = 0;
  let changedCjk = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      if (same[i] !== c) changedCjk++;
    }
  }
  return { text: unitsToString(same, n), cjk, changedCjk };
}

function sameLengthByLine(text: string): Uint16Array {
  const t = getTables();
  const n = text.length;
  const same = new Uint16Array(n);
  for (let a = 0; a <= n; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = n;
    const lineLength = convertInto(text, a, b);
    if (lineLength === b - a) same.set(buffer.subarray(0, lineLength), a);
    else {
      for (let i = a; i < b; ) {
        const units = unitsAt(text, i, b);
        const result = ownResult(codePointAt(text, i, units), t);
        if (units === 1 && result <= 0xffff) same[i] = result;
        else if (units === 2 && result > 0xffff) {
          same[i] = 0xd800 + ((result - 0x10000) >> 10);
          same[i + 1] = 0xdc00 + ((result - 0x10000) & 0x3ff);
        } else {
          same[i] = text.charCodeAt(i);
          if (units === 2) same[i + 1] = text.charCodeAt(i + 1);
        }
        i += units;
      }
    }
    if (b < n) same[b] = 0x0a;
    a = b + 1;
  }
  return same;
}
