// The output contract and the rule shape checked without zod, for the start-up path of the CLI
// (zod is the largest thing mbreport would otherwise load before reading a single file). Each
// check accepts exactly what the zod schema of schema.ts accepts and returns what its parse
// returns: the schema's keys in the schema's order, unknown keys dropped, defaults filled in.
// test/contract.test.ts holds both to the same verdicts and outputs on generated values, so the
// zod schemas stay the one definition of the contract.
import { BASE_UNITS, CUE_SIDES, ENCODINGS, ERROR_CODES, PERIODS, QUALIFIERS, SCRIPTS } from './constants.js';
import type { CueSpec, DocumentError, DocumentInfo, DocumentOk, MetricRecord, MetricRule } from './schema.js';

/** A value that breaks the contract (a bug of ours when it comes from the engine). */
export class ContractError extends Error {
  override name = 'ContractError';
}

type Path = readonly (string | number)[];
/** The key of the checked value under `path`, if any: kept apart so that a valid value costs no path array. */
type Key = string | number | undefined;

function fail(path: Path, key: Key, what: string): never {
  const full = key === undefined ? path : [...path, key];
  throw new ContractError(`${full.length ? full.join('.') : 'value'}: ${what}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: Path, key?: Key): Record<string, unknown> {
  if (!isObject(v)) fail(path, key, 'expected an object');
  return v;
}

function string(v: unknown, path: Path, key: Key, min = 0): string {
  if (typeof v !== 'string') fail(path, key, 'expected a string');
  if (v.length < min) fail(path, key, `expected at least ${min} character(s)`);
  return v;
}

/** z.number(): finite; with int, a safe integer. */
function number(v: unknown, path: Path, key: Key, int: boolean, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, key, 'expected a finite number');
  if (int && !Number.isSafeInteger(v)) fail(path, key, 'expected an integer');
  if (v < min || v > max) fail(path, key, `expected a number in [${min}, ${max}]`);
  return v;
}

function boolean(v: unknown, path: Path, key: Key): boolean {
  if (typeof v !== 'boolean') fail(path, key, 'expected a boolean');
  return v;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], path: Path, key: Key): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(path, key, `expected one of ${values.join(', ')}`);
  return v as T;
}

/** Items are checked at `path` with their index as key; an item that is itself an object gets its own path. */
function array<T>(v: unknown, path: Path, key: Key, item: (x: unknown, p: Path, i: number) => T): T[] {
  if (!Array.isArray(v)) fail(path, key, 'expected an array');
  const at = key === undefined ? path : [...path, key];
  // Pushed, not preallocated: `new Array(n)` makes a holey array, which JSON.stringify walks on
  // its slow path (element by element lookups) when the document is rendered.
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) out.push(item(v[i], at, i));
  return out;
}

const ID = /^[a-z][a-z0-9_]*$/;

const RECORD_KEYS = ['metric', 'label', 'value', 'unit', 'text', 'start', 'end', 'approximate', 'redacted'];

/** Exactly the schema's keys in its order (then zod's output equals the input): no copy needed. */
function hasExactKeys(r: Record<string, unknown>): boolean {
  let i = 0;
  for (const k in r) {
    if (i < RECORD_KEYS.length) {
      if (k !== RECORD_KEYS[i]) return false;
    } else if (!((k === 'qualifier' && i === RECORD_KEYS.length) || (k === 'column' && (i === RECORD_KEYS.length || i === RECORD_KEYS.length + 1)))) {
      return false;
    }
    i++;
  }
  return i >= RECORD_KEYS.length && Object.getPrototypeOf(r) === Object.prototype;
}

/** Metric ids that passed ID: a document repeats a handful of them hundreds of times. */
const knownIds = new Set<string>();

function isKnownId(id: string): boolean {
  if (knownIds.has(id)) return true;
  if (!ID.test(id)) return false;
  if (knownIds.size < 1024) knownIds.add(id); // bounded, whatever rules a library user compiles
  return true;
}

/** The record at `at` (a field's path is made only when its check fails). */
function metricRecord(v: unknown, at: Path): MetricRecord {
  const r = object(v, at);
  const metric = string(r.metric, at, 'metric');
  if (!isKnownId(metric)) fail(at, 'metric', 'expected an id (a-z, 0-9, _)');
  const label = string(r.label, at, 'label', 1);
  const value = r.value === null ? null : number(r.value, at, 'value', false);
  const unit = oneOf(r.unit, BASE_UNITS, at, 'unit');
  const text = string(r.text, at, 'text', 1);
  const start = number(r.start, at, 'start', true, 0);
  const end = number(r.end, at, 'end', true, 1);
  const approximate = boolean(r.approximate, at, 'approximate');
  const redacted = boolean(r.redacted, at, 'redacted');
  // Optional keys: kept when present, even as undefined (as zod does), validated otherwise.
  const qualifier = 'qualifier' in r && r.qualifier !== undefined ? oneOf(r.qualifier, QUALIFIERS, at, 'qualifier') : undefined;
  const column = 'column' in r && r.column !== undefined ? string(r.column, at, 'column') : undefined;
  if (!(end > start && end - start === text.length)) fail(at, undefined, 'end - start must equal text.length');
  if ((value === null) !== redacted) fail(at, undefined, 'value is null exactly when redacted');
  // The engine's records already have exactly the schema's keys: keep them (a document can hold
  // tens of thousands), as zod's copy would be equal to them key for key.
  if (hasExactKeys(r)) return r as unknown as MetricRecord;
  const out: MetricRecord = { metric, label, value, unit, text, start, end, approximate, redacted };
  if ('qualifier' in r) out.qualifier = qualifier;
  if ('column' in r) out.column = column;
  return out;
}

/**
 * array(v, path, key, metricRecord), with one path array for all the records (a document can hold
 * tens of thousands): its last element is each record's index in turn, and fail() copies it.
 */
function metricRecords(v: unknown, path: Path, key: string): MetricRecord[] {
  if (!Array.isArray(v)) fail(path, key, 'expected an array');
  const at = [...path, key, 0];
  const out: MetricRecord[] = []; // pushed: a holey array is slow to render (see array())
  for (let i = 0; i < v.length; i++) {
    at[at.length - 1] = i;
    out.push(metricRecord(v[i], at));
  }
  return out;
}

function documentInfo(v: unknown, path: Path): DocumentInfo {
  const d = object(v, path);
  const nullableString = (x: unknown, k: string): string | null => (x === null ? null : string(x, path, k));
  return {
    title: nullableString(d.title, 'title'),
    issuer: nullableString(d.issuer, 'issuer'),
    region: nullableString(d.region, 'region'),
    year: d.year === null ? null : number(d.year, path, 'year', true, 1949, 2100),
    period: d.period === null ? null : oneOf(d.period, PERIODS, path, 'period'),
    script: oneOf(d.script, SCRIPTS, path, 'script'),
    encoding: oneOf(d.encoding, ENCODINGS, path, 'encoding'),
    chars: number(d.chars, path, 'chars', true, 0),
  };
}

/** DocumentOk.parse, without zod. */
export function checkDocumentOk(v: unknown): DocumentOk {
  const d = object(v, []);
  const source = string(d.source, [], 'source');
  if (d.ok !== true) fail([], 'ok', 'expected true');
  return {
    source,
    ok: true,
    document: documentInfo(d.document, ['document']),
    metrics: metricRecords(d.metrics, [], 'metrics'),
    warnings: array(d.warnings, [], 'warnings', (x, p, i) => string(x, p, i)),
  };
}

/** DocumentError.parse, without zod. */
export function checkDocumentError(v: unknown): DocumentError {
  const d = object(v, []);
  const source = string(d.source, [], 'source');
  if (d.ok !== false) fail([], 'ok', 'expected false');
  const e = object(d.error, [], 'error');
  return { source, ok: false, error: { code: oneOf(e.code, ERROR_CODES, ['error'], 'code'), message: string(e.message, ['error'], 'message') } };
}

/** Cue `index` of `path`. */
function cueSpec(v: unknown, path: Path, index: number): CueSpec {
  // z.union([string.min(1), object]): the string form first.
  if (typeof v === 'string' && v.length >= 1) return v;
  const o = object(v, path, index);
  const at = [...path, index];
  const out: Exclude<CueSpec, string> = {
    pattern: string(o.pattern, at, 'pattern', 1),
    side: o.side === undefined ? 'both' : oneOf(o.side, CUE_SIDES, at, 'side'),
  };
  if ('gap' in o) out.gap = o.gap === undefined ? undefined : number(o.gap, at, 'gap', true, 0, 40);
  if ('requires' in o) out.requires = o.requires === undefined ? undefined : string(o.requires, at, 'requires', 1);
  return out;
}

/** MetricRule.parse, without zod (defaults: description '', topics [], blockers [], weak false). */
export function checkMetricRule(v: unknown): MetricRule {
  const r = object(v, []);
  const id = string(r.id, [], 'id');
  if (!ID.test(id)) fail([], 'id', 'expected an id (a-z, 0-9, _)');
  const words = (x: unknown, k: string): string[] => (x === undefined ? [] : array(x, [], k, (w, p, i) => string(w, p, i, 1)));
  const out: MetricRule = {
    id,
    label: string(r.label, [], 'label', 1),
    unit: oneOf(r.unit, BASE_UNITS, [], 'unit'),
    description: r.description === undefined ? '' : string(r.description, [], 'description'),
    cues: array(r.cues, [], 'cues', cueSpec),
    topics: words(r.topics, 'topics'),
    blockers: words(r.blockers, 'blockers'),
    weak: r.weak === undefined ? false : boolean(r.weak, [], 'weak'),
  };
  if (out.cues.length < 1) fail([], 'cues', 'expected at least one cue');
  return out;
}
