// The engine: figures (src/numbers) + cue hits (src/rules) → records, per sentence.
//
// Contract, after Recognizers-Text: extractors return spans (figures, cue hits); the pairing
// below resolves them into at most one metric per figure. Overlap and ambiguity are decided
// here and nowhere else:
//   1. a figure pairs with the nearest compatible cue in its clause, left or right (the unit
//      decides between metrics that share a cue: 救助…人次 → aid_visits, 救助…元 → aid_amount);
//      weak metrics (designated institutions) yield to any other;
//   2. else a generic total (金额, 合计…) takes the nearest topic word of the sentence;
//   3. else the figure inherits from an enumeration (85%、70%) or a breakdown head (…其中…);
//   4. never: changes (同比增长2%, 新增11家, 个百分点), caps and standards (最高支付限额15万元),
//      figures whose nearest noun names another quantity (总费用3494.51万元).
import { CAP_WORDS, ANTI_CUES, BREAKDOWN_WORDS, CHANGE_WORDS, ENUMERATION_JOINERS, GENERIC_MONEY_CUES, PLAN_WORDS, TARGET_WORDS } from '../rules/lexicon.js';
import { DEFAULT_LEFT_GAP, DEFAULT_RIGHT_GAP, type CompiledRule } from '../rules/catalog.js';
import { scanFigures } from '../numbers/scan.js';
import { UNIT_TABLE } from '../numbers/units.js';
import type { Figure } from '../numbers/types.js';
import type { BaseUnit, Qualifier } from '../schema.js';
import { isClauseBreak, splitSentences, type Span } from '../text/segment.js';

export interface RawRecord {
  rule: CompiledRule;
  figure: Figure;
  /** Evidence span in the working text. */
  start: number;
  end: number;
  qualifier?: Qualifier;
  column?: string;
}

interface Hit {
  start: number;
  end: number;
}

interface CueHit extends Hit {
  ruleIndex: number;
  side: 'left' | 'right' | 'both';
  gap: number | undefined;
  requires: string | undefined;
}

/** The base units a figure can stand for: from its unit token, or money for a bare 万/亿 ("金额1081.61万"). */
export function figureBases(f: Figure): readonly BaseUnit[] {
  if (f.unit === null) return f.bareMultiplier ? ['yuan'] : [];
  const info = UNIT_TABLE[f.unit];
  if (!info || info.change) return [];
  return info.bases;
}

/** All occurrences of the words, left to right (a word list is small; indexOf is linear per word). */
function findWords(text: string, from: number, to: number, words: readonly string[]): Hit[] {
  const hits: Hit[] = [];
  const slice = text.slice(from, to);
  for (const w of words) {
    let i = slice.indexOf(w);
    while (i >= 0) {
      hits.push({ start: from + i, end: from + i + w.length });
      i = slice.indexOf(w, i + 1);
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

function findCues(text: string, from: number, to: number, rules: readonly CompiledRule[]): CueHit[] {
  const hits: CueHit[] = [];
  const slice = text.slice(from, to);
  rules.forEach((r, ruleIndex) => {
    for (const cue of r.cues) {
      const g = new RegExp(cue.regex.source, 'g');
      for (let m = g.exec(slice); m !== null; m = g.exec(slice)) {
        if (m[0].length === 0) {
          g.lastIndex++;
          continue;
        }
        hits.push({ ruleIndex, start: from + m.index, end: from + m.index + m[0].length, side: cue.side, gap: cue.gap, requires: cue.requires });
      }
    }
  });
  return hits;
}

const between = (h: Hit, lo: number, hi: number): boolean => h.start >= lo && h.end <= hi;

interface SentenceContext {
  text: string;
  sentence: Span;
  figures: Figure[];
  cues: CueHit[];
  anti: Hit[];
  change: Hit[];
  cap: Hit[];
  generic: Hit[];
  target: Hit[];
  plan: Hit[];
  breakdown: Hit[];
  topicHits: Map<number, Hit[]>;
  /** figureAt[i - sentence.start]: true where a figure covers the position (its commas are no clause break). */
  inFigure: Uint8Array;
}

function clauseBounds(ctx: SentenceContext, f: Figure): [number, number] {
  const { text, sentence, inFigure } = ctx;
  let lo = f.start;
  while (lo > sentence.start && !(isClauseBreak(text[lo - 1]) && !inFigure[lo - 1 - sentence.start])) lo--;
  let hi = f.end;
  while (hi < sentence.end && !(isClauseBreak(text[hi]) && !inFigure[hi - sentence.start])) hi++;
  return [lo, hi];
}

function figureBetween(ctx: SentenceContext, lo: number, hi: number, self: Figure): boolean {
  return ctx.figures.some((g) => g !== self && g.start < hi && g.end > lo);
}

interface Choice {
  ruleIndex: number;
  cue: Hit | null;
  weak: boolean;
  distance: number;
  length: number;
}

function pairDirect(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[]): Choice | null {
  const [lo, hi] = clauseBounds(ctx, f);
  const clause = ctx.text.slice(lo, hi);
  const choices: Choice[] = [];
  for (const h of ctx.cues) {
    const rule = rules[h.ruleIndex]!;
    if (!bases.includes(rule.rule.unit)) continue;
    let distance: number;
    if (h.end <= f.start && h.start >= lo) {
      if (h.side === 'right') continue;
      distance = f.start - h.end;
      if (distance > (h.gap ?? DEFAULT_LEFT_GAP)) continue;
      if (figureBetween(ctx, h.end, f.start, f)) continue;
      if (ctx.anti.some((a) => between(a, h.end, f.start))) continue;
      if (ctx.change.some((c) => between(c, h.end, f.start))) continue;
    } else if (h.start >= f.end && h.end <= hi) {
      if (h.side === 'left') continue;
      distance = h.start - f.end + 1; // at equal distance the cue before the figure wins
      if (distance - 1 > (h.gap ?? DEFAULT_RIGHT_GAP)) continue;
      if (figureBetween(ctx, f.end, h.start, f)) continue;
      if (ctx.anti.some((a) => between(a, f.end, h.start))) continue;
    } else continue;
    if (h.requires && !ctx.text.slice(ctx.sentence.start, h.start).includes(h.requires)) continue;
    if (rule.rule.blockers.some((b) => clause.includes(b))) continue;
    choices.push({ ruleIndex: h.ruleIndex, cue: h, weak: rule.rule.weak, distance, length: h.end - h.start });
  }
  if (choices.length === 0) return null;
  choices.sort((a, b) => Number(a.weak) - Number(b.weak) || a.distance - b.distance || b.length - a.length);
  return choices[0]!;
}

/** 涉嫌欺诈骗保病历…核实3757例,金额1081.61万: a generic total takes the nearest topic of the sentence. */
function pairByTopic(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], rules: readonly CompiledRule[], lo: number): Choice | null {
  const generic = ctx.generic.filter((g) => g.end <= f.start && g.start >= lo && f.start - g.end <= 2).pop();
  if (!generic) return null;
  let best: { ruleIndex: number; at: number } | null = null;
  for (const [ruleIndex, hits] of ctx.topicHits) {
    if (!bases.includes(rules[ruleIndex]!.rule.unit)) continue;
    for (const h of hits) {
      if (h.end <= generic.start && (!best || h.start > best.at)) best = { ruleIndex, at: h.start };
    }
  }
  return best ? { ruleIndex: best.ruleIndex, cue: generic, weak: false, distance: f.start - generic.end, length: generic.end - generic.start } : null;
}

/** 85%、70%左右 · 13家定点医院、37家村卫生室: the previous record of the clause carries over. */
function pairByEnumeration(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], prev: RawRecord | undefined): CompiledRule | null {
  if (!prev || !bases.includes(prev.rule.rule.unit)) return null;
  const gapText = ctx.text.slice(prev.figure.end, f.start);
  if (gapText.length > 12) return null;
  for (let i = 0; i < gapText.length; i++) if (isClauseBreak(gapText[i])) return null;
  if (!ENUMERATION_JOINERS.some((j) => gapText.includes(j))) return null;
  if (ctx.anti.some((a) => between(a, prev.figure.end, f.start))) return null;
  if (figureBetween(ctx, prev.figure.end, f.start, f)) return null;
  return prev.rule;
}

/** 参保501.25万人(其中居民…) · 累计受益1481285人次(其中:…日间病房1125人次): figures with no cue inherit the head's metric. */
function pairByBreakdown(ctx: SentenceContext, f: Figure, bases: readonly BaseUnit[], records: readonly RawRecord[]): CompiledRule | null {
  const markers = ctx.breakdown.filter((b) => b.end <= f.start);
  for (let k = markers.length - 1; k >= 0; k--) {
    const m = markers[k]!;
    for (let r = records.length - 1; r >= 0; r--) {
      const head = records[r]!;
      if (head.figure.end > m.start) continue;
      if (m.start - head.figure.end > 4) break;
      if (bases.includes(head.rule.rule.unit)) return head.rule;
      break;
    }
  }
  return null;
}

function qualifierOf(ctx: SentenceContext, f: Figure, lo: number, hi: number): Qualifier | undefined {
  if (ctx.plan.some((h) => h.end <= f.start)) return 'planned';
  if (ctx.target.some((h) => h.end <= f.start || between(h, lo, hi))) return 'target';
  return undefined;
}

function nearestBefore(hits: readonly Hit[], lo: number, pos: number): Hit | undefined {
  let best: Hit | undefined;
  for (const h of hits) if (h.start >= lo && h.end <= pos && (!best || h.end > best.end)) best = h;
  return best;
}

export function extractFromSentence(text: string, sentence: Span, rules: readonly CompiledRule[]): RawRecord[] {
  const { figures } = scanFigures(text, sentence.start, sentence.end);
  if (figures.length === 0) return [];
  const inFigure = new Uint8Array(sentence.end - sentence.start);
  for (const f of figures) inFigure.fill(1, f.start - sentence.start, f.end - sentence.start);
  const outside = (h: Hit): boolean => !figures.some((f) => h.start < f.end && h.end > f.start);
  const words = (list: readonly string[]): Hit[] => findWords(text, sentence.start, sentence.end, list).filter(outside);
  const topicHits = new Map<number, Hit[]>();
  rules.forEach((r, i) => {
    if (r.rule.topics.length) topicHits.set(i, words(r.rule.topics));
  });
  const ctx: SentenceContext = {
    text,
    sentence,
    figures,
    cues: findCues(text, sentence.start, sentence.end, rules).filter(outside),
    anti: words(ANTI_CUES),
    change: words(CHANGE_WORDS),
    cap: words(CAP_WORDS),
    generic: words(GENERIC_MONEY_CUES),
    target: words(TARGET_WORDS),
    plan: words(PLAN_WORDS),
    breakdown: [...words(BREAKDOWN_WORDS), ...words(['(', '（'])].sort((a, b) => a.start - b.start),
    topicHits,
    inFigure,
  };

  const records: RawRecord[] = [];
  for (const f of figures) {
    const bases = figureBases(f);
    if (bases.length === 0 || (f.value === null && !f.redacted)) continue;
    const [lo, hi] = clauseBounds(ctx, f);
    // A change right before the figure (下降709397人次, 新增11家, 降幅为12%) is never a level.
    const change = nearestBefore(ctx.change, lo, f.start);
    if (change && f.start - change.end <= 3) continue;
    const cap = nearestBefore(ctx.cap, lo, f.start);
    if (cap && f.start - cap.end <= 8) continue;

    let rule: CompiledRule | null = null;
    let evidenceStart = f.start;
    let evidenceEnd = f.end;
    const direct = pairDirect(ctx, f, bases, rules) ?? pairByTopic(ctx, f, bases, rules, lo);
    if (direct) {
      rule = rules[direct.ruleIndex]!;
      if (direct.cue) {
        evidenceStart = Math.min(direct.cue.start, f.start);
        evidenceEnd = Math.max(direct.cue.end, f.end);
      }
    } else {
      // Carried metrics: only for a figure whose nearest noun is not some other quantity.
      const anti = nearestBefore(ctx.anti, lo, f.start);
      if (anti && f.start - anti.end <= 6) continue;
      rule = pairByEnumeration(ctx, f, bases, records.at(-1)) ?? pairByBreakdown(ctx, f, bases, records);
    }
    if (!rule) continue;
    const qualifier = qualifierOf(ctx, f, lo, hi);
    records.push({ rule, figure: f, start: evidenceStart, end: evidenceEnd, ...(qualifier ? { qualifier } : {}) });
  }
  return records;
}

export function extractRecords(text: string, rules: readonly CompiledRule[]): RawRecord[] {
  const out: RawRecord[] = [];
  for (const s of splitSentences(text)) out.push(...extractFromSentence(text, s, rules));
  return out;
}
