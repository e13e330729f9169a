// Linear-time discipline for regular expressions, checked on the pattern's structure.
//
// V8's regex engine backtracks, so a pattern is linear only by construction. Every regular
// expression in src/ follows these rules (test/regex-discipline.test.ts parses each one):
//
//   D1 star height 1: an unbounded quantifier (`*`, `+`, `{n,}`) applies to one character or
//      class, never to a group, and no quantified group or lookaround contains one.
//   D2 no overlapping neighbours: an unbounded `x*` is never followed, with only optional items
//      between, by another unbounded quantifier whose characters overlap (`\d+\d*`, `\s*\s+`).
//   D3 one entry per run: each unbounded `x*` is entered from at most one start position per run
//      of its characters, because the pattern is anchored (`^` with no m flag, tried once), or
//      the mandatory character right before it cannot be one of its characters (`元\d+`), or
//      nothing that can fail follows it (`\s+` under /g), so a failed attempt never rescans.
//   D4 bounded repeats stay small: every `{m,n}` has n <= 100, and nested counted repeats
//      multiply to at most 64, so one attempt reads a bounded number of characters.
//   D5 no backreferences.
//
// Metric cue patterns (src/rules/metrics, user rule files) are stricter, because the engine runs
// them once over the whole text instead of once per sentence (src/extract/engine.ts):
//
//   C1 no unbounded quantifier at all: literals, classes, groups, `|`, `?` and `{m,n}` with n <= 16;
//   C2 no anchors, lookbehinds or word boundaries, and lookaheads that read at most 16 characters
//      (what a cue matches at a position then depends only on the next few characters, so the
//      engine can match it once over the whole text and redo only the last few characters of a
//      sentence, where the sentence's end could change the result);
//   C3 at most 64 characters per match.
//
// With C1–C3 a cue attempt at one position reads at most 64 + 16 characters and tries a bounded
// number of paths, so scanning a text of n characters is O(n) per cue.

/** A set of UTF-16 code units as sorted, disjoint, inclusive ranges. */
type CharSet = ReadonlyArray<readonly [number, number]>;

const ALL: CharSet = [[0, 0xffff]];
const DIGIT: CharSet = [[0x30, 0x39]];
const WORD: CharSet = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: CharSet = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: CharSet = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

function normalizeSet(ranges: Array<[number, number]>): CharSet {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function negate(set: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [a, b] of set) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= 0xffff) out.push([next, 0xffff]);
  return out;
}

function intersects(x: CharSet, y: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [a, b] = x[i]!;
    const [c, d] = y[j]!;
    if (b < c) i++;
    else if (d < a) j++;
    else return true;
  }
  return false;
}

function withCase(set: CharSet): CharSet {
  const extra: Array<[number, number]> = [];
  for (const [a, b] of set) {
    const lo = Math.max(a, 0x41);
    const hi = Math.min(b, 0x5a);
    if (lo <= hi) extra.push([lo + 32, hi + 32]);
    const lo2 = Math.max(a, 0x61);
    const hi2 = Math.min(b, 0x7a);
    if (lo2 <= hi2) extra.push([lo2 - 32, hi2 - 32]);
  }
  return normalizeSet([...set.map(([a, b]) => [a, b] as [number, number]), ...extra]);
}

// ---------------------------------------------------------------- syntax tree

type Node =
  | { kind: 'set'; set: CharSet }
  | { kind: 'group'; alts: Node[][]; capture: boolean }
  | { kind: 'look'; alts: Node[][]; behind: boolean }
  | { kind: 'assert'; what: '^' | '$' | '\\b' | '\\B' }
  | { kind: 'backref' }
  | { kind: 'repeat'; node: Node; min: number; max: number };

class RegexSyntaxError extends Error {}

/** Parse a JavaScript pattern (no `u` or `v` flag) into a small tree; only what the checks need. */
function parse(source: string, ignoreCase: boolean, dotAll: boolean): Node[][] {
  let i = 0;
  const peek = (): string | undefined => source[i];
  const fail = (msg: string): never => {
    throw new RegexSyntaxError(`${msg} at ${i} in /${source}/`);
  };

  const escapeSet = (inClass: boolean): CharSet | 'backref' | 'assert-b' | 'assert-B' => {
    const c = source[i++];
    if (c === undefined) return fail('dangling backslash');
    switch (c) {
      case 'd': return DIGIT;
      case 'D': return negate(DIGIT);
      case 'w': return WORD;
      case 'W': return negate(WORD);
      case 's': return SPACE;
      case 'S': return negate(SPACE);
      case 't': return [[9, 9]];
      case 'n': return [[10, 10]];
      case 'v': return [[11, 11]];
      case 'f': return [[12, 12]];
      case 'r': return [[13, 13]];
      case 'b': return inClass ? [[8, 8]] : 'assert-b';
      case 'B': return inClass ? fail('\\B in a class') : 'assert-B';
      case '0': return [[0, 0]];
      case 'c': {
        const l = source[i++] ?? '';
        const code = l.charCodeAt(0) % 32;
        return [[code, code]];
      }
      case 'x': {
        const h = source.slice(i, i + 2);
        if (/^[0-9a-fA-F]{2}$/.test(h)) {
          i += 2;
          const v = parseInt(h, 16);
          return [[v, v]];
        }
        return [[0x78, 0x78]];
      }
      case 'u': {
        const h = source.slice(i, i + 4);
        if (/^[0-9a-fA-F]{4}$/.test(h)) {
          i += 4;
          const v = parseInt(h, 16);
          return [[v, v]];
        }
        return [[0x75, 0x75]];
      }
      case 'k':
        if (!inClass && peek() === '<') {
          while (i < source.length && source[i] !== '>') i++;
          i++;
          return 'backref';
        }
        return [[0x6b, 0x6b]];
      default:
        if (c >= '1' && c <= '9' && !inClass) {
          while (peek() !== undefined && peek()! >= '0' && peek()! <= '9') i++;
          return 'backref';
        }
        return [[c.charCodeAt(0), c.charCodeAt(0)]];
    }
  };

  const classSet = (): CharSet => {
    // after '['
    let negated = false;
    if (peek() === '^') {
      negated = true;
      i++;
    }
    const ranges: Array<[number, number]> = [];
    const single = (): CharSet => {
      const c = source[i];
      if (c === undefined) return fail('unterminated class');
      if (c === '\\') {
        i++;
        const s = escapeSet(true);
        if (typeof s === 'string') return fail('bad escape in class');
        return s;
      }
      i++;
      return [[c.charCodeAt(0), c.charCodeAt(0)]];
    };
    while (i < source.length && source[i] !== ']') {
      const a = single();
      if (source[i] === '-' && source[i + 1] !== ']' && source[i + 1] !== undefined && a.length === 1 && a[0]![0] === a[0]![1]) {
        i++;
        const b = single();
        if (b.length === 1 && b[0]![0] === b[0]![1]) {
          ranges.push([a[0]![0], b[0]![0]]);
          continue;
        }
        ranges.push([a[0]![0], a[0]![0]], [0x2d, 0x2d], ...b.map(([x, y]) => [x, y] as [number, number]));
        continue;
      }
      ranges.push(...a.map(([x, y]) => [x, y] as [number, number]));
    }
    if (source[i] !== ']') fail('unterminated class');
    i++;
    let set = normalizeSet(ranges);
    if (ignoreCase) set = withCase(set);
    return negated ? negate(set) : set;
  };

  const quantifier = (): { min: number; max: number } | null => {
    const c = peek();
    let q: { min: number; max: number } | null = null;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i, i + 24));
      if (!m) return null; // a literal '{'
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      i += m[0].length - 1;
      q = { min, max };
    }
    if (!q) return null;
    i++;
    if (peek() === '?') i++; // lazy: same structure
    return q;
  };

  const disjunction = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < source.length) {
      const c = source[i]!;
      if (c === ')') break;
      if (c === '|') {
        i++;
        alts.push([]);
        continue;
      }
      const seq = alts[alts.length - 1]!;
      let node: Node;
      if (c === '(') {
        i++;
        if (source.startsWith('?:', i)) {
          i += 2;
          node = { kind: 'group', alts: disjunction(), capture: false };
        } else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
          i += 2;
          node = { kind: 'look', alts: disjunction(), behind: false };
        } else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) {
          i += 3;
          node = { kind: 'look', alts: disjunction(), behind: true };
        } else if (source.startsWith('?<', i)) {
          while (i < source.length && source[i] !== '>') i++;
          i++;
          node = { kind: 'group', alts: disjunction(), capture: true };
        } else {
          node = { kind: 'group', alts: disjunction(), capture: true };
        }
        if (source[i] !== ')') fail('unbalanced (');
        i++;
      } else if (c === '[') {
        i++;
        node = { kind: 'set', set: classSet() };
      } else if (c === '\\') {
        i++;
        const s = escapeSet(false);
        if (s === 'backref') node = { kind: 'backref' };
        else if (s === 'assert-b') node = { kind: 'assert', what: '\\b' };
        else if (s === 'assert-B') node = { kind: 'assert', what: '\\B' };
        else node = { kind: 'set', set: ignoreCase ? withCase(s) : s };
      } else if (c === '^' || c === '$') {
        i++;
        node = { kind: 'assert', what: c };
      } else if (c === '.') {
        i++;
        node = { kind: 'set', set: dotAll ? ALL : negate(LINE_TERMINATORS) };
      } else if (c === '*' || c === '+' || c === '?') {
        return fail('nothing to repeat');
      } else {
        i++;
        const code = c.charCodeAt(0);
        node = { kind: 'set', set: ignoreCase ? withCase([[code, code]]) : [[code, code]] };
      }
      const q = quantifier();
      if (q) {
        if (node.kind === 'assert' || node.kind === 'look') {
          // A quantified assertion is legal but pointless; treat it as the assertion.
        } else node = { kind: 'repeat', node, min: q.min, max: q.max };
      }
      seq.push(node);
    }
    return alts;
  };

  const alts = disjunction();
  if (i !== source.length) fail('unbalanced )');
  return alts;
}

/** Parse trees by pattern: a cue is analysed several ways when rules compile (the trees are never changed). */
const trees = new Map<string, Node[][]>();
function parsed(source: string, flags: string): Node[][] {
  const key = `${flags}/${source}`;
  let tree = trees.get(key);
  if (!tree) {
    tree = parse(source, flags.includes('i'), flags.includes('s'));
    if (trees.size > 1000) trees.clear();
    trees.set(key, tree);
  }
  return tree;
}

// ---------------------------------------------------------------- properties of nodes

function minLength(n: Node): number {
  switch (n.kind) {
    case 'set': return 1;
    case 'group': return Math.min(...n.alts.map((a) => a.reduce((s, x) => s + minLength(x), 0)));
    case 'repeat': return n.min * minLength(n.node);
    default: return 0;
  }
}

function maxLength(n: Node): number {
  switch (n.kind) {
    case 'set': return 1;
    case 'group': return Math.max(...n.alts.map((a) => a.reduce((s, x) => s + maxLength(x), 0)));
    case 'repeat': {
      const inner = maxLength(n.node);
      return inner === 0 ? 0 : n.max * inner;
    }
    case 'backref': return Infinity;
    default: return 0;
  }
}

const unbounded = (n: Node): boolean => n.kind === 'repeat' && n.max === Infinity;

function contains(n: Node, pred: (x: Node) => boolean): boolean {
  if (pred(n)) return true;
  if (n.kind === 'group' || n.kind === 'look') return n.alts.some((a) => a.some((x) => contains(x, pred)));
  if (n.kind === 'repeat') return contains(n.node, pred);
  return false;
}

/** Unbounded single-character repeats that can start the node's match before any mandatory character. */
function leadingUnbounded(n: Node): CharSet[] {
  if (n.kind === 'repeat' && n.max === Infinity) return n.node.kind === 'set' ? [n.node.set] : [ALL];
  if (n.kind === 'group') {
    const out: CharSet[] = [];
    for (const alt of n.alts) {
      for (const x of alt) {
        out.push(...leadingUnbounded(x));
        if (minLength(x) > 0) break;
      }
    }
    return out;
  }
  if (n.kind === 'repeat') return leadingUnbounded(n.node);
  return [];
}

// ---------------------------------------------------------------- the checks

export interface RegexCheckOptions {
  /** Apply the stricter rules for metric cue patterns (C1–C3). */
  cue?: boolean;
}

export const CUE_MAX_REPEAT = 16;
export const CUE_MAX_LENGTH = 64;
export const CUE_MAX_LOOKAHEAD = 16;
const MAX_REPEAT = 100;
const MAX_NESTED_PRODUCT = 64;

/**
 * The problems that break the linear-time discipline (empty when the pattern follows it).
 * `flags` as for `new RegExp` (only i, m, s and y matter here).
 */
export function regexProblems(source: string, flags = '', options: RegexCheckOptions = {}): string[] {
  const problems: string[] = [];
  let tree: Node[][];
  try {
    tree = parsed(source, flags);
    new RegExp(source, flags.replace(/[^dgimsy]/g, ''));
  } catch (err) {
    return [`not a valid pattern: ${err instanceof Error ? err.message : String(err)}`];
  }
  const anchored =
    !flags.includes('m') && !flags.includes('y') && !flags.includes('g') && tree.every((alt) => alt[0]?.kind === 'assert' && alt[0].what === '^');

  /** Does anything that can fail follow position `k` of `seq`, given what follows the sequence? */
  const failsAfter = (seq: Node[], k: number, outer: boolean): boolean => {
    for (let j = k + 1; j < seq.length; j++) {
      const x = seq[j]!;
      if (x.kind === 'assert' || x.kind === 'look' || x.kind === 'backref') return true;
      if (minLength(x) > 0) return true;
    }
    return outer;
  };

  const visit = (alts: Node[][], ctx: { product: number; inRepeat: boolean; inLook: boolean; outerFails: boolean }): void => {
    for (const seq of alts) {
      seq.forEach((n, k) => {
        if (n.kind === 'backref') problems.push('D5: a backreference');
        if (n.kind === 'assert' && options.cue) problems.push(`C2: an anchor or word boundary (${n.what}) in a cue pattern`);
        if (n.kind === 'look') {
          if (options.cue && n.behind) problems.push('C2: a lookbehind in a cue pattern');
          if (options.cue && !n.behind) {
            const reach = Math.max(...n.alts.map((a) => a.reduce((sum, x) => sum + maxLength(x), 0)));
            if (reach > CUE_MAX_LOOKAHEAD) problems.push(`C2: a lookahead that reads ${reach === Infinity ? 'unboundedly many' : reach} characters (at most ${CUE_MAX_LOOKAHEAD})`);
          }
          if (n.alts.some((a) => a.some((x) => contains(x, unbounded)))) problems.push('D1: an unbounded quantifier inside a lookaround');
          visit(n.alts, { ...ctx, inLook: true, outerFails: false });
          return;
        }
        if (n.kind === 'group') {
          visit(n.alts, { ...ctx, outerFails: failsAfter(seq, k, ctx.outerFails) });
          return;
        }
        if (n.kind !== 'repeat') return;
        const inner = n.node;
        if (n.max === Infinity) {
          if (options.cue) problems.push('C1: an unbounded quantifier (*, + or {n,}) in a cue pattern');
          if (inner.kind !== 'set') problems.push('D1: an unbounded quantifier applied to a group');
          if (ctx.inRepeat) problems.push('D1: an unbounded quantifier inside a repeated group');
          const set = inner.kind === 'set' ? inner.set : ALL;
          // D2: an overlapping unbounded neighbour, with only optional items between.
          for (let j = k + 1; j < seq.length; j++) {
            const x = seq[j]!;
            if (leadingUnbounded(x).some((s) => intersects(s, set))) {
              problems.push('D2: two unbounded quantifiers over overlapping characters side by side');
              break;
            }
            if (minLength(x) > 0) break;
          }
          // D3: entered once per run.
          const prev = k > 0 ? seq[k - 1] : undefined;
          const guarded = prev !== undefined && prev.kind === 'set' && !intersects(prev.set, set);
          const guardedRepeat = prev !== undefined && prev.kind === 'repeat' && prev.min > 0 && prev.node.kind === 'set' && !intersects(prev.node.set, set);
          if (!anchored && !guarded && !guardedRepeat && !ctx.inLook && failsAfter(seq, k, ctx.outerFails)) {
            problems.push('D3: an unanchored unbounded quantifier that can fail after it and is not guarded by a disjoint character before it (quadratic on a long run)');
          }
        } else {
          const limit = options.cue ? CUE_MAX_REPEAT : MAX_REPEAT;
          if (n.max > limit) problems.push(`D4: a repeat bound of ${n.max} (at most ${limit})`);
          const nested = ctx.inRepeat || contains(inner, (x) => x.kind === 'repeat' && x.max > 1);
          if (n.max > 1 && nested && ctx.product * n.max > MAX_NESTED_PRODUCT) {
            problems.push(`D4: nested repeats multiply to more than ${MAX_NESTED_PRODUCT}`);
          }
        }
        if (inner.kind === 'group') {
          visit(inner.alts, {
            product: ctx.product * (n.max === Infinity ? MAX_NESTED_PRODUCT + 1 : Math.max(n.max, 1)),
            inRepeat: ctx.inRepeat || n.max > 1,
            inLook: ctx.inLook,
            outerFails: true,
          });
        }
      });
    }
  };
  visit(tree, { product: 1, inRepeat: false, inLook: false, outerFails: false });

  if (options.cue) {
    const longest = Math.max(...tree.map((alt) => alt.reduce((s, x) => s + maxLength(x), 0)));
    if (longest > CUE_MAX_LENGTH) problems.push(`C3: a match can be ${longest === Infinity ? 'unbounded' : longest} characters long (at most ${CUE_MAX_LENGTH})`);
    if (Math.min(...tree.map((alt) => alt.reduce((s, x) => s + minLength(x), 0))) === 0) problems.push('C3: the pattern can match the empty string');
  }
  return [...new Set(problems)];
}

function reachLength(n: Node): number {
  switch (n.kind) {
    case 'look': return n.behind ? 0 : Math.max(...n.alts.map((a) => a.reduce((s, x) => s + reachLength(x), 0)));
    case 'group': return Math.max(...n.alts.map((a) => a.reduce((s, x) => s + reachLength(x), 0)));
    case 'repeat': {
      const inner = reachLength(n.node);
      return inner === 0 ? 0 : n.max * inner;
    }
    default: return maxLength(n);
  }
}

/**
 * How far past its start one attempt of the pattern can read: its longest match plus what its
 * lookaheads read (Infinity when unbounded). Used by the engine to decide where a sentence's
 * end can change a cue's result.
 */
export function regexReach(source: string, flags = ''): number {
  const tree = parsed(source, flags);
  return Math.max(...tree.map((alt) => alt.reduce((s, x) => s + reachLength(x), 0)));
}

/** True when the pattern contains a lookahead or lookbehind. */
export function regexHasLookaround(source: string, flags = ''): boolean {
  const tree = parsed(source, flags);
  return tree.some((alt) => alt.some((x) => contains(x, (y) => y.kind === 'look')));
}

function firstOfSeq(seq: readonly Node[], from: number, out: Array<[number, number]>): boolean {
  for (let k = from; k < seq.length; k++) {
    const x = seq[k]!;
    if (!firstOfNode(x, out)) return false;
  }
  return true; // the whole sequence can match nothing
}

/** Adds the code units the node can start with; returns true when it can also match nothing. */
function firstOfNode(n: Node, out: Array<[number, number]>): boolean {
  switch (n.kind) {
    case 'set':
      for (const [a, b] of n.set) out.push([a, b]);
      return false;
    case 'group': {
      let nullable = false;
      for (const alt of n.alts) if (firstOfSeq(alt, 0, out)) nullable = true;
      return nullable;
    }
    case 'repeat':
      return firstOfNode(n.node, out) || n.min === 0;
    case 'backref':
      out.push([0, 0xffff]);
      return true;
    default:
      return true; // assertions and lookarounds consume nothing
  }
}

/**
 * The code units a match can start with (a superset), as sorted ranges; every unit when the
 * pattern can match the empty string. The engine tries a cue only where its first unit can start.
 */
export function regexFirstUnits(source: string, flags = ''): ReadonlyArray<readonly [number, number]> {
  const tree = parsed(source, flags);
  const out: Array<[number, number]> = [];
  let nullable = false;
  for (const alt of tree) if (firstOfSeq(alt, 0, out)) nullable = true;
  return nullable ? ALL : normalizeSet(out);
}

// ---------------------------------------------------------------- first two units (Glushkov positions)

interface Positions {
  nullable: boolean;
  first: number[];
  last: number[];
}

/**
 * For each way a match can start, the units its first two characters can be: pairs of (first
 * unit ranges, second unit ranges), a superset; a second set of ALL where the match may end after
 * one unit. Null when the pattern has a backreference or can match nothing (no pair filter then).
 * Computed on the position automaton (Glushkov): first positions and, per position, the
 * positions that can follow it.
 */
export function regexFirstPairs(source: string, flags = ''): Array<{ first: CharSet; second: CharSet }> | null {
  const tree = parsed(source, flags);
  const sets: CharSet[] = [];
  const follow: number[][] = []; // may repeat a position: harmless, the ranges are merged at the end
  let unsupported = false;
  const concat = (parts: Positions[]): Positions => {
    let nullable = true;
    const first: number[] = [];
    let last: number[] = [];
    for (const x of parts) {
      for (const l of last) for (const f of x.first) follow[l]!.push(f);
      if (nullable) for (const f of x.first) first.push(f);
      if (x.nullable) for (const l of x.last) last.push(l);
      else last = x.last.slice();
      nullable = nullable && x.nullable;
    }
    return { nullable, first, last };
  };
  const build = (n: Node): Positions => {
    switch (n.kind) {
      case 'set': {
        const i = sets.length;
        sets.push(n.set);
        follow.push([]);
        return { nullable: false, first: [i], last: [i] };
      }
      case 'group': {
        const alts = n.alts.map((alt) => concat(alt.map(build)));
        return { nullable: alts.some((a) => a.nullable), first: alts.flatMap((a) => a.first), last: alts.flatMap((a) => a.last) };
      }
      case 'repeat': {
        if (n.max === 0) return { nullable: true, first: [], last: [] };
        // Unrolled to at most two copies: the pairs of adjacent units are the same for more.
        const copies = Math.min(n.max, 2);
        const parts: Positions[] = [];
        for (let k = 0; k < copies; k++) {
          const x = build(n.node);
          parts.push(k < n.min ? x : { ...x, nullable: true });
        }
        const r = concat(parts);
        if (n.max > 2) for (const l of parts[copies - 1]!.last) for (const f of parts[copies - 1]!.first) follow[l]!.push(f);
        return r;
      }
      case 'assert':
      case 'look':
        // Consume nothing; they only narrow what matches, so ignoring them keeps a superset.
        return { nullable: true, first: [], last: [] };
      default:
        unsupported = true;
        return { nullable: true, first: [], last: [] };
    }
  };
  const top = concat([{ nullable: true, first: [], last: [] }, build({ kind: 'group', alts: tree, capture: false })]);
  if (unsupported || top.nullable) return null;
  const lastSet = new Set(top.last);
  return top.first.map((p) => {
    if (lastSet.has(p)) return { first: sets[p]!, second: ALL };
    const second: Array<[number, number]> = [];
    for (const q of follow[p]!) for (const [a, b] of sets[q]!) second.push([a, b]);
    return { first: sets[p]!, second: normalizeSet(second) };
  });
}

/** The longest match a pattern can make, in UTF-16 code units (Infinity when unbounded). */
export function regexMaxLength(source: string, flags = ''): number {
  const tree = parsed(source, flags);
  return Math.max(...tree.map((alt) => alt.reduce((s, x) => s + maxLength(x), 0)));
}
