// The output contract (../shared/spec/output.md) as zod schemas, defined once.
// Every type that crosses a module boundary is inferred from here.
//
// The enumerations live in constants.ts (zod-free) and are re-exported here. contract.ts checks
// documents and rules against these schemas without loading zod (CLI start-up); a property test
// (test/contract.test.ts) holds the two to the same verdicts and outputs.
import { z } from 'zod';
import { BASE_UNITS, CUE_SIDES, ENCODINGS, ERROR_CODES, OUTPUT_FORMATS, PERIODS, QUALIFIERS, SCRIPTS } from './constants.js';

export { BASE_UNITS, ENCODINGS, ERROR_CODES, OUTPUT_FORMATS, PERIODS };

export const BaseUnit = z.enum(BASE_UNITS);
export type BaseUnit = z.infer<typeof BaseUnit>;

export const Qualifier = z.enum(QUALIFIERS);
export type Qualifier = z.infer<typeof Qualifier>;

export const Period = z.enum(PERIODS);
export type Period = z.infer<typeof Period>;

export const Encoding = z.enum(ENCODINGS);
export type Encoding = z.infer<typeof Encoding>;

export const Script = z.enum(SCRIPTS);
export type Script = z.infer<typeof Script>;

export const MetricRecord = z
  .object({
    metric: z.string().regex(/^[a-z][a-z0-9_]*$/),
    label: z.string().min(1),
    value: z.number().finite().nullable(),
    unit: BaseUnit,
    text: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    approximate: z.boolean(),
    redacted: z.boolean(),
    qualifier: Qualifier.optional(),
    column: z.string().optional(),
  })
  .refine((r) => r.end > r.start && r.end - r.start === r.text.length, { message: 'end - start must equal text.length' })
  .refine((r) => (r.value === null) === r.redacted, { message: 'value is null exactly when redacted' });
export type MetricRecord = z.infer<typeof MetricRecord>;

export const DocumentInfo = z.object({
  title: z.string().nullable(),
  issuer: z.string().nullable(),
  region: z.string().nullable(),
  year: z.number().int().min(1949).max(2100).nullable(),
  period: Period.nullable(),
  script: Script,
  encoding: Encoding,
  chars: z.number().int().nonnegative(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const DocumentOk = z.object({
  source: z.string(),
  ok: z.literal(true),
  document: DocumentInfo,
  metrics: z.array(MetricRecord),
  warnings: z.array(z.string()),
});
export type DocumentOk = z.infer<typeof DocumentOk>;

export const DocumentError = z.object({
  source: z.string(),
  ok: z.literal(false),
  error: z.object({ code: ErrorCode, message: z.string() }),
});
export type DocumentError = z.infer<typeof DocumentError>;

export const DocumentResult = z.discriminatedUnion('ok', [DocumentOk, DocumentError]);
export type DocumentResult = z.infer<typeof DocumentResult>;

export const OutputFormat = z.enum(OUTPUT_FORMATS);
export type OutputFormat = z.infer<typeof OutputFormat>;

// ---- Rules as data (src/rules/metrics/*.ts, and later user files via --rules) ----

/**
 * A cue: a small pattern (RegExp source) naming the metric, and where the figure may stand.
 * Patterns use literals, classes, groups, `?` and bounded `{m,n}` only: no `*` or `+`, so
 * no pattern can backtrack super-linearly (rules/discipline.ts; test/regex-discipline.test.ts checks every one).
 */
export const CueSpec = z.union([
  z.string().min(1),
  z.object({
    pattern: z.string().min(1),
    /** 'left': cue before the figure (参保率达到95%); 'right': after (13家定点医院); 'both' (default). */
    side: z.enum(CUE_SIDES).default('both'),
    /** Most characters allowed between cue and figure (default: 8 on the left, 10 on the right). */
    gap: z.number().int().min(0).max(40).optional(),
    /** A word that must appear earlier in the same sentence (占常住人口的… counts as 参保率 only after 参保). */
    requires: z.string().min(1).optional(),
  }),
]);
export type CueSpec = z.infer<typeof CueSpec>;

export const MetricRule = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  unit: BaseUnit,
  /** Short English gloss for `mbreport metrics`. */
  description: z.string().default(''),
  cues: z.array(CueSpec).min(1),
  /**
   * Topic words: a generic money cue (金额, 合计, 共计…) right before a figure takes the metric
   * of the nearest topic word earlier in the sentence (涉嫌欺诈骗保…核实3757例,金额1081.61万).
   */
  topics: z.array(z.string().min(1)).default([]),
  /** Words in the figure's clause that veto this metric (完成处方流转 is no count of designated institutions). */
  blockers: z.array(z.string().min(1)).default([]),
  /** A weak metric yields to any other metric that pairs with the same figure. */
  weak: z.boolean().default(false),
});
export type MetricRule = z.infer<typeof MetricRule>;
export type MetricRuleInput = z.input<typeof MetricRule>;
