// User rule files (`--rules FILE.yaml`): more metrics, or more cue words for existing ones.
//
//   metrics:
//     - id: consultations          # a new id: appended after the built-in metrics
//       label: 咨询量
//       unit: person_time
//       cues: [咨询量]
//     - id: fines                  # an existing id: its cues, topics and blockers are extended
//       cues: [处罚款]
//
// Pure: text in, rule data out (the caller reads the file). The YAML is parsed with the
// `yaml` document API so every error names the file, the line and the field; the shapes
// are the zod MetricRule / CueSpec schemas, strict (a misspelt field is an error, not a no-op).
// Cue patterns obey the built-in discipline (src/rules/discipline.ts): linear-time only.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { CueSpec, MetricRule, type MetricRuleInput } from '../schema.js';
import { regexProblems } from './discipline.js';
import { formatPath, RulesFileError } from './rules-error.js';

/**
 * Why a cue pattern breaks the linear-time discipline, or null when it is fine: the same
 * check the built-in cues pass (src/rules/discipline.ts, rules C1–C3 and D1–D5: no `*`, `+`
 * or `{m,}`; `{m,n}` with n ≤ 16; no anchors, lookbehinds or back-references; at most 64
 * characters per match; never the empty string).
 */
export function cuePatternProblem(pattern: string): string | null {
  const problems = regexProblems(pattern, '', { cue: true });
  return problems.length === 0 ? null : problems.join('; ');
}

// ---------------------------------------------------------------- schemas

/** A cue in a user file: a pattern string, or the object form with its options (strict). */
const CueObject = CueSpec.options[1].strict();
const UserCue = z.union([CueSpec.options[0], CueObject]);

/** A new metric: the full MetricRule, strict. */
const NewMetric = MetricRule.extend({ cues: z.array(UserCue).min(1) }).strict();

/** An entry for an existing id: only more cues, topics and blockers (label and unit may be repeated, unchanged). */
const ExtendMetric = MetricRule.pick({ id: true })
  .extend({
    label: z.string().optional(),
    unit: MetricRule.shape.unit.optional(),
    cues: z.array(UserCue).optional(),
    topics: z.array(z.string().min(1)).optional(),
    blockers: z.array(z.string().min(1)).optional(),
  })
  .strict();

const RulesFileShape = z.object({ metrics: z.array(z.record(z.string(), z.unknown())).min(1) }).strict();

// ---------------------------------------------------------------- errors

export type RulesPath = (string | number)[];

export { RulesFileError, formatPath };

interface Located {
  node: YamlNode | null;
  /** Where to point: the value, or the key when the field is misspelt. */
  offset: number;
}

/** The deepest YAML node along `path` (a missing field points at the map that lacks it). */
function locate(root: unknown, path: readonly PropertyKey[], pointAtKey: boolean): Located {
  let node = root as YamlNode | null;
  let offset = node?.range?.[0] ?? 0;
  for (let p = 0; p < path.length; p++) {
    const key = path[p];
    if (isMap(node)) {
      const pair = node.items.find((it) => (isScalar(it.key) ? it.key.value : it.key) === key);
      if (!pair) break;
      const keyNode = isScalar(pair.key) ? pair.key : null;
      const last = p === path.length - 1;
      if (last && pointAtKey && keyNode?.range) return { node: keyNode, offset: keyNode.range[0] };
      const value = pair.value as YamlNode | null;
      if (value?.range) {
        node = value;
        offset = value.range[0];
      } else {
        if (keyNode?.range) offset = keyNode.range[0];
        break;
      }
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as YamlNode | undefined;
      if (!item?.range) break;
      node = item;
      offset = item.range[0];
    } else break;
  }
  return { node, offset };
}

// ---------------------------------------------------------------- parsing and merging

const TEXT_FIELDS = new Set(['id', 'label', 'description', 'pattern', 'requires']);
const TEXT_LISTS = new Set(['cues', 'topics', 'blockers']);

/** YAML reads `requires: 12393` or `cues: [110]` as numbers; in these fields they are text. */
function textScalars(data: unknown): unknown {
  if (data === null || typeof data !== 'object' || !Array.isArray((data as { metrics?: unknown }).metrics)) return data;
  const asText = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
  const fixObject = (o: unknown): unknown => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return o;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (TEXT_FIELDS.has(k)) out[k] = asText(v);
      else if (TEXT_LISTS.has(k) && Array.isArray(v)) out[k] = v.map((x) => (typeof x === 'object' ? fixObject(x) : asText(x)));
      else out[k] = v;
    }
    return out;
  };
  return { ...data, metrics: ((data as { metrics: unknown[] }).metrics).map(fixObject) };
}

/** One entry of a user file, validated: either a new metric or an extension of an existing one. */
export type UserMetric =
  | { kind: 'new'; rule: MetricRuleInput }
  | { kind: 'extend'; id: string; cues: MetricRuleInput['cues']; topics: string[]; blockers: string[] };

/**
 * Parse and validate a rules file against the metrics it will be merged into (`base`: ids,
 * labels and units decide whether an entry is new or an extension). Throws RulesFileError.
 */
export function parseRulesFile(text: string, file: string, base: readonly MetricRuleInput[]): UserMetric[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const fail = (path: readonly PropertyKey[], problem: string, pointAtKey = false): never => {
    const { offset } = locate(doc.contents, path, pointAtKey);
    const { line, col } = lineCounter.linePos(offset);
    throw new RulesFileError(file, line, col, formatPath(path), problem);
  };
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0] ?? lineCounter.linePos(syntax.pos[0]);
    const first = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new RulesFileError(file, pos.line, pos.col, '', `YAML syntax: ${first}`);
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) fail([], 'the file is empty; expected a top-level "metrics:" list');

  const reportZod = (error: z.ZodError, prefix: readonly PropertyKey[]): never => {
    const issue = error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const allowed = prefix.length === 0 && issue.path.length === 0 ? 'metrics' : prefix.length === 2 ? 'id, label, unit, description, cues, topics, blockers, weak' : 'pattern, side, gap, requires';
      return fail([...prefix, ...issue.path, issue.keys[0] ?? ''], `unknown field "${issue.keys[0] ?? ''}" (allowed: ${allowed})`, true);
    }
    if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      const path = [...prefix, ...issue.path];
      const name = path.pop();
      const need = prefix.length === 2 ? ' (a new metric needs id, label, unit and cues)' : '';
      return fail(path, `the field "${String(name)}" is missing${need}`);
    }
    return fail([...prefix, ...issue.path], issue.message);
  };
  /** Cues one by one, so an object cue's error names its own field. */
  const checkCueShapes = (entry: Record<string, unknown>, at: RulesPath): void => {
    if (!Array.isArray(entry.cues)) return;
    entry.cues.forEach((cue: unknown, j: number) => {
      if (typeof cue === 'string') return;
      if (cue === null || typeof cue !== 'object' || Array.isArray(cue)) {
        fail([...at, 'cues', j], 'a cue is a pattern string, or an object {pattern, side, gap, requires}');
      }
      const parsed = CueObject.safeParse(cue);
      if (!parsed.success) reportZod(parsed.error, [...at, 'cues', j]);
    });
  };

  const top = RulesFileShape.safeParse(textScalars(data));
  if (!top.success) reportZod(top.error, []);
  const entries = (top as { data: z.infer<typeof RulesFileShape> }).data.metrics;

  const byId = new Map(base.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: UserMetric[] = [];
  entries.forEach((entry, i) => {
    const at: RulesPath = ['metrics', i];
    const id = entry.id;
    if (typeof id === 'string' && seen.has(id)) fail([...at, 'id'], `metric "${id}" appears twice in this file`);
    if (typeof id === 'string') seen.add(id);
    const existing = typeof id === 'string' ? byId.get(id) : undefined;
    checkCueShapes(entry, at);
    const checkCues = (cues: readonly z.infer<typeof UserCue>[]): void => {
      cues.forEach((cue, j) => {
        const pattern = typeof cue === 'string' ? cue : cue.pattern;
        const problem = cuePatternProblem(pattern);
        if (problem) fail(typeof cue === 'string' ? [...at, 'cues', j] : [...at, 'cues', j, 'pattern'], `cue pattern ${JSON.stringify(pattern)}: ${problem}`);
      });
    };
    if (existing) {
      const parsed = ExtendMetric.safeParse(entry);
      if (!parsed.success) return reportZod(parsed.error, at);
      const e = parsed.data;
      if (e.unit !== undefined && e.unit !== existing.unit) {
        fail([...at, 'unit'], `metric "${existing.id}" already exists with unit ${existing.unit}; an entry for an existing id may only add cues, topics and blockers`);
      }
      if (e.label !== undefined && e.label !== existing.label) {
        fail([...at, 'label'], `metric "${existing.id}" already exists with label ${existing.label}; an entry for an existing id may only add cues, topics and blockers`);
      }
      checkCues(e.cues ?? []);
      out.push({ kind: 'extend', id: existing.id, cues: e.cues ?? [], topics: e.topics ?? [], blockers: e.blockers ?? [] });
    } else {
      const parsed = NewMetric.safeParse(entry);
      if (!parsed.success) return reportZod(parsed.error, at);
      checkCues(parsed.data.cues);
      out.push({ kind: 'new', rule: parsed.data });
    }
  });
  return out;
}

const union = <T>(a: readonly T[], b: readonly T[]): T[] => {
  const key = (x: T): string => JSON.stringify(x);
  const have = new Set(a.map(key));
  return [...a, ...b.filter((x) => !have.has(key(x)))];
};

/** Merge user entries into `base`: new ids are appended in file order, existing ones extended. */
export function mergeRules(base: readonly MetricRuleInput[], user: readonly UserMetric[]): MetricRuleInput[] {
  const out = base.map((r) => ({ ...r }));
  const index = new Map(out.map((r, i) => [r.id, i]));
  for (const u of user) {
    if (u.kind === 'new') {
      index.set(u.rule.id, out.length);
      out.push(u.rule);
      continue;
    }
    const i = index.get(u.id)!;
    const r = out[i]!;
    out[i] = { ...r, cues: union(r.cues, u.cues), topics: union(r.topics ?? [], u.topics), blockers: union(r.blockers ?? [], u.blockers) };
  }
  return out;
}

/** Parse one file and merge it into `base` (files given in order each see the previous ones). */
export function applyRulesFile(base: readonly MetricRuleInput[], text: string, file: string): MetricRuleInput[] {
  return mergeRules(base, parseRulesFile(text, file, base));
}
