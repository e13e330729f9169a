// The metric catalog: every rule file validated once and compiled into matchers. Each cue
// pattern must follow the linear-time discipline of discipline.ts: checked here for user rule
// files, and by test/regex-discipline.test.ts for the built-in ones.
import { checkMetricRule } from '../contract.js';
import type { CueSpec, MetricRule, MetricRuleInput } from '../schema.js';
import { regexFirstPairs, regexFirstUnits, regexHasLookaround, regexProblems, regexReach } from './discipline.js';
import agreementsSuspended from './metrics/agreements_suspended.js';
import agreementsTerminated from './metrics/agreements_terminated.js';
import aidAmount from './metrics/aid_amount.js';
import aidVisits from './metrics/aid_visits.js';
import benefitVisits from './metrics/benefit_visits.js';
import casesReferred from './metrics/cases_referred.js';
import chronicDiseaseFilings from './metrics/chronic_disease_filings.js';
import designatedInstitutions from './metrics/designated_institutions.js';
import fines from './metrics/fines.js';
import fraudAmount from './metrics/fraud_amount.js';
import fundBalance from './metrics/fund_balance.js';
import fundExpenditure from './metrics/fund_expenditure.js';
import institutionsInspected from './metrics/institutions_inspected.js';
import insuredPersons from './metrics/insured_persons.js';
import insuredRate from './metrics/insured_rate.js';
import procuredVarieties from './metrics/procured_varieties.js';
import recoveredFunds from './metrics/recovered_funds.js';
import reimbursementRatio from './metrics/reimbursement_ratio.js';
import selfCorrectionRefund from './metrics/self_correction_refund.js';
import violationAmount from './metrics/violation_amount.js';

/** In the order of ../shared/spec/metrics.md. */
export const BUILTIN_RULES: readonly MetricRuleInput[] = [
  insuredPersons, insuredRate, aidAmount, aidVisits, recoveredFunds, selfCorrectionRefund, violationAmount,
  fraudAmount, fines, designatedInstitutions, institutionsInspected, agreementsSuspended, agreementsTerminated,
  casesReferred, fundExpenditure, fundBalance, reimbursementRatio, benefitVisits, procuredVarieties, chronicDiseaseFilings,
];

export interface CompiledCue {
  source: string;
  regex: RegExp; // sticky, tried at each position of a sentence
  /** How far past its start one attempt reads (longest match plus lookahead); see discipline.ts C3. */
  reach: number;
  /** The pattern has a lookahead, so a sentence's end can change its result (the engine redoes the tail). */
  lookahead: boolean;
  /** Code units a match can start with, as sorted ranges (a superset): the engine tries the cue only there. */
  first: ReadonlyArray<readonly [number, number]>;
  /** Per way to start, the possible first and second units (discipline.ts regexFirstPairs); null: no pair filter. */
  firstPairs: ReadonlyArray<{ first: ReadonlyArray<readonly [number, number]>; second: ReadonlyArray<readonly [number, number]> }> | null;
  side: 'left' | 'right' | 'both';
  gap: number | undefined;
  requires: string | undefined;
}

export interface CompiledRule {
  rule: MetricRule;
  cues: CompiledCue[];
}

/** Is the code unit in the sorted ranges? (A scan for a few ranges, a binary search for many.) */
export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, code: number): boolean {
  const n = ranges.length;
  if (n <= 8) {
    for (let i = 0; i < n; i++) {
      const r = ranges[i]!;
      if (code < r[0]) return false;
      if (code <= r[1]) return true;
    }
    return false;
  }
  let a = 0;
  let b = n;
  while (a < b) {
    const m = (a + b) >>> 1;
    const r = ranges[m]!;
    if (code < r[0]) b = m;
    else if (code > r[1]) a = m + 1;
    else return true;
  }
  return false;
}

/** Can a match of the cue start with this code unit? (`cue.first` holds every unit one can start with.) */
export function cueCanStart(cue: CompiledCue, code: number): boolean {
  return inRanges(cue.first, code);
}

export const DEFAULT_LEFT_GAP = 8;
export const DEFAULT_RIGHT_GAP = 10;

/** A cue pattern that breaks the linear-time discipline (src/rules/discipline.ts C1–C3, D1–D5). */
export class CuePatternError extends Error {
  override name = 'CuePatternError';
}

/** What the engine needs to know of a cue pattern's structure (discipline.ts). */
export type CueAnalysis = Pick<CompiledCue, 'reach' | 'lookahead' | 'first' | 'firstPairs'>;

export function analyzeCue(pattern: string): CueAnalysis {
  return { reach: regexReach(pattern), lookahead: regexHasLookaround(pattern), first: regexFirstUnits(pattern), firstPairs: regexFirstPairs(pattern) };
}

// The analyses of the built-in cues, computed by scripts/build.mjs when it bundles (start-up time);
// undefined when running from source, where they are computed as rules compile. Keyed by pattern:
// a pattern that is not there (a user cue, or a built-in cue edited since the build) is analysed here.
declare const __MBREPORT_CUE_ANALYSES__: Record<string, CueAnalysis> | undefined;
const PRECOMPUTED: Record<string, CueAnalysis> | undefined = typeof __MBREPORT_CUE_ANALYSES__ === 'undefined' ? undefined : __MBREPORT_CUE_ANALYSES__;

function compileCue(spec: CueSpec, id: string, checked: boolean): CompiledCue {
  const o = typeof spec === 'string' ? { pattern: spec, side: 'both' as const } : spec;
  if (!checked) {
    const problems = regexProblems(o.pattern, '', { cue: true });
    if (problems.length > 0) throw new CuePatternError(`metric ${id}: cue /${o.pattern}/: ${problems.join('; ')}`);
  }
  const a = PRECOMPUTED?.[o.pattern] ?? analyzeCue(o.pattern);
  return {
    source: o.pattern,
    regex: new RegExp(o.pattern, 'y'),
    ...a,
    side: o.side ?? 'both',
    gap: 'gap' in o ? o.gap : undefined,
    requires: 'requires' in o ? o.requires : undefined,
  };
}

/**
 * Validate and compile rules. Every cue pattern is checked against the discipline unless the
 * caller vouches for them: the built-in rules, whose patterns test/regex-discipline.test.ts
 * checks (start-up time; user rule files are always checked).
 */
export function compileRules(rules: readonly MetricRuleInput[], options: { patternsChecked?: boolean } = {}): CompiledRule[] {
  return rules.map((input) => {
    const rule = checkMetricRule(input); // MetricRule.parse, without loading zod
    return { rule, cues: rule.cues.map((c) => compileCue(c, rule.id, options.patternsChecked === true)) };
  });
}

let builtin: CompiledRule[] | undefined;
export function builtinRules(): CompiledRule[] {
  builtin ??= compileRules(BUILTIN_RULES, { patternsChecked: true });
  return builtin;
}
