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

type Path = (string | number)[];

function fail(path: Path, what: string): never {
  throw new ContractError(`${path.length ? path.join('.') : 'value'}: ${what}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, path: Path): Record<string, unknown> {
  if (!isObject(v)) fail(path, 'expected an object');
  return v;
}

function string(v: unknown, path: Path, min = 0): string {
  if (typeof v !== 'string') fail(path, 'expected a string');
  if (v.length < min) fail(path, `expected at least ${min} character(s)`);
  return v;
}

/** z.number(): finite; with int, a safe integer. */
function number(v: unknown, path: Path, int: boolean, min = -Infinity, max = Infinity): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, 'expected a finite number');
  if (int && !Number.isSafeInteger(v)) fail(path, 'expected an integer');
  if (v < min || v > max) fail(path, `expected a number in [${min}, ${max}]`);
  return v;
}

function boolean(v: unknown, path: Path): boolean {
  if (typeof v !== 'boolean') fail(path, 'expected a boolean');
  return v;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], path: Path): T {
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) fail(path, `expected one of ${values.join(', ')}`);
  return v as T;
}

function array<T>(v: unknown, path: Path, item: (x: unknown, p: Path) => T): T[] {
  if (!Array.isArray(v)) fail(path, 'expected an array');
  const out: T[] = new Array<T>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = item(v[i], [...path, i]);
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

/**
 * The common case of metricRecord, with no path arrays made: true when `v` is a record the engine
 * made (exactly the schema's keys) that passes every check metricRecord makes, so that
 * metricRecord would return it as it is. False sends it through metricRecord for the verdict.
 */
function isValidExactRecord(v: unknown): v is MetricRecord {
  if (!isObject(v) || !hasExactKeys(v)) return false;
  const r = v as Record<string, unknown>;
  const { metric, label, value, text, start, end } = r;
  if (typeof metric !== 'string' || !isKnownId(metric) || typeof label !== 'string' || label.length < 1) return false;
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) return false;
  if (typeof r.unit !== 'string' || !(BASE_UNITS as readonly string[]).includes(r.unit)) return false;
  if (typeof text !== 'string' || text.length < 1) return false;
  if (typeof start !== 'number' || !Number.isSafeInteger(start) || start < 0) return false;
  if (typeof end !== 'number' || !Number.isSafeInteger(end) || end < 1) return false;
  if (typeof r.approximate !== 'boolean' || typeof r.redacted !== 'boolean') return false;
  if ('qualifier' in r && r.qualifier !== undefined && (typeof r.qualifier !== 'string' || !(QUALIFIERS as readonly string[]).includes(r.qualifier))) return false;
  if ('column' in r && r.column !== undefined && typeof r.column !== 'string') return false;
  return end > start && end - start === text.length && (value === null) === r.redacted;
}

function metricRecord(v: unknown, path: Path): MetricRecord {
  const r = object(v, path);
  const metric = string(r.metric, [...path, 'metric']);
  if (!ID.test(metric)) fail([...path, 'metric'], 'expected an id (a-z, 0-9, _)');
  const out: MetricRecord = {
    metric,
    label: string(r.label, [...path, 'label'], 1),
    value: r.value === null ? null : number(r.value, [...path, 'value'], false),
    unit: oneOf(r.unit, BASE_UNITS, [...path, 'unit']),
    text: string(r.text, [...path, 'text'], 1),
    start: number(r.start, [...path, 'start'], true, 0),
    end: number(r.end, [...path, 'end'], true, 1),
    approximate: boolean(r.approximate, [...path, 'approximate']),
    redacted: boolean(r.redacted, [...path, 'redacted']),
  };
  // Optional keys: kept when present, even as undefined (as zod does), validated otherwise.
  if ('qualifier' in r) out.qualifier = r.qualifier === undefined ? undefined : oneOf(r.qualifier, QUALIFIERS, [...path, 'qualifier']);
  if ('column' in r) out.column = r.column === undefined ? undefined : string(r.column, [...path, 'column']);
  if (!(out.end > out.start && out.end - out.start === out.text.length)) fail(path, 'end - start must equal text.length');
  if ((out.value === null) !== out.redacted) fail(path, 'value is null exactly when redacted');
  // The engine's records already have exactly the schema's keys: keep them (a document can hold
  // tens of thousands), as zod's copy would be equal to them key for key.
  return hasExactKeys(r) ? (r as unknown as MetricRecord) : out;
}

function documentInfo(v: unknown, path: Path): DocumentInfo {
  const d = object(v, path);
  const nullableString = (x: unknown, k: string): string | null => (x === null ? null : string(x, [...path, k]));
  return {
    title: nullableString(d.title, 'title'),
    issuer: nullableString(d.issuer, 'issuer'),
    region: nullableString(d.region, 'region'),
    year: d.year === null ? null : number(d.year, [...path, 'year'], true, 1949, 2100),
    period: d.period === null ? null : oneOf(d.period, PERIODS, [...path, 'period']),
    script: oneOf(d.script, SCRIPTS, [...path, 'script']),
    encoding: oneOf(d.encoding, ENCODINGS, [...path, 'encoding']),
    chars: number(d.chars, [...path, 'chars'], true, 0),
  };
}

function metricRecords(v: unknown): MetricRecord[] {
  if (!Array.isArray(v)) fail(['metrics'], 'expected an array');
  const out: MetricRecord[] = new Array<MetricRecord>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    out[i] = isValidExactRecord(x) ? x : metricRecord(x, ['metrics', i]);
  }
  return out;
}

/** DocumentOk.parse, without zod. */
export function checkDocumentOk(v: unknown): DocumentOk {
  const d = object(v, []);
  const source = string(d.source, ['source']);
  if (d.ok !== true) fail(['ok'], 'expected true');
  return {
    source,
    ok: true,
    document: documentInfo(d.document, ['document']),
    metrics: metricRecords(d.metrics),
    warnings: array(d.warnings, ['warnings'], (x, p) => string(x, p)),
  };
}

/** DocumentError.parse, without zod. */
export function checkDocumentError(v: unknown): DocumentError {
  const d = object(v, []);
  const source = string(d.source, ['source']);
  if (d.ok !== false) fail(['ok'], 'expected false');
  const e = object(d.error, ['error']);
  return { source, ok: false, error: { code: oneOf(e.code, ERROR_CODES, ['error', 'code']), message: string(e.message, ['error', 'message']) } };
}

function cueSpec(v: unknown, path: Path): CueSpec {
  // z.union([string.min(1), object]): the string form first.
  if (typeof v === 'string' && v.length >= 1) return v;
  const o = object(v, path);
  const out: Exclude<CueSpec, string> = {
    pattern: string(o.pattern, [...path, 'pattern'], 1),
    side: o.side === undefined ? 'both' : oneOf(o.side, CUE_SIDES, [...path, 'side']),
  };
  if ('gap' in o) out.gap = o.gap === undefined ? undefined : number(o.gap, [...path, 'gap'], true, 0, 40);
  if ('requires' in o) out.requires = o.requires === undefined ? undefined : string(o.requires, [...path, 'requires'], 1);
  return out;
}

/** MetricRule.parse, without zod (defaults: description '', topics [], blockers [], weak false). */
export function checkMetricRule(v: unknown): MetricRule {
  const r = object(v, []);
  const id = string(r.id, ['id']);
  if (!ID.test(id)) fail(['id'], 'expected an id (a-z, 0-9, _)');
  const words = (x: unknown, k: string): string[] => (x === undefined ? [] : array(x, [k], (w, p) => string(w, p, 1)));
  const out: MetricRule = {
    id,
    label: string(r.label, ['label'], 1),
    unit: oneOf(r.unit, BASE_UNITS, ['unit']),
    description: r.description === undefined ? '' : string(r.description, ['description']),
    cues: array(r.cues, ['cues'], cueSpec),
    topics: words(r.topics, 'topics'),
    blockers: words(r.blockers, 'blockers'),
    weak: r.weak === undefined ? false : boolean(r.weak, ['weak']),
  };
  if (out.cues.length < 1) fail(['cues'], 'expected at least one cue');
  return out;
}
