// contract.ts checks documents and rules without zod (CLI start-up). It must give the zod
// schemas' verdicts and outputs exactly: same accepted values, same output (keys in schema order,
// unknown keys dropped, defaults filled in), same rejections.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentError, checkDocumentOk, checkMetricRule, ContractError } from '../src/contract.js';
import { extractDocument } from '../src/extract/document.js';
import { BUILTIN_RULES } from '../src/rules/catalog.js';
import { DocumentError, DocumentOk, MetricRule } from '../src/schema.js';

/** Same verdict and, when accepted, the same output down to key order. */
function same(zod: { safeParse: (v: unknown) => { success: boolean; data?: unknown } }, check: (v: unknown) => unknown, value: unknown): void {
  const z = zod.safeParse(value);
  let mine: { ok: true; data: unknown } | { ok: false; err: unknown };
  try {
    mine = { ok: true, data: check(value) };
  } catch (err) {
    mine = { ok: false, err };
  }
  expect(mine.ok, JSON.stringify(value)?.slice(0, 300)).toBe(z.success);
  if (mine.ok && z.success) {
    expect(mine.data).toEqual(z.data);
    expect(JSON.stringify(mine.data)).toBe(JSON.stringify(z.data));
    expect(Object.keys(mine.data as object)).toEqual(Object.keys(z.data as object));
  }
  if (!mine.ok) expect(mine.err).toBeInstanceOf(ContractError);
}

// Values that stress every check: wrong types, edge numbers, missing and extra keys, undefined.
const edge = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, 1, -1, 1.5, 2 ** 53, 1948, 1949, 2100, 2101, NaN, Infinity, -Infinity, '', 'x', 'yuan', 'target', 'H1', 'utf-8', 'simplified', 'READ_ERROR', 'a_1', 'A', '1a', [], {}),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
);

/** Mutate one key of an object (or of a nested object / array element) to an edge value, delete it, or add one. */
function mutate(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]): void => {
    if (p.length > 0) paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => i < 2 && walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], [...p, k]);
  };
  walk(base, []);
  return fc.tuple(fc.constantFrom(...paths), fc.oneof(edge, fc.constant('__delete__'), fc.constant('__extra__'))).map(([p, v]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    let o: Record<string, unknown> = copy;
    for (const k of p.slice(0, -1)) o = o[k as string] as Record<string, unknown>;
    const last = p[p.length - 1]!;
    if (v === '__delete__') delete o[last as string];
    else if (v === '__extra__') (o as Record<string, unknown>).extra = 1;
    else o[last as string] = v;
    return copy;
  });
}

const sampleDoc = extractDocument('2024年上半年，参保人数501.25万人，医保基金支出3.2亿元，追回医保基金XX万元。', { source: 'a.txt' });
const withOptional = {
  ...sampleDoc,
  metrics: [
    { ...sampleDoc.metrics[0]!, qualifier: 'target' as const },
    { ...sampleDoc.metrics[1]!, column: '2024年' },
    { ...sampleDoc.metrics[2]!, qualifier: undefined },
  ],
};

describe('contract.ts gives the zod schemas’ verdicts and outputs', () => {
  it('documents the engine makes', () => {
    for (const text of ['', '参保人数501.25万人。', '基金支出XX万元，救助金额1214531.81元。']) same(DocumentOk, checkDocumentOk, extractDocument(text));
    same(DocumentOk, checkDocumentOk, withOptional);
  });

  it('mutated documents (wrong types, edge numbers, missing and extra keys)', () => {
    fc.assert(
      fc.property(fc.oneof(mutate(sampleDoc), mutate(withOptional)), (v) => same(DocumentOk, checkDocumentOk, v)),
      { numRuns: 3000 },
    );
  });

  it('error documents', () => {
    const base = { source: 'x.txt', ok: false, error: { code: 'READ_ERROR', message: 'gone' } };
    same(DocumentError, checkDocumentError, base);
    fc.assert(fc.property(mutate(base), (v) => same(DocumentError, checkDocumentError, v)), { numRuns: 1000 });
  });

  it('every built-in rule, and mutated rules', () => {
    for (const rule of BUILTIN_RULES) same(MetricRule, checkMetricRule, rule);
    const withObjectCue = { id: 'x_y', label: 'X', unit: 'case', cues: ['a', { pattern: 'b', side: 'left', gap: 4, requires: 'c' }, { pattern: 'd' }], topics: ['t'], blockers: ['b'], weak: true, description: 'd' };
    same(MetricRule, checkMetricRule, withObjectCue);
    fc.assert(
      fc.property(fc.oneof(mutate(BUILTIN_RULES[0]), mutate(BUILTIN_RULES[9]), mutate(withObjectCue)), (v) => same(MetricRule, checkMetricRule, v)),
      { numRuns: 3000 },
    );
  });
});
