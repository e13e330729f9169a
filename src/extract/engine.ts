// The engine: figures (src/numbers) + cue hits (src/rules) → records, per sentence.
//
// Contract, after Recognizers-Text: extractors return spans (figures, cue hits); the pairing
// below resolves them into at most one metric per figure. Overlap and ambiguity are decided
// here and nowhere else:
//   1. a figure pairs with the nearest compatible cue in its clause, left or right (the unit
//      decides between metrics that share a cue: 救助…人次 → aid_visits, 救助…元 → aid_amount);
//      weak metrics (designated institutions) yield to any other;
//   2. else a generic total (金额, 合计…) takes the nearest topic word of the sentence;
//   3. else the figure inherits from an enumeration (85%、70%), a parallel clause (…为86%,居民医保为70%),
//      a breakdown head (…其中…) or a lead-in (在参保人数中,…), unless its clause names another count;
//   4. never: changes (同比增长2%, 新增11家, 个百分点), caps and standards (最高支付限额15万元),
//      figures whose nearest noun names another quantity (总费用3494.51万元).
import { CAP_WORDS, ANTI_CUES, BREAKDOWN_WORDS, CHANGE_WORDS, ENUMERATION_JOINERS, GENERIC_MONEY_CUES, LEAD_IN_ACTIVITIES, LEAD_IN_ASPECTS, PARALLEL_SUBJECTS, PARALLEL_VERBS, PLAN_WORDS, TARGET_WORDS } from '../rules/lexicon.js';
import { DEFAULT_LEFT_GAP, DEFAULT_RIGHT_GAP, inRanges, type CompiledCue, type CompiledRule } from '../rules/catalog.js';
import { CUE_MAX_LENGTH } from '../rules/discipline.js';
import { mayHoldFigure, scanFigures } from '../numbers/scan.js';
import { UNIT_TABLE } from '../numbers/units.js';
import type { Figure } from '../numbers/types.js';
import type { BaseUnit, Qualifier } from '../schema.js';
import { isClauseBreak, segmentText, type Span } from '../text/segment.js';

export interface RawRecord {
  rule: CompiledRule;
  figure: Figure;
  /** Evidence span in the working text. */
  start: number;
  end: number;
  qualifier?: Qualifier;
  column?: string;
  /** The cue the figure paired with directly (working text), if any. */
  cue?: { start: number; end: number };
}

interface Hit {
  start: number;
  end: number;
}

interface CueHit extends Hit {
  ruleIndex: number;
  /**
   * Index of the cue among all cues of the rule set (rule order, then cue order). Ties are broken
   * by rule, cue, then position: by (cueIndex, start), compared as a pair (cueRank).
   */
  cueIndex: number;
}

/** Tie order of two cue hits: negative when `a` comes first (rule and cue order, then position). */
const cueRank = (a: CueHit, b: CueHit): number => a.cueIndex - b.cueIndex || a.start - b.start;

/** The base units a figure can stand for: from its unit token, or money for a bare 万/亿 ("金额1081.61万"). */
export function figureBases(f: Figure): readonly BaseUnit[] {
  if (f.unit === null) return f.bareMultiplier ? ['yuan'] : [];
  const info = UNIT_TABLE[f.unit];
  if (!info || info.change) return [];
  return info.bases;
}

// ---------------------------------------------------------------- linear time
//
// Sentences can be huge (a 20 MB line with no sentence break, 200,000 × 其中), so nothing below
// is O(figures × hits) or O(figures × sentence length):
//   - cue patterns are compiled once (catalog.ts) and tried, sticky, only at the positions whose
//     first two characters can start them (an index by pair of code units), in one pass over the
//     sentence that also notes whether it holds a generic total; a second pass, made only for the
//     sentences that have a cue or a generic total and figures, finds every word of every list
//     (lexicon, topics, blockers, `requires`) by the same kind of index; the pattern discipline of
//     rules/discipline.ts bounds one attempt to at most 80 characters, so both passes are linear
//     in the sentence;
//   - every per-figure question is a binary search plus a scan of a window whose width is bounded
//     by the longest word or cue and the largest gap (at most 40 characters, schema.ts), or a
//     suffix-minimum lookup (HitIndex.anyWithin);
//   - clause bounds come from the sorted clause breaks of the sentence, and breakdown heads from a
//     running "latest head per unit" table instead of a walk back over all markers and records.
// The results are those of the straightforward per-sentence definitions written in each comment.

/** Hits sorted by start (longest first at equal starts), answering window questions in O(log n). */
class HitIndex {
  readonly hits: readonly Hit[];
  /** minEndFrom[i]: the smallest end among hits[i..] (a plain array: small typed arrays cost more to make). */
  private readonly minEndFrom: number[];
  readonly longest: number;

  constructor(hits: readonly Hit[]) {
    this.hits = hits;
    const n = hits.length;
    this.minEndFrom = new Array<number>(n + 1);
    this.minEndFrom[n] = 0x7fffffff;
    let longest = 0;
    for (let i = n - 1; i >= 0; i--) {
      const h = hits[i]!;
      this.minEndFrom[i] = Math.min(h.end, this.minEndFrom[i + 1]!);
      if (h.end - h.start > longest) longest = h.end - h.start;
    }
    this.longest = longest;
  }

  /** The first index whose hit starts at or after `pos`. */
  from(pos: number): number {
    let a = 0;
    let b = this.hits.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (this.hits[m]!.start < pos) a = m + 1;
      else b = m;
    }
    return a;
  }

  /** Some hit lies inside [lo, hi] (start >= lo, end <= hi): `hits.some((h) => between(h, lo, hi))`. */
  anyWithin(lo: number, hi: number): boolean {
    return this.minEndFrom[this.from(lo)]! <= hi;
  }

  /** The smallest end of all hits (a huge number when there are none): `hits.some((h) => h.end <= x)` is `minEnd <= x`. */
  get minEnd(): number {
    return this.minEndFrom[0]!;
  }

  /** The hit ending last at or before `pos` among those starting at or after `lo` ends within `k` of `pos`. */
  endsNear(lo: number, pos: number, k: number): boolean {
    for (let i = this.from(Math.max(lo, pos - k - this.longest)); i < this.hits.length; i++) {
      const h = this.hits[i]!;
      if (h.start >= pos) break;
      if (h.end <= pos && pos - h.end <= k) return true;
    }
    return false;
  }

  /** The greatest start of a hit that ends at or before `pos`, or -1 (walks back at most `longest` positions). */
  lastStartEndingBy(pos: number): number {
    for (let i = this.from(pos) - 1; i >= 0; i--) {
      const h = this.hits[i]!;
      if (h.end <= pos) return h.start;
    }
    return -1;
  }
}

// Keys for lowerBound, made once (an arrow written in the call is a new function each time).
const itself = (x: number): number => x;
const startOf = (x: { start: number }): number => x.start;
const endOf = (x: { end: number }): number => x.end;
const figureEndOf = (r: RawRecord): number => r.figure.end;

/** First index in `xs` (sorted by key) whose key is >= `pos`. */
function lowerBound<T>(xs: readonly T[], pos: number, key: (x: T) => number): number {
  let a = 0;
  let b = xs.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (key(xs[m]!) < pos) a = m + 1;
    else b = m;
  }
  return a;
}

// ---------------------------------------------------------------- word lists, indexed once per rule set

const LIST_ANTI = 0;
const LIST_CHANGE = 1;
const LIST_CAP = 2;
const LIST_GENERIC = 3;
const LIST_TARGET = 4;
const LIST_PLAN = 5;
const LIST_BREAKDOWN = 6;

interface WordEntry {
  word: string;
  /** The lists the word belongs to (a word listed twice in one list is here twice). */
  lists: number[];
}

interface Tables {
  /** Per code unit: STARTS_WORD when some word starts with it, STARTS_CUE when some cue can, … */
  starts: Uint8Array;
  /**
   * The words that can start with a pair of units: those of two or more units starting with the
   * pair, and the one-unit words of its first unit, longest first. Positions whose pair has no
   * entry read only `shortWords` (the one-unit words of the unit, if any).
   */
  wordsByPair: PairTable<WordEntry>;
  shortWords: UnitTable<WordEntry[]>;
  /**
   * The cues (ascending `k`) whose match can start with a pair of units: those whose second unit
   * can be the pair's, and those with no second-unit filter (null below). Positions whose pair has
   * no entry, or that end the sentence, read only `anyCues`, the latter cues of their unit.
   */
  cuesByPair: PairTable<number>;
  anyCues: UnitTable<number[]>;
  /**
   * Per code unit: the cues whose match can start with it (ascending `k`), each with the units its
   * second character can be (null: any, or a match of one unit). Read, with the filter applied
   * per position, only for the units left out of cuesByPair (STARTS_CUE_UNPAIRED: cues with very
   * wide second units, past PAIR_BUDGET).
   */
  cueFirst: UnitTable<{ k: number; second: ReadonlyArray<readonly [number, number]> | null }[]>;
  listCount: number;
  /** Lists whose hits must not overlap a figure (all but blockers and `requires`). */
  outsideOnly: boolean[];
  /** ruleIndex → list of its topic words (rules with topics only, in rule order). */
  topics: Map<number, number>;
  /** ruleIndex → list of its blockers. */
  blockers: number[];
  /** `requires` word → its list. */
  requires: Map<string, number>;
  /** Every cue, in rule order then cue order (the order ties are broken in), with the list of its `requires` word (-1: none, or empty). */
  cues: { cue: CompiledCue; ruleIndex: number; requiresList: number }[];
  /** The generic totals (金额, 合计…) by first code unit: a sentence needs one of them or a cue to hold a record. */
  genericByFirst: UnitTable<string[]>;
  /** Scratch for scanCues: per cue, where it may match next (reused, never allocated per sentence). */
  nextCue: Int32Array;
  /** The greatest value in nextCue: a sentence starting at or after it need not reset nextCue. */
  nextCueHigh: number;
  /**
   * Scratch per word list, reused sentence after sentence (a sentence's lists and indexes are
   * dropped before the next one is read): its hits, and its HitIndex once built. `touched` and
   * `builtTouched` name the entries to clear, so a sentence costs no array of every list.
   */
  lists: (Hit[] | undefined)[];
  touched: number[];
  built: (HitIndex | undefined)[];
  builtTouched: number[];
  /** The largest gap any cue allows between itself and a figure. */
  maxGap: number;
}

const STARTS_WORD = 1;
const STARTS_CUE = 2;
/** Some cue can start with this unit, and cuesByPair does not index it (see cueFirst). */
const STARTS_CUE_UNPAIRED = 4;
/** A generic total (GENERIC_MONEY_CUES) starts with this unit. */
const STARTS_GENERIC = 16;
/** The most pairs cuesByPair indexes (cues allowing thousands of second units are filtered per position instead). */
const PAIR_BUDGET = 1 << 14;

/**
 * A table by 16-bit key (a code unit, or a hash of two): a zero-filled Uint32Array of slots into a
 * dense array of the few keys set. Read per position like an array by code unit (no Map), but
 * made in no time and small: a JS array of 65,536 entries would cost its 512 KB at start-up.
 */
class UnitTable<T> {
  // 16-bit slots (128 KB, read at every position: half the cache lines of 32-bit ones), widened
  // in the rare table that fills 65,535 of them (user cues that can start with almost anything).
  private slots: Uint16Array | Uint32Array;
  private readonly values: (T | undefined)[] = [undefined];

  /** Keys are below `size` (0x10000: a code unit). */
  constructor(size = 0x10000) {
    this.slots = new Uint16Array(size);
  }

  get(key: number): T | undefined {
    return this.values[this.slots[key]!];
  }

  set(key: number, value: T): void {
    const slot = this.slots[key]!;
    if (slot !== 0) this.values[slot] = value;
    else {
      if (this.values.length > 0xffff && this.slots instanceof Uint16Array) this.slots = Uint32Array.from(this.slots);
      this.slots[key] = this.values.length;
      this.values.push(value);
    }
  }
}

/**
 * Items by their first two code units: buckets by a hash of the pair, each holding the exact pairs
 * that fall in it.
 */
type PairTable<T> = UnitTable<{ a: number; b: number; items: T[] }[]>;
/**
 * The bucket of a pair: 4,096 buckets (8 KB of slots, which stay in the nearest cache) for the few
 * hundred pairs the rules start with; a bucket's pairs are compared exactly.
 */
const PAIR_BUCKETS = 0x1000;
const pairKey = (a: number, b: number): number => (a * 31 + b) & (PAIR_BUCKETS - 1);

function pairItems<T>(table: PairTable<T>, a: number, b: number): T[] | undefined {
  const bucket = table.get(pairKey(a, b));
  if (bucket === undefined) return undefined;
  for (const g of bucket) if (g.a === a && g.b === b) return g.items;
  return undefined;
}

function addPair<T>(table: PairTable<T>, a: number, b: number, items: T[]): void {
  const key = pairKey(a, b);
  const bucket = table.get(key);
  if (bucket === undefined) table.set(key, [{ a, b, items }]);
  else bucket.push({ a, b, items });
}

const tablesCache = new WeakMap<readonly CompiledRule[], Tables>();

function tablesFor(rules: readonly CompiledRule[]): Tables {
  const cached = tablesCache.get(rules);
  if (cached) return cached;
  const entries = new Map<string, WordEntry>();
  const outsideOnly: boolean[] = [];
  let listCount = 0;
  const addList = (words: readonly string[], outside: boolean): number => {
    const id = listCount++;
    outsideOnly[id] = outside;
    for (const word of words) {
      if (word.length === 0) continue;
      let e = entries.get(word);
      if (!e) entries.set(word, (e = { word, lists: [] }));
      e.lists.push(id);
    }
    return id;
  };
  addList(ANTI_CUES, true);
  addList(CHANGE_WORDS, true);
  addList(CAP_WORDS, true);
  addList(GENERIC_MONEY_CUES, true);
  addList(TARGET_WORDS, true);
  addList(PLAN_WORDS, true);
  // 按机构类别分：公立医疗机构742.18万元，… · 分险种看：…: a colon after 分/看 opens a breakdown too.
  addList([...BREAKDOWN_WORDS, '(', '（', '分:', '看:', '分：', '看：'], true);
  const topics = new Map<number, number>();
  const blockers: number[] = [];
  const requires = new Map<string, number>();
  const cues: Tables['cues'] = [];
  let maxGap = Math.max(DEFAULT_LEFT_GAP, DEFAULT_RIGHT_GAP);
  rules.forEach((r, i) => {
    if (r.rule.topics.length) topics.set(i, addList(r.rule.topics, true));
    blockers[i] = addList(r.rule.blockers, false);
    for (const cue of r.cues) {
      if (cue.gap !== undefined && cue.gap > maxGap) maxGap = cue.gap;
      if (cue.requires !== undefined && !requires.has(cue.requires)) requires.set(cue.requires, addList([cue.requires], false));
      cues.push({ cue, ruleIndex: i, requiresList: cue.requires ? requires.get(cue.requires)! : -1 });
    }
  });
  const byFirst = new Map<number, WordEntry[]>();
  const starts = new Uint8Array(0x10000);
  for (const e of entries.values()) {
    const c = e.word.charCodeAt(0);
    starts[c]! |= STARTS_WORD;
    let list = byFirst.get(c);
    if (!list) byFirst.set(c, (list = []));
    list.push(e);
  }
  const wordsByPair: PairTable<WordEntry> = new UnitTable(PAIR_BUCKETS);
  const shortWords: Tables['shortWords'] = new UnitTable();
  for (const [c, list] of byFirst) {
    list.sort((a, b) => b.word.length - a.word.length); // stable: list order among equal lengths
    const short = list.filter((e) => e.word.length === 1);
    if (short.length) shortWords.set(c, short);
    const seconds = new Set(list.filter((e) => e.word.length > 1).map((e) => e.word.charCodeAt(1)));
    for (const d of seconds) addPair(wordsByPair, c, d, list.filter((e) => e.word.length === 1 || e.word.charCodeAt(1) === d));
  }
  const genericByFirst: Tables['genericByFirst'] = new UnitTable();
  for (const word of GENERIC_MONEY_CUES) {
    if (word.length === 0) continue;
    const c = word.charCodeAt(0);
    starts[c]! |= STARTS_GENERIC;
    const list = genericByFirst.get(c);
    if (list === undefined) genericByFirst.set(c, [word]);
    else list.push(word);
  }
  const cueFirst: Tables['cueFirst'] = new UnitTable();
  const cueStarts: number[] = [];
  cues.forEach(({ cue }, k) => {
    for (const [a, b] of cue.first) {
      for (let c = a; c <= b; c++) {
        starts[c]! |= STARTS_CUE;
        // The second units after c: the union over the ways to start with c (any, without pairs).
        let second: [number, number][] | null = [];
        if (cue.firstPairs === null) second = null;
        else {
          for (const fp of cue.firstPairs) {
            if (!inRanges(fp.first, c)) continue;
            if (fp.second.length === 1 && fp.second[0]![0] === 0 && fp.second[0]![1] === 0xffff) {
              second = null;
              break;
            }
            for (const [x, y] of fp.second) second.push([x, y]);
          }
        }
        second?.sort((u, v) => u[0] - v[0]);
        let list = cueFirst.get(c);
        if (list === undefined) {
          cueFirst.set(c, (list = []));
          cueStarts.push(c);
        }
        list.push({ k, second });
      }
    }
  });
  const cuesByPair: PairTable<number> = new UnitTable(PAIR_BUCKETS);
  const anyCues: Tables['anyCues'] = new UnitTable();
  let pairs = 0;
  cueStarts.sort((a, b) => a - b);
  for (const c of cueStarts) {
    const list = cueFirst.get(c)!;
    const seconds = new Set<number>();
    for (const { second } of list) if (second !== null) for (const [x, y] of second) for (let d = x; d <= y && seconds.size <= PAIR_BUDGET; d++) seconds.add(d);
    if (pairs + seconds.size > PAIR_BUDGET) {
      starts[c]! |= STARTS_CUE_UNPAIRED;
      continue;
    }
    pairs += seconds.size;
    const any = list.filter((x) => x.second === null).map((x) => x.k);
    if (any.length) anyCues.set(c, any);
    for (const d of seconds) addPair(cuesByPair, c, d, list.filter((x) => x.second === null || inRanges(x.second, d)).map((x) => x.k));
  }
  const tables: Tables = { starts, wordsByPair, shortWords, cuesByPair, anyCues, cueFirst, listCount, outsideOnly, topics, blockers, requires, cues, genericByFirst, nextCue: new Int32Array(cues.length), nextCueHigh: 0, maxGap,
    lists: new Array<Hit[] | undefined>(listCount).fill(undefined), touched: [], built: new Array<HitIndex | undefined>(listCount).fill(undefined), builtTouched: [] };
  tablesCache.set(rules, tables);
  return tables;
}

/**
 * The length of the cue's match at `p` in the sentence alone (the text cut at `end`), 0 when none.
 *
 * A sticky attempt on the whole text reads the same characters as one on the sentence's slice,
 * unless it reads past `end` (a cue pattern has no anchors or lookbehinds, discipline.ts C2): an
 * attempt that fails on the whole text fails on the slice, and a match that ends inside the
 * sentence is the slice's match too. Only an attempt that ran past `end`, or, for a pattern with
 * a lookahead, could have (`cue.reach`), is redone on the sentence's last few characters.
 */
function cueMatchAt(text: string, p: number, end: number, cue: CompiledCue): number {
  // test() on the sticky regex, the match's end read from lastIndex: no match array is made.
  const re = cue.regex;
  if (!cue.lookahead || p + cue.reach <= end) {
    re.lastIndex = p;
    if (!re.test(text)) return 0;
    const length = re.lastIndex - p;
    if (p + length <= end) return length;
  }
  // Here end - p < cue.reach (at most 80, discipline.ts C3): the slice is short.
  re.lastIndex = 0;
  return re.test(text.slice(p, end)) ? re.lastIndex : 0;
}

/**
 * The cue hits of a sentence, by start, then rule and cue order: for each cue, what
 * `new RegExp(source, 'g')` finds in the sentence's slice, its matches left to right and not
 * overlapping one another. Null when the sentence has no cue hit and no generic total (金额,
 * 合计…): then it holds no record of its own (extractFromSentence), and its words are not read.
 */
function scanCues(text: string, s: Span, t: Tables): CueHit[] | null {
  let cues: CueHit[] | null = null;
  let generic = false;
  // A cue is tried again only after its last match (global matching does not overlap itself).
  // Sentences come in text order, so nextCue needs a reset only when some value lies past s.start.
  const next = t.nextCue;
  if (t.nextCueHigh > s.start) {
    next.fill(s.start);
    t.nextCueHigh = s.start;
  }
  const { starts, cuesByPair, anyCues, cueFirst, genericByFirst } = t;
  const end = s.end;
  let high = t.nextCueHigh;
  for (let p = s.start; p < end; p++) {
    const c = text.charCodeAt(p);
    const kind = starts[c]!;
    if ((kind & (STARTS_CUE | STARTS_GENERIC)) === 0) continue;
    if (kind & STARTS_GENERIC && !generic) {
      for (const w of genericByFirst.get(c)!) {
        if (p + w.length <= end && text.startsWith(w, p)) {
          generic = true;
          break;
        }
      }
    }
    if ((kind & STARTS_CUE) === 0) continue;
    const c2 = p + 1 < end ? text.charCodeAt(p + 1) : -1;
    if (kind & STARTS_CUE_UNPAIRED) {
      for (const { k, second } of cueFirst.get(c)!) {
        // A cue whose matches are all two units or more, and none of whose can go on with c2.
        if (second !== null && (c2 < 0 || !inRanges(second, c2))) continue;
        const h = p >= next[k]! ? cueHitAt(text, p, end, k, t) : null;
        if (h !== null) {
          (cues ??= []).push(h);
          if (h.end > high) high = h.end;
        }
      }
      continue;
    }
    // The cues that can start with c then c2 (exact, see cuesByPair).
    const ks = (c2 >= 0 ? pairItems(cuesByPair, c, c2) : undefined) ?? anyCues.get(c);
    if (ks === undefined) continue;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const h = p >= next[k]! ? cueHitAt(text, p, end, k, t) : null;
      if (h !== null) {
        (cues ??= []).push(h);
        if (h.end > high) high = h.end;
      }
    }
  }
  t.nextCueHigh = high;
  return cues ?? (generic ? NO_CUES : null);
}

const NO_CUES: CueHit[] = [];

/** Cue `k`'s hit at `p`, or null; a hit moves the cue's next position (nextCue) past it. */
function cueHitAt(text: string, p: number, end: number, k: number, t: Tables): CueHit | null {
  const { cue, ruleIndex } = t.cues[k]!;
  const length = cueMatchAt(text, p, end, cue);
  if (length === 0) return null;
  t.nextCue[k] = p + length;
  return { start: p, end: p + length, cueIndex: k, ruleIndex };
}

/**
 * Every word of every list in the sentence, into t.lists: per list, every occurrence by start
 * (longest first at equal starts); undefined when none (most lists). Valid until the next
 * sentence's words are read.
 */
function scanWords(text: string, s: Span, t: Tables): void {
  const { lists, touched } = t;
  for (const id of touched) lists[id] = undefined;
  touched.length = 0;
  const { starts, wordsByPair, shortWords } = t;
  const end = s.end;
  for (let p = s.start; p < end; p++) {
    const c = text.charCodeAt(p);
    if ((starts[c]! & STARTS_WORD) === 0) continue;
    // The words that can start with c then the next unit (exact, see wordsByPair).
    const words = (p + 1 < end ? pairItems(wordsByPair, c, text.charCodeAt(p + 1)) : undefined) ?? shortWords.get(c);
    if (words === undefined) continue;
    for (let i = 0; i < words.length; i++) {
      const e = words[i]!;
      const wordEnd = p + e.word.length;
      if (wordEnd > end || !text.startsWith(e.word, p)) continue;
      const hit = { start: p, end: wordEnd };
      for (const id of e.lists) {
        const list = lists[id];
        if (list === undefined) {
          lists[id] = [hit];
          touched.push(id);
        } else list.push(hit);
      }
    }
  }
}

const NO_HITS = new HitIndex([]);
/** The records of a sentence with none (never added to). */
const NO_RECORDS: RawRecord[] = [];

/** What a document's pass shares between sentences: the rule set's word and cue tables. */
export interface EngineState {
  tables: Tables;
}

export function engineState(rules: readonly CompiledRule[]): EngineState {
  return { tables: tablesFor(rules) };
}

// ---------------------------------------------------------------- pairing

/**
 * Drops, in place, the hits that overlap a figure, keeping `!figures.some((f) => h.start < f.end && h.end > f.start)`.
 * Hits and figures are both by start (figures do not overlap): one merge, no search per hit.
 */
function keepOutside<H extends Hit>(hits: H[], figures: readonly Figure[]): H[] {
  let k = 0; // the first figure ending after the hit's start
  let n = 0;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    while (k < figures.length && figures[k]!.end <= h.start) k++;
    if (k >= figures.length || figures[k]!.start >= h.end) hits[n++] = h;
  }
  if (n < hits.length) hits.length = n;
  return hits;
}

/** What the pairing of one sentence reads: its figures, cue hits, clause breaks and word lists. */
class SentenceContext {
  readonly anti: HitIndex;
  readonly change: HitIndex;
  readonly cap: HitIndex;
  readonly generic: HitIndex;
  readonly target: HitIndex;
  readonly plan: HitIndex;
  readonly breakdown: HitIndex;
  readonly maxGap: number;

  constructor(
    readonly text: string,
    readonly sentence: Span,
    readonly figures: Figure[],
    /** Cue hits outside figures, by start (then rule and cue order). */
    readonly cuesByStart: CueHit[],
    /** The same, by end. */
    readonly cuesByEnd: CueHit[],
    readonly tables: Tables,
    /** Clause breaks of the sentence (outside figures), in order. */
    readonly breaks: number[],
    /** Where the previous sentence starts when it ended with ；or is a short heading right before this one, else -1 (see requiredBefore). */
    readonly semicolonFrom: number,
    /** The short first sentence of this sentence's paragraph (（一）职工医保统筹基金。), if any. */
    readonly heading: Span | null,
  ) {
    this.maxGap = tables.maxGap;
    const { built, builtTouched } = tables;
    for (const id of builtTouched) built[id] = undefined;
    builtTouched.length = 0;
    this.anti = this.list(LIST_ANTI);
    this.change = this.list(LIST_CHANGE);
    this.cap = this.list(LIST_CAP);
    this.generic = this.list(LIST_GENERIC);
    this.target = this.list(LIST_TARGET);
    this.plan = this.list(LIST_PLAN);
    this.breakdown = this.list(LIST_BREAKDOWN);
  }

  /**
   * 基金收入96.38亿元；支出82.15亿元: a cue's `requires` word may also stand in the previous
   * sentence when a ；ends it (one clause of a list cut by semicolons), or when it is a short
   * heading (（一）职工医保统筹基金。), or in the short first sentence of the paragraph.
   */
  requiredBefore(word: string): boolean {
    if (this.semicolonFrom >= 0 && this.text.slice(this.semicolonFrom, this.sentence.start).includes(word)) return true;
    return this.heading !== null && this.text.slice(this.heading.start, this.heading.end).includes(word);
  }

  /** The index of a word list (built on first use: topics, blockers and `requires` are rarely asked). */
  list(id: number): HitIndex {
    const t = this.tables;
    let x = t.built[id];
    if (x === undefined) {
      const hits = t.lists[id];
      x = hits === undefined ? NO_HITS : new HitIndex(t.outsideOnly[id] ? keepOutside(hits, this.figures) : hits);
      t.built[id] = x;
      t.builtTouched.push(id);
    }
    return x;
  }
}

// The clause around a figure: from after the last clause break before it (clauseStart) to the
// first after it (clauseEnd). Two functions rather than a pair: no array per figure.
function clauseStart(ctx: SentenceContext, f: Figure): number {
  return clauseStartAt(ctx, f.start);
}

/** Where the clause holding position `p` starts (after the last clause break before p). */
function clauseStartAt(ctx: SentenceContext, p: number): number {
  const i = lowerBound(ctx.breaks, p, itself); // first break at or after p
  return i > 0 ? ctx.breaks[i - 1]! + 1 : ctx.sentence.start;
}

function clauseEnd(ctx: SentenceContext, f: Figure): number {
  const j = lowerBound(ctx.breaks, f.end, itself);
  return j < ctx.breaks.length ? ctx.breaks[j]! : ctx.sentence.end;
}

/**
 * Some quantity other than `self` overlaps [lo, hi). Figures in units no metric uses (连续三年,
 * 1个月) do not stand between a cue and its figure: `参保率连续三年稳定在97%以上`.
 */
function figureBetween(ctx: SentenceContext, lo: number, hi: number, self: Figure): boolean {
  const { figures } = ctx;
  for (let k = lowerBound(figures, lo + 1, endOf); k < figures.length && figures[k]!.start < hi; k++) {
    const g = figures[k]!;
    if (g !== self && figureBases(g).length > 0) return true;
  }
  return false;
}

interface Choice {
  ruleIndex: number;
  cue: Hit | null;
  weak: boolean;
  distance: number;
  length: number;
}

/**
 * Whether cue hit `h` can pair with figure `f` (left: the cue ends before the figure), and at what
 * distance; -1 when it cannot.
 */
function cueDistance(ctx: SentenceContext, f: Figure, h: CueHit, left: boolean, lo: number, hi: number, at: number): number {
  const { cue } = ctx.tables.cues[h.cueIndex]!;
  let distance: number;
  if (left) {
    if (h.start < lo) return -1;
    if (cue.side === 'right') return -1;
    distance = at - h.end;
    if (distance > (cue.gap ?? DEFAULT_LEFT_GAP)) return -1;
    if (figureBetween(ctx, h.end, at, f)) return -1;
    if (ctx.anti.anyWithin(h.end, at) && !isJointTotal(ctx.text, h.end, at)) return -1;
    if (ctx.change.anyWithin(h.end, at)) return -1;
    // 新增参保人数3120人 · 较上年多追回医保基金126万元: the cue itself names a change.
    if (ctx.change.endsNear(lo, h.start, 1)) return -1;
  } else {
    if (h.end > hi) return -1;
    if (cue.side === 'left') return -1;
    distance = h.start - f.end + 1; // at equal distance the cue before the figure wins
    if (distance - 1 > (cue.gap ?? DEFAULT_RIGHT_GAP)) return -1;
    if (figureBetween(ctx, f.end, h.start, f)) return -1;
    if (ctx.anti.anyWithin(f.end, h.start)) return -1;
  }
  if (!requiresMet(ctx, h)) return -1;
  // Blockers: one of the rule's words in the clause (text.slice(lo, hi).includes(b)).
  if (ctx.list(ctx.tables.blockers[h.ruleIndex]!).anyWithin(lo, hi)) return -1;
  return distance;
}

/**
 * A cue's `requires` word occurs in the sentence before the cue
 * (text.slice(sentence.start, h.start).includes(w)), or just before the sentence (requiredBefore).
 */
function requiresMet(ctx: SentenceContext, h: CueHit): boolean {
  const { cue, requiresList } = ctx.tables.cues[h.cueIndex]!;
  return requiresList < 0 || ctx.list(requiresList).minEnd <= h.start || ctx.requiredBefore(cue.requires!);
}

/**
 * 追回违规费用及违约金共计57.23万元: between a cue and its figure, 及 (和, 与, 以及) joins another
 * quantity, and a total word (共计, 合计, 总计) right before the figure sums both: the cue's metric
 * holds for the total. Read in the short gap between the two (at most the cue's gap).
 */
function isJointTotal(text: string, from: number, to: number): boolean {
  const joined = JOINT_WORDS.some((w) => text.startsWith(w, from));
  if (!joined) return false;
  const end = text.charCodeAt(to - 1) === 0x4e3a /* 为 */ || text.charCodeAt(to - 1) === 0x8fbe /* 达 */ ? to - 1 : to;
  return JOINT_TOTALS.some((w) => end - w.length > from && text.startsWith(w, end - w.length));
}
const JOINT_WORDS = ['以及', '及', '和', '与'] as const;
const JOINT_TOTALS = ['共计', '合计', '总计'] as const;

/**
 * 通报批评231家、暂停医保服务协议37家: a cue right before a figure in its metric's unit (or before
 * 为, 达, 是, 达到 and the figure) is that figure's, not a cue after the figure before it, unless it
 * follows that figure directly (55个品种86个品规: 品种 is 55's).
 */
function headsFigure(ctx: SentenceContext, h: Hit, unit: BaseUnit): boolean {
  const g = ctx.figures[lowerBound(ctx.figures, h.end, startOf)];
  if (g === undefined || !figureBases(g).includes(unit)) return false;
  const gap = g.start - h.end;
  return gap === 0 || (gap <= 2 && PARALLEL_VERBS.some((v) => v.length === gap && ctx.text.startsWith(v, h.end)));
}

/**
 * The nearest compatible cue of the clause, left or right: among all cue hits of the sentence, the
 * ones within the largest gap of the figure are the only candidates, so only that window is read.
 * The best is the first by (not weak, distance, longer cue, rank): kept as the hits are read, with
 * no list of candidates to sort.
 */
function pairDirect(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[], lo: number, hi: number, at: number = f.start): Choice | null {
  let best: CueHit | null = null;
  let bestWeak = false;
  let bestDistance = 0;
  // Left: cues ending at most maxGap before the figure (or `at`, see asideBefore); right: cues
  // starting at most maxGap after it.
  const { cuesByEnd, cuesByStart, maxGap } = ctx;
  const leftFrom = lowerBound(cuesByEnd, at - maxGap, endOf);
  const rightFrom = lowerBound(cuesByStart, f.end, startOf);
  for (let side = 0; side < 2; side++) {
    const left = side === 0;
    const hits = left ? cuesByEnd : cuesByStart;
    for (let k = left ? leftFrom : rightFrom; k < hits.length; k++) {
      const h = hits[k]!;
      if (left ? h.end > at : h.start > f.end + maxGap) break;
      const rule = rules[h.ruleIndex]!;
      if (!bases.includes(rule.rule.unit)) continue;
      if (!left && h.start > f.end && headsFigure(ctx, h, rule.rule.unit)) continue;
      // 四个全覆盖: right after 个 the cue is what is counted; an activity is no institution.
      if (!left && h.start === f.end && f.unit === '个' && rule.rule.unit === 'institution' && !hasInstitutionNoun(ctx.text, h.start, h.end)) continue;
      const distance = cueDistance(ctx, f, h, left, lo, hi, at);
      if (distance < 0) continue;
      const weak = rule.rule.weak;
      if (best !== null) {
        const byWeak = Number(weak) - Number(bestWeak);
        const order = byWeak || distance - bestDistance || (best.end - best.start) - (h.end - h.start) || cueRank(h, best);
        if (order >= 0) continue;
      }
      best = h;
      bestWeak = weak;
      bestDistance = distance;
    }
  }
  if (best === null) return null;
  return { ruleIndex: best.ruleIndex, cue: best, weak: bestWeak, distance: bestDistance, length: best.end - best.start };
}

/** 涉嫌欺诈骗保病历…核实3757例,金额1081.61万: a generic total takes the nearest topic of the sentence. */
function pairByTopic(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[], lo: number): Choice | null {
  // The last generic cue (in list order) with g.end <= f.start, g.start >= lo, f.start - g.end <= 2.
  let generic: Hit | undefined;
  const g = ctx.generic;
  for (let i = g.from(Math.max(lo, f.start - 2 - g.longest)); i < g.hits.length && g.hits[i]!.start < f.start; i++) {
    const h = g.hits[i]!;
    if (h.end <= f.start && h.start >= lo && f.start - h.end <= 2) generic = h;
  }
  if (!generic) return null;
  // The topic hit with the greatest start that ends before the generic cue; ties go to the first rule.
  let best: { ruleIndex: number; at: number } | null = null;
  for (const [ruleIndex, id] of ctx.tables.topics) {
    if (!bases.includes(rules[ruleIndex]!.rule.unit)) continue;
    const at = ctx.list(id).lastStartEndingBy(generic.start);
    if (at >= 0 && (!best || at > best.at)) best = { ruleIndex, at };
  }
  return best ? { ruleIndex: best.ruleIndex, cue: generic, weak: false, distance: f.start - generic.end, length: generic.end - generic.start } : null;
}

/**
 * 85%、70%左右 · 13家定点医院、37家村卫生室: the previous record of the clause carries over.
 * In another unit, the metric that shares the previous record's cue: 医疗救助12563人次、2108.6万元.
 */
function pairByEnumeration(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], prev: RawRecord | undefined, rules: readonly CompiledRule[]): CompiledRule | null {
  if (!prev) return null;
  let rule: CompiledRule | null = bases.includes(prev.rule.rule.unit) ? prev.rule : null;
  if (!rule && prev.cue) {
    const cue = prev.cue;
    // The first hit in rule and cue order that starts where the cue does, reading only the hits
    // that start there (cuesByStart keeps that order among equal starts): not a pass over every
    // cue of a huge sentence.
    let sibling: CueHit | undefined;
    const byStart = ctx.cuesByStart;
    for (let k = lowerBound(byStart, cue.start, startOf); k < byStart.length && byStart[k]!.start === cue.start; k++) {
      const h = byStart[k]!;
      if (h.end >= cue.end - 2 && h.end <= cue.end + 2 && bases.includes(rules[h.ruleIndex]!.rule.unit) && !rules[h.ruleIndex]!.rule.weak) {
        sibling = h;
        break;
      }
    }
    if (sibling) rule = rules[sibling.ruleIndex]!;
  }
  if (!rule) return null;
  if (f.start - prev.figure.end > 12) return null;
  const gapText = ctx.text.slice(prev.figure.end, f.start);
  for (let i = 0; i < gapText.length; i++) if (isClauseBreak(gapText[i])) return null;
  if (!ENUMERATION_JOINERS.some((j) => gapText.includes(j))) return null;
  if (ctx.anti.anyWithin(prev.figure.end, f.start)) return null;
  if (figureBetween(ctx, prev.figure.end, f.start, f)) return null;
  return rule;
}

/**
 * …其中…检查十二家,查处违法违规定点医药机构四十七家 · 其中…,全年新增定点零售药店9家: the figure's
 * clause names what it counts with a cue of a compatible metric, and that cue is blocked there by a
 * word of its own (查处, 新增), one that is no part of some other cue (the 检查 of 共检查定点医疗机构
 * 46家、定点零售药店118家 belongs to the inspection cue that the enumeration carries). The figure
 * counts something else, so it carries no metric from an enumeration, a breakdown or a lead-in.
 */
function hasBlockedCue(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], lo: number, hi: number, rules: readonly CompiledRule[]): boolean {
  // Only the figure's neighbourhood is read (BLOCKED_CUE_WINDOW each side, within the clause):
  // the words that name what it counts stand next to it, and a bounded window keeps a sentence
  // of many figures linear.
  const a = Math.max(lo, f.start - BLOCKED_CUE_WINDOW);
  const z = Math.min(hi, f.end + BLOCKED_CUE_WINDOW);
  const byStart = ctx.cuesByStart;
  for (let k = lowerBound(byStart, a, startOf); k < byStart.length && byStart[k]!.start < z; k++) {
    const h = byStart[k]!;
    if (!bases.includes(rules[h.ruleIndex]!.rule.unit)) continue;
    const blockers = ctx.list(ctx.tables.blockers[h.ruleIndex]!);
    for (let b = blockers.from(a); b < blockers.hits.length && blockers.hits[b]!.start < z; b++) {
      const w = blockers.hits[b]!;
      if (w.end <= z && !insideSomeCue(byStart, w)) return true;
    }
  }
  return false;
}

const BLOCKED_CUE_WINDOW = 24;

/** Does a cue hit of the sentence hold the span? Only hits starting at most CUE_MAX_LENGTH (a cue match's longest, discipline C3) before it can. */
function insideSomeCue(byStart: readonly CueHit[], w: Hit): boolean {
  for (let k = lowerBound(byStart, w.start - CUE_MAX_LENGTH, startOf); k < byStart.length && byStart[k]!.start <= w.start; k++) {
    if (byStart[k]!.end >= w.end) return true;
  }
  return false;
}

/** The longest subject of a parallel clause (城乡居民基本医疗保险 is 10). */
const MAX_PARALLEL_SUBJECT = 12;

const PARALLEL_ADVERBS = ['更是', '则', '也', '均', '亦'] as const;

/** Where a figure's text starts once markdown emphasis right before it (**, at most two) is skipped. */
function beforeEmphasis(text: string, p: number): number {
  let q = p;
  while (q > p - 2 && text.charCodeAt(q - 1) === 0x2a /* * */) q--;
  return q;
}

/** A sentence this short right before another is its heading (（一）职工医保统筹基金。). */
const MAX_HEADING = 16;
/** How far back a cue's `requires` word is looked for through a chain of ；sentences. */
const MAX_REQUIRES_BACK = 300;

/** The longest head of a cumulative clause (1—11月累计受理 is 9). */
const MAX_CUMULATIVE_HEAD = 12;

/**
 * 本月享受待遇41.24万人次，1—11月累计4,357,921人次 · 本月受理…申报198件，1—11月累计受理2,486件: a
 * clause right after a record's figure, whose head (a period, at most MAX_CUMULATIVE_HEAD units)
 * ends in 累计, or in 累计 and a verb of the record's own cue, sums the same metric over a longer
 * period. Not when another quantity is named in between.
 */
function pairByCumulative(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], prev: RawRecord | undefined): CompiledRule | null {
  if (!prev || !bases.includes(prev.rule.rule.unit)) return null;
  const text = ctx.text;
  const brk = prev.figure.end;
  if (!isClauseBreak(text[brk]) || f.start - brk - 1 > MAX_CUMULATIVE_HEAD) return null;
  const head = text.slice(brk + 1, f.start);
  const at = head.lastIndexOf('累计');
  if (at < 0) return null;
  const verb = head.slice(at + 2);
  if (verb.length > 2) return null;
  if (verb !== '') {
    // The verb stands in the record's own clause (本月受理…198件): read back at most MAX_CUMULATIVE_HEAD * 2.
    let from = prev.figure.start;
    while (from > ctx.sentence.start && prev.figure.start - from < MAX_CUMULATIVE_HEAD * 2 && !isClauseBreak(text[from - 1])) from--;
    if (!text.slice(from, prev.figure.start).includes(verb)) return null;
  }
  for (let i = 0; i < head.length; i++) if (isClauseBreak(head[i])) return null;
  if (ctx.anti.anyWithin(brk, f.start) || ctx.change.anyWithin(brk, f.start)) return null;
  return prev.rule;
}

/**
 * 职工医保…基金支付比例为86.07%,城乡居民医保为70.52%: the next clause says the same of another
 * subject, naming the metric only by ellipsis. Its figure takes the previous record's metric when
 * both figures follow the same kind of verb (PARALLEL_VERBS), the clause holds nothing but the
 * subject and that verb, and the subject ends as an insurance scheme, a group, a kind of
 * institution or a place does (PARALLEL_SUBJECTS).
 */
function pairByParallel(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], prev: RawRecord | undefined): CompiledRule | null {
  if (!prev || !bases.includes(prev.rule.rule.unit)) return null;
  const text = ctx.text;
  let brk = prev.figure.end;
  while (brk < prev.figure.end + 2 && text.charCodeAt(brk) === 0x2a /* * */) brk++;
  // The longest verb (达到), adverb (更是) and emphasis (**) take 2 units each.
  if (!isClauseBreak(text[brk]) || f.start - brk - 1 > MAX_PARALLEL_SUBJECT + 6) return null;
  // Markdown bold (高达**86.4%**) stands between a verb and its figure.
  const at = beforeEmphasis(text, f.start);
  const verb = PARALLEL_VERBS.find((v) => text.startsWith(v, at - v.length));
  const prevAt = beforeEmphasis(text, prev.figure.start);
  if (!verb || !PARALLEL_VERBS.some((v) => text.startsWith(v, prevAt - v.length))) return null;
  let subject = text.slice(brk + 1, at - verb.length);
  // 职工医保更是高达86.4%: an adverb between the subject and its verb.
  const adverb = PARALLEL_ADVERBS.find((w) => subject.endsWith(w));
  if (adverb) subject = subject.slice(0, subject.length - adverb.length);
  if (subject.length < 2 || !PARALLEL_SUBJECTS.some((w) => subject.endsWith(w))) return null;
  for (let i = 0; i < subject.length; i++) if (isClauseBreak(subject[i])) return null;
  if (ctx.anti.anyWithin(brk, f.start)) return null;
  return prev.rule;
}

/**
 * 全市定点医药机构共4,863家: 共 (共有, 共计, 合计, 总计, 总数) between a cue and its figure states a
 * total of its own, which a breakdown head around it does not take over.
 */
function statesTotal(text: string, from: number, to: number): boolean {
  for (let p = from; p < to && p < from + 4; p++) {
    const c = text.charCodeAt(p);
    if (c === 0x5171 /* 共 */ || c === 0x5408 /* 合 */ || c === 0x603b /* 总 */) return true;
  }
  return false;
}

/** A breakdown marker at most this far after its head figure, when only figures of other units lie between. */
const MAX_HEAD_GAP = 24;

/**
 * 参保501.25万人(其中居民…) · 累计受益1481285人次(其中:…日间病房1125人次): figures with no cue inherit
 * the head's metric. The head of a breakdown marker is the last record ending at most 4 characters
 * before it; a figure takes the head of the latest marker before it whose head has one of its units.
 * Markers are taken in as the figures pass them, keeping the latest head per unit.
 */
class BreakdownHeads {
  private next = 0;
  /** Made on the first head (most sentences have no breakdown marker). */
  private latest: Map<BaseUnit, { index: number; rule: CompiledRule }> | undefined;

  /**
   * `carried`: the last record of the previous sentence, head of a breakdown that opens this one
   * (…人次。其中,…). `leadIn`: the metric a lead-in clause names (leadInOf), head from the start.
   */
  constructor(
    private readonly markers: readonly Hit[],
    private readonly ctx: SentenceContext,
    private readonly sentenceStart = 0,
    private readonly carried?: RawRecord,
    leadIn?: CompiledRule | null,
  ) {
    if (leadIn) this.latest = new Map([[leadIn.rule.unit, { index: -1, rule: leadIn }]]);
  }

  /** Take in the markers before `pos`; `records` are the records so far, in figure order. */
  advance(pos: number, records: readonly RawRecord[]): void {
    while (this.next < this.markers.length && this.markers[this.next]!.start < pos) {
      const m = this.markers[this.next]!;
      const r = lowerBound(records, m.start + 1, figureEndOf) - 1; // last record with figure.end <= m.start
      const head = r >= 0 ? records[r]! : undefined;
      // A bracket opens a breakdown only right after its head; a word (其中) also after a gap.
      if (head && (m.start - head.figure.end <= 4 || (m.end - m.start > 1 && this.onlyOtherUnitsBetween(head, m.start)))) (this.latest ??= new Map()).set(head.rule.rule.unit, { index: this.next, rule: head.rule });
      else if (!head && this.carried && m.start - this.sentenceStart <= 1) (this.latest ??= new Map()).set(this.carried.rule.rule.unit, { index: this.next, rule: this.carried.rule });
      else this.noteChange(m, records);
      this.next++;
    }
  }

  /**
   * 检查定点医药机构2,987家，监管覆盖率87.54%，其中…: the figures between the head and 其中 (at most
   * MAX_HEAD_GAP units apart) are all of other units than the head's metric, or changes, so they
   * break down nothing of it. Reads only the figures in that gap.
   */
  private onlyOtherUnitsBetween(head: RawRecord, pos: number): boolean {
    if (pos - head.figure.end > MAX_HEAD_GAP) return false;
    const unit = head.rule.rule.unit;
    const { figures } = this.ctx;
    for (let k = lowerBound(figures, head.figure.end, startOf); k < figures.length && figures[k]!.start < pos; k++) {
      const g = figures[k]!;
      // A change (比上年增加1,722.6万元) is no level of anything.
      if (figureBases(g).includes(unit) && !this.ctx.change.endsNear(head.figure.end, g.start, 3)) return false;
    }
    return true;
  }

  /** Units whose last breakdown marker followed a change (新增…9家（其中…): its parts are changes too. */
  private changes: Map<BaseUnit, number> | undefined;

  /**
   * The figure right before marker m (within 4 units, with no record) has a change word before it in
   * its clause, and no record of its unit comes before it: note its units.
   */
  private noteChange(m: Hit, records: readonly RawRecord[]): void {
    const { figures } = this.ctx;
    const g = figures[lowerBound(figures, m.start + 1, endOf) - 1];
    if (!g || m.start - g.end > 4) return;
    // …3,412家，比上年净增545家，其中…: after a level of the same unit, 其中 breaks down the level.
    const before = records[lowerBound(records, g.start + 1, figureEndOf) - 1];
    if (before && figureBases(g).includes(before.rule.rule.unit)) return;
    if (!this.ctx.change.anyWithin(clauseStartAt(this.ctx, g.start), g.start)) return;
    for (const b of figureBases(g)) (this.changes ??= new Map()).set(b, this.next);
  }

  /** The latest breakdown marker for these units followed a change, and no later head. */
  changeFor(bases: readonly BaseUnit[]): boolean {
    if (this.changes === undefined) return false;
    for (const b of bases) {
      const at = this.changes.get(b);
      const head = this.latest?.get(b);
      if (at !== undefined && !(head && head.index > at)) return true;
    }
    return false;
  }

  headFor(bases: readonly BaseUnit[]): CompiledRule | null {
    if (this.latest === undefined) return null;
    let best: { index: number; rule: CompiledRule } | undefined;
    for (const b of bases) {
      const x = this.latest.get(b);
      if (x && (!best || x.index > best.index)) best = x;
    }
    return best ? best.rule : null;
  }
}

function qualifierOf(ctx: SentenceContext, f: Figure, lo: number, hi: number): Qualifier | undefined {
  if (ctx.plan.minEnd <= f.start) return 'planned';
  if (ctx.target.minEnd <= f.start || ctx.target.anyWithin(lo, hi)) return 'target';
  return undefined;
}

/**
 * The records of one sentence. `clauseBreaks` holds the clause breaks of the whole text in order
 * (segment.ts), `breakFrom` the index of the first one at or after sentence.start.
 */
function extractFromSentence(
  text: string,
  sentence: Span,
  rules: readonly CompiledRule[],
  state: EngineState,
  carried: RawRecord | undefined,
  clauseBreaks: readonly number[],
  breakFrom: number,
  semicolonFrom: number,
  heading: Span | null,
): RawRecord[] {
  const t = state.tables;
  // Every record needs a cue or a generic total (金额, 合计…) in its sentence: enumerations and
  // breakdowns only carry a record the sentence already has. So a sentence with neither is done
  // before its figures are even read (most sentences of a bulletin with numbers in them), and
  // the words of the other lists are read only once the sentence has figures.
  if (!mayHoldFigure(text, sentence.start, sentence.end)) return NO_RECORDS;
  const found = scanCues(text, sentence, t);
  const opensBreakdown = carried !== undefined && BREAKDOWN_WORDS.some((w) => text.startsWith(w, sentence.start));
  if (found === null && !opensBreakdown) return NO_RECORDS;
  const { figures } = scanFigures(text, sentence.start, sentence.end);
  if (figures.length === 0) return NO_RECORDS;
  scanWords(text, sentence, t);
  // Cue hits overlapping a figure are no cues (found is this sentence's own array, or the empty NO_CUES).
  const cues = found === null ? NO_CUES : keepOutside(found, figures);
  // By end: hits rarely nest, so the by-start list is usually sorted by end already.
  let sortedByEnd = true;
  for (let i = 1; i < cues.length && sortedByEnd; i++) if (cues[i]!.end < cues[i - 1]!.end) sortedByEnd = false;
  // Clause breaks outside figures (a figure's commas are no clause break).
  const breaks: number[] = [];
  let fi = 0;
  for (let b = breakFrom; b < clauseBreaks.length; b++) {
    const p = clauseBreaks[b]!;
    if (p >= sentence.end) break;
    while (fi < figures.length && figures[fi]!.end <= p) fi++;
    if (fi < figures.length && figures[fi]!.start <= p) continue;
    breaks.push(p);
  }
  const ctx = new SentenceContext(text, sentence, figures, cues, sortedByEnd ? cues : [...cues].sort((a, b) => a.end - b.end), t, breaks, semicolonFrom, heading);

  const records: RawRecord[] = [];
  let unpaired: Figure[] | undefined;
  const leadIn = leadInOf(text, sentence, figures, cues, breaks, rules);
  const heads = new BreakdownHeads(ctx.breakdown.hits, ctx, sentence.start, opensBreakdown ? carried : undefined, leadIn?.rule);
  let changeAt: Figure | null = null; // the last figure skipped as a change
  for (const f of figures) {
    heads.advance(f.start, records);
    const bases = figureBases(f);
    if (bases.length === 0 || (f.value === null && !f.redacted)) continue;
    const lo = clauseStart(ctx, f);
    const hi = clauseEnd(ctx, f);
    // A change right before the figure (下降709397人次, 新增11家, 降幅为12%) is never a level.
    if (ctx.change.endsNear(lo, f.start, 3)) {
      changeAt = f;
      continue;
    }
    // 同比分别增长0.6%、6.8%和9.3%: the figures enumerated after a change are changes too.
    if (changeAt !== null && isEnumeratedAfter(ctx, changeAt, f)) {
      changeAt = f;
      continue;
    }
    if (ctx.cap.endsNear(lo, f.start, 8)) continue;
    if (isThreshold(text, f)) continue;
    // 每一位参保人 · 每100名参保人中有98人: a figure after 每, or after one in its clause (at most
    // PER_WINDOW units back), counts one of many or a share, never a total.
    if (isPerCount(ctx, f, lo)) continue;

    let rule: CompiledRule | null = null;
    let evidenceStart = f.start;
    let evidenceEnd = f.end;
    // 基金收入、支出分别为14.36亿元、9.82亿元: the list before 分别 decides (14.36 is income: no record).
    const respective = respectiveOf(ctx, f, bases, rules);
    if (respective === null) continue;
    let direct = respective === undefined ? (pairDirect(ctx, f, bases, rules, lo, hi) ?? pairByTopic(ctx, f, bases, rules, lo)) : null;
    // 参保率（按常住人口计算）95.86%: a bracketed aside right before the figure stands apart; the cue
    // before it pairs as if the figure began at the bracket.
    if (!direct && respective === undefined) {
      const open = asideBefore(text, f.start, sentence.start);
      if (open >= 0) direct = pairDirect(ctx, f, bases, rules, clauseStartAt(ctx, open), hi, open);
    }
    let cue: { start: number; end: number } | undefined;
    let reach: { ruleIndex: number; verbStart: number } | null;
    // A weak pairing yields to a breakdown head: 暂停协议7家,其中定点医院2家 are suspensions.
    if (direct?.weak && !(direct.cue && statesTotal(text, direct.cue.end, f.start))) {
      // 新增定点医药机构9家（其中定点零售药店7家…）: the parts of a change are changes.
      if (heads.changeFor(bases)) continue;
      const head = heads.headFor(bases);
      if (head && !head.rule.weak) {
        direct = null;
        rule = head;
      }
    }
    if (direct) {
      rule = rules[direct.ruleIndex]!;
      if (direct.cue) {
        cue = { start: direct.cue.start, end: direct.cue.end };
        evidenceStart = Math.min(direct.cue.start, f.start);
        evidenceEnd = Math.max(direct.cue.end, f.end);
      }
    } else if (respective) {
      rule = respective;
    } else if (!rule && changeAt !== null && (reach = reachedAfterChange(ctx, f, changeAt, bases, rules, hi)) !== null) {
      // 职工医保参保人数比上年增加12.8万人，达到312.46万人: the level the change reached.
      rule = rules[reach.ruleIndex]!;
      evidenceStart = reach.verbStart;
    } else if (!rule) {
      // Carried metrics: only for a figure whose nearest noun is not some other quantity.
      if (ctx.anti.endsNear(lo, f.start, 6)) continue;
      rule = pairByEnumeration(ctx, f, bases, records.at(-1), rules) ?? pairByParallel(ctx, f, bases, records.at(-1)) ?? pairByCumulative(ctx, f, bases, records.at(-1)) ?? heads.headFor(bases);
      if (rule !== null && rule === leadIn?.rule && ctx.list(t.blockers[leadIn.ruleIndex]!).anyWithin(lo, hi)) rule = null;
      if (rule !== null && hasBlockedCue(ctx, f, bases, lo, hi, rules)) rule = null;
    }
    if (!rule) {
      (unpaired ??= []).push(f);
      continue;
    }
    const qualifier = qualifierOf(ctx, f, lo, hi);
    const record: RawRecord = { rule, figure: f, start: evidenceStart, end: evidenceEnd };
    if (qualifier) record.qualifier = qualifier;
    if (cue) record.cue = cue;
    records.push(record);
  }
  return unpaired ? withBackwardEnumerations(ctx, records, unpaired) : records;
}

/** 分别为 lists: at most this many items, each at most MAX_RESPECTIVE_ITEM units long. */
const MAX_RESPECTIVE = 6;
const MAX_RESPECTIVE_ITEM = 20;
const RESPECTIVELY = ['分别达到', '分别为', '分别是', '分别达', '分别'] as const;
const ITEM_JOINERS = new Set([0x3001 /* 、 */, 0x548c /* 和 */, 0x53ca /* 及 */, 0x4e0e /* 与 */]);

const INSTITUTION_NOUNS = ['机构', '医院', '药店', '药房', '诊所', '卫生室', '卫生院', '中心'] as const;

/** The cue's text names institutions (定点医疗机构, 药店…). */
function hasInstitutionNoun(text: string, start: number, end: number): boolean {
  const t = text.slice(start, end);
  return INSTITUTION_NOUNS.some((w) => t.includes(w));
}

/** A 分别为 item this short can be a verb that shares the next item's object (暂停、解除…协议). */
const MAX_ELIDED_VERB = 4;

/**
 * The rule of the longest cue that matches `phrase` (a verb put before the next item's object:
 * 暂停 + 医保服务协议的定点医药机构) from its start, covering more than the verb, in one of the
 * units; -1 when none. Reads every cue once, on a phrase of a few dozen units.
 */
function elidedCue(ctx: SentenceContext, phrase: string, bases: readonly BaseUnit[], rules: readonly CompiledRule[]): number {
  let best = -1;
  let bestLength = MAX_ELIDED_VERB;
  for (const { cue, ruleIndex } of ctx.tables.cues) {
    if (!bases.includes(rules[ruleIndex]!.rule.unit)) continue;
    const length = cueMatchAt(phrase, 0, phrase.length, cue);
    if (length > bestLength) {
      best = ruleIndex;
      bestLength = length;
    }
  }
  return best;
}

/** Verbs that state the level a change reached: …增加12.8万人，达到312.46万人. */
const REACH_VERBS = ['达到', '增至', '增加到', '提高到', '提高至', '升至', '降至', '达'] as const;

/**
 * f follows the change figure g, in the next clause, after only a reach verb (，达到): f is the
 * level of what changed, paired with the cue before the change (its words, 比上年增加, skipped).
 */
function reachedAfterChange(ctx: SentenceContext, f: Figure, g: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[], hi: number): { ruleIndex: number; verbStart: number } | null {
  const text = ctx.text;
  if (g.end >= f.start || !isClauseBreak(text[g.end])) return null;
  const verb = REACH_VERBS.find((v) => f.start - v.length === g.end + 1 && text.startsWith(v, g.end + 1));
  if (!verb) return null;
  // Back over the change words right before g (比上年 增加): the figure stands where they begin.
  let at = g.start;
  for (let k = 0; k < 3; k++) {
    const s = ctx.change.lastStartEndingBy(at);
    if (s < 0) break;
    let end = s;
    for (let j = ctx.change.from(s); j < ctx.change.hits.length && ctx.change.hits[j]!.start === s; j++) end = Math.max(end, ctx.change.hits[j]!.end);
    if (at - end > 1) break;
    at = s;
  }
  if (at === g.start) return null;
  const choice = pairDirect(ctx, f, bases, rules, clauseStartAt(ctx, at), hi, at);
  return choice && choice.cue ? { ruleIndex: choice.ruleIndex, verbStart: f.start - verb.length } : null;
}

/** g comes right before f, joined to it only by 、/和/及/与. */
function isEnumeratedAfter(ctx: SentenceContext, g: Figure, f: Figure): boolean {
  const k = lowerBound(ctx.figures, f.start, startOf);
  return k > 0 && ctx.figures[k - 1] === g && joinedFigures(ctx, k);
}

/** Quantity words a 分别为 item may add after its cue (享受待遇人次). */
const ITEM_SUFFIXES = ['人次', '人数', '金额', '资金', '总额', '支出'] as const;

/** The figures at k-1 and k are joined only by 、/和/及/与 (or 以及). */
function joinedFigures(ctx: SentenceContext, k: number): boolean {
  const gap = ctx.text.slice(ctx.figures[k - 1]!.end, ctx.figures[k]!.start);
  return (ENUMERATION_JOINERS as readonly string[]).includes(gap);
}

/**
 * 基金收入、支出分别为14.36亿元、9.82亿元: n nouns joined by 、/和/及/与 right before 分别为 (分别是,
 * 分别达, 分别), then n figures joined the same way, and every noun names a quantity (a cue of some
 * metric, or another quantity such as 收入, ends it). Then the k-th figure is the k-th noun's: the
 * rule whose cue ends that noun, in the figure's unit, or null (收入 names no metric). Undefined when
 * the sentence has no such list there (职工医保、居民医保基金支出分别为…: 职工医保 names no quantity,
 * the metric is shared, read as usual). Bounded: at most MAX_RESPECTIVE figures and items, items of
 * at most MAX_RESPECTIVE_ITEM units, read back from 分别.
 */
function respectiveOf(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[]): CompiledRule | null | undefined {
  const { text, figures } = ctx;
  const k = lowerBound(figures, f.start, startOf);
  let first = k;
  while (first > 0 && k - first < MAX_RESPECTIVE && joinedFigures(ctx, first)) first--;
  let last = k;
  while (last + 1 < figures.length && last - first < MAX_RESPECTIVE && joinedFigures(ctx, last + 1)) last++;
  const count = last - first + 1;
  if (count < 2 || count > MAX_RESPECTIVE) return undefined;
  const head = figures[first]!.start;
  const word = RESPECTIVELY.find((w) => head - w.length >= ctx.sentence.start && text.startsWith(w, head - w.length));
  if (!word) return undefined;
  // Items right to left: the last one ends at 分别, each earlier one at a joiner.
  const ends: number[] = [head - word.length];
  const starts: number[] = [];
  let itemEnd = ends[0]!;
  let p = itemEnd - 1;
  for (; p >= ctx.sentence.start && p >= itemEnd - MAX_RESPECTIVE_ITEM; p--) {
    const c = text.charCodeAt(p);
    if (isClauseBreak(text[p])) break;
    if (!ITEM_JOINERS.has(c)) continue;
    starts.push(p + 1);
    if (ends.length === count) break;
    itemEnd = c === 0x53ca /* 及 */ && text.charCodeAt(p - 1) === 0x4ee5 /* 以 */ ? p - 1 : p;
    ends.push(itemEnd);
    p = itemEnd;
  }
  if (starts.length < ends.length) starts.push(p + 1);
  if (ends.length !== count) return undefined;
  // Every item names a quantity its own figure can be: a cue of a metric in that figure's unit, or
  // another quantity (收入), ends it. Items run right to left: item i is figure last - i's.
  let mine: CompiledRule | null = null;
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    const end = ends[i]!;
    if (end - start < 1) return undefined;
    const own = last - i === k;
    const itemBases = own ? bases : figureBases(figures[last - i]!);
    let named = ctx.anti.endsNear(start, end, 0);
    // The cue ends the item, or leaves it a quantity word (享受待遇 + 人次, 救助资金 + 支出); the
    // longest such cue of a metric in the figure's unit names it.
    const suffix = ITEM_SUFFIXES.find((w) => end - w.length > start && text.startsWith(w, end - w.length));
    let best: CueHit | null = null;
    // …or ends before 的 and the counted noun (解除医保服务协议的定点医药机构).
    let modifierEnd = -1; // the 的 at most MAX_ENUMERATED_NOUN + 1 units before the item's end (bounded look-back)
    for (let p = end - 1; p > start && end - p <= MAX_ENUMERATED_NOUN + 1; p--) {
      if (text.charCodeAt(p) === 0x7684 /* 的 */) {
        modifierEnd = p;
        break;
      }
    }
    for (const cueEnd of suffix ? [end, end - suffix.length] : modifierEnd > 0 ? [end, modifierEnd] : [end]) {
      for (let j = lowerBound(ctx.cuesByEnd, cueEnd, endOf); j < ctx.cuesByEnd.length && ctx.cuesByEnd[j]!.end === cueEnd; j++) {
        const h = ctx.cuesByEnd[j]!;
        const rule = rules[h.ruleIndex]!;
        if (h.start < start - MAX_RESPECTIVE_ITEM || !itemBases.includes(rule.rule.unit)) continue;
        if (!requiresMet(ctx, h)) continue;
        if (ctx.list(ctx.tables.blockers[h.ruleIndex]!).anyWithin(start, f.end)) continue;
        if (!best || h.end - h.start > best.end - best.start) best = h;
      }
    }
    if (best) named = true;
    // 暂停、解除医保服务协议的定点医药机构分别为14家、3家: a bare verb shares the next item's object.
    let elided = -1;
    if (!named && i > 0 && end - start <= MAX_ELIDED_VERB) elided = elidedCue(ctx, text.slice(start, end) + text.slice(starts[i - 1]! + 2, ends[i - 1]!), itemBases, rules);
    if (elided >= 0) named = true;
    if (!named) return undefined;
    if (own && best) mine = rules[best.ruleIndex]!;
    else if (own && elided >= 0) mine = rules[elided]!;
  }
  return mine;
}

/** How far back a 每 before another figure of the clause is looked for (每100名参保人中有98人). */
const PER_WINDOW = 16;

/** A figure right after 每, or after a figure of its clause that follows 每 (at most PER_WINDOW back). */
function isPerCount(ctx: SentenceContext, f: Figure, lo: number): boolean {
  const text = ctx.text;
  if (text.charCodeAt(f.start - 1) === 0x6bcf /* 每 */) return true;
  for (let k = lowerBound(ctx.figures, Math.max(lo, f.start - PER_WINDOW), startOf); k < ctx.figures.length && ctx.figures[k]!.start < f.start; k++) {
    if (text.charCodeAt(ctx.figures[k]!.start - 1) === 0x6bcf) return true;
  }
  return false;
}

/** A bracketed aside is at most this long, brackets included (（按常住人口计算） is 9). */
const MAX_ASIDE = 24;

/**
 * The opening bracket of a bracketed aside that ends right before `p` ((含门诊慢特病救助)7.59万人次),
 * or -1: no other bracket or line break inside it, and it opens after `min`. Bounded look-back.
 */
function asideBefore(text: string, p: number, min: number): number {
  const close = text.charCodeAt(p - 1);
  if (close !== 0x29 /* ) */ && close !== 0xff09 /* ） */) return -1;
  for (let i = p - 2; i > min && i >= p - MAX_ASIDE; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x28 /* ( */ || c === 0xff08 /* （ */) return i;
    if (c === 0x29 || c === 0xff09 || c === 0x0a || c === 0x3002 /* 。 */) return -1;
  }
  return -1;
}

/** A lead-in clause is at most this long (在城乡居民基本医疗保险参保人数中 is 16). */
const MAX_LEAD_IN = 24;

interface LeadIn {
  rule: CompiledRule;
  ruleIndex: number;
}

/**
 * 在职工参保人数中,在职职工62.35万人,退休人员26.12万人 · 从追回资金构成看,定点医疗机构9637.25万元,…:
 * a first clause that names a metric and ends in 中 or 看 (its cue right before, or before one of
 * LEAD_IN_ASPECTS), with no figure, opens a breakdown of that metric: a later figure of the
 * sentence that pairs with no cue of its own takes it, as after 其中 (unless one of the metric's
 * blockers is in the figure's clause). No activity word (LEAD_IN_ACTIVITIES) may end the clause:
 * 在定点医药机构检查中 is about checks.
 */
function leadInOf(text: string, sentence: Span, figures: readonly Figure[], cues: readonly CueHit[], breaks: readonly number[], rules: readonly CompiledRule[]): LeadIn | null {
  const p = breaks[0];
  if (p === undefined || p - sentence.start > MAX_LEAD_IN || figures.length === 0 || figures[0]!.start < p) return null;
  const closing = text.charCodeAt(p - 1);
  if (closing !== 0x4e2d /* 中 */ && closing !== 0x770b /* 看 */) return null;
  let end = p - 1;
  const aspect = LEAD_IN_ASPECTS.find((w) => text.startsWith(w, end - w.length));
  if (aspect) end -= aspect.length;
  if (LEAD_IN_ACTIVITIES.some((w) => text.startsWith(w, end - w.length))) return null;
  for (const h of cues) if (h.end === end) return { rule: rules[h.ruleIndex]!, ruleIndex: h.ruleIndex };
  return null;
}

/** 在1万元以上的 · 5000元以下的: a threshold of a rule, not a stated amount. */
function isThreshold(text: string, f: Figure): boolean {
  const after = text.charCodeAt(f.end) === 0x7684; // 的
  if (!after) return text.startsWith('以下的', f.end);
  const own = text.slice(Math.max(f.start, f.end - 2), f.end);
  return own === '以上' || own === '以下';
}

/** The noun after an enumerated figure is at most this long (定点零售药店 is 6). */
const MAX_ENUMERATED_NOUN = 8;

/**
 * 对24家定点医疗机构、31家定点零售药店开展…专项检查: each figure has a short noun of its own after it
 * (no clause break, no other quantity or change), the first noun ends in a joiner, and the second
 * figure's cue follows its noun: the first figure shares that cue.
 */
function parallelNouns(ctx: SentenceContext, f: Figure, next: Figure, cue: { start: number; end: number }): boolean {
  const text = ctx.text;
  const joiner = ENUMERATION_JOINERS.find((j) => text.startsWith(j, next.start - j.length));
  if (!joiner) return false;
  const noun = next.start - joiner.length - f.end;
  const ownNoun = cue.start - next.end;
  if (noun < 1 || noun > MAX_ENUMERATED_NOUN || ownNoun < 1 || ownNoun > MAX_ENUMERATED_NOUN) return false;
  for (let p = f.end; p < cue.start; p++) if (isClauseBreak(text[p])) return false;
  return !ctx.anti.anyWithin(f.end, cue.start) && !ctx.change.anyWithin(f.end, cue.start);
}

/**
 * 分别涉及31个、47个品种: a figure with no cue of its own, joined by 、/和 to the next figure whose
 * cue stands after it, shares that figure's metric.
 */
function withBackwardEnumerations(ctx: SentenceContext, records: RawRecord[], unpaired: readonly Figure[]): RawRecord[] {
  const byFigure = new Map(records.map((r) => [r.figure, r] as const));
  const added: RawRecord[] = [];
  for (const f of unpaired) {
    const k = lowerBound(ctx.figures, f.start, startOf); // ctx.figures.indexOf(f): figures are in order
    const next = ctx.figures[k + 1];
    const r = next && byFigure.get(next);
    if (!next || !r || !r.cue || r.cue.start < next.end) continue;
    if (!figureBases(f).includes(r.rule.rule.unit)) continue;
    const joiner = ctx.text.slice(f.end, next.start);
    if (!(ENUMERATION_JOINERS as readonly string[]).includes(joiner) && !parallelNouns(ctx, f, next, r.cue)) continue;
    added.push({ rule: r.rule, figure: f, start: f.start, end: f.end, ...(r.qualifier ? { qualifier: r.qualifier } : {}) });
  }
  return added.length ? [...records, ...added].sort((a, b) => a.figure.start - b.figure.start) : records;
}

export function extractRecords(text: string, rules: readonly CompiledRule[]): RawRecord[] {
  const state = engineState(rules);
  const out: RawRecord[] = [];
  let last: RawRecord | undefined; // the previous sentence's last record, if it ended that sentence's figures
  const { sentences, clauseBreaks } = segmentText(text);
  let breakFrom = 0;
  let prev: Span | undefined;
  let chainFrom = -1; // where the chain of sentences the previous one belongs to starts
  let heading: Span | null = null;
  for (const s of sentences) {
    while (breakFrom < clauseBreaks.length && clauseBreaks[breakFrom]! < s.start) breakFrom++;
    const ended = prev !== undefined && prev.end === s.start ? text.charCodeAt(prev.end - 1) : 0;
    // After ；, or after a short heading sentence ((一)职工医保统筹基金。本年支出19,872.15万元), and
    // on back through a chain of them (heading。…；…；), at most MAX_REQUIRES_BACK units.
    const joined = ended === 0x3b /* ; */ || ended === 0xff1b /* ； */ || (ended !== 0 && prev!.end - prev!.start <= MAX_HEADING);
    const semicolonFrom = joined ? Math.max(chainFrom >= 0 ? chainFrom : prev!.start, s.start - MAX_REQUIRES_BACK) : -1;
    chainFrom = joined ? semicolonFrom : s.start;
    // A paragraph (after a line break) whose first sentence is short has it for a heading.
    if (s.start === 0 || text.charCodeAt(s.start - 1) === 0x0a) heading = s.end - s.start <= MAX_HEADING ? s : null;
    prev = s;
    const got = extractFromSentence(text, s, rules, state, last, clauseBreaks, breakFrom, semicolonFrom, heading === s ? null : heading);
    for (const r of got) out.push(r);
    last = got.at(-1);
  }
  return out;
}
