// Linear time by construction: every regular expression in src/ follows the discipline of
// src/rules/discipline.ts (D1–D5), and every metric cue pattern the stricter cue rules (C1–C3).
// A static check on the patterns' structure: no clock involved.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES, builtinRules, compileRules, CuePatternError, cueCanStart } from '../src/rules/catalog.js';
import { regexFirstPairs, regexProblems, regexReach } from '../src/rules/discipline.js';
import { ROOT } from './helpers/cli.js';

interface FoundRegex {
  file: string;
  line: number;
  source: string;
  flags: string;
}

/** Every regex literal and `new RegExp('literal', 'flags')` in src/, and every RegExp built from something else. */
function regexesInSrc(): { literals: FoundRegex[]; dynamic: { file: string; line: number; text: string }[] } {
  const literals: FoundRegex[] = [];
  const dynamic: { file: string; line: number; text: string }[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
  for (const file of walk(path.join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const rel = path.relative(ROOT, file);
    const lineOf = (n: ts.Node): number => sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (n as ts.RegularExpressionLiteral).text;
        const end = lit.lastIndexOf('/');
        literals.push({ file: rel, line: lineOf(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [pattern, flags] = n.arguments ?? [];
        if (pattern && ts.isStringLiteralLike(pattern) && (!flags || ts.isStringLiteralLike(flags))) {
          literals.push({ file: rel, line: lineOf(n), source: pattern.text, flags: flags && ts.isStringLiteralLike(flags) ? flags.text : '' });
        } else dynamic.push({ file: rel, line: lineOf(n), text: n.getText(sf).slice(0, 80) });
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

describe('regex discipline: the checker', () => {
  it.each([
    ['(a+)+', '', /D1/],
    ['(?:ab)*c', '', /D1/],
    ['\\d+\\d+x', '', /D2/],
    ['\\s*\\s+$', '', /D2/],
    ['a+b', 'g', /D3/],
    ['\\s+$', '', /D3/],
    ['\\.?0+$', '', /D3/],
    ['(?:a{1,20}){1,20}', '', /D4/],
    ['x{0,500}', '', /D4/],
    ['(\\w)\\1', '', /D5/],
    ['(?<=a+)b', '', /D1/],
  ])('flags /%s/%s', (source, flags, problem) => {
    expect(regexProblems(source, flags).join('; ')).toMatch(problem);
  });

  it.each([
    ['^\\s+$', ''],
    ['\\s+', 'g'],
    ['x\\d+y', 'g'],
    ['^(-?)(\\d+)(?:\\.(\\d+))?e([+-]\\d+)$', ''],
    ['[0-9][0-9.,]*', 'g'],
    ['(?:[\\u4e00-\\u9fff]{1,7}?(?:省|市)){1,3}', 'g'],
    ['《[^》]{0,80}》', 'g'],
  ])('accepts /%s/%s', (source, flags) => {
    expect(regexProblems(source, flags)).toEqual([]);
  });

  it.each([
    ['基金.*支出', /C1/],
    ['基金.+', /C1/],
    ['基金{1,}', /C1/],
    ['^参保', /C2/],
    ['(?<=医保)基金', /C2/],
    ['参保(?!人数是一个很长很长很长很长的词语啊)', /C2/],
    ['[一-龥]{0,20}救助', /D4|C3/],
    ['(?:参保)?', /C3/],
  ])('cue rules refuse %s', (source, problem) => {
    expect(regexProblems(source, '', { cue: true }).join('; ')).toMatch(problem);
  });

  it('compileRules refuses a cue pattern that breaks the discipline', () => {
    const rule = { ...BUILTIN_RULES[0]!, cues: ['参保.*人数'] };
    expect(() => compileRules([rule])).toThrow(CuePatternError);
  });
});

describe('regex discipline: the code base', () => {
  const { literals, dynamic } = regexesInSrc();

  it('finds the regular expressions of src/', () => {
    expect(literals.length).toBeGreaterThan(30);
  });

  it('every regex literal in src/ follows D1–D5', () => {
    const bad = literals
      .map((r) => ({ ...r, problems: regexProblems(r.source, r.flags) }))
      .filter((r) => r.problems.length > 0)
      .map((r) => `${r.file}:${r.line} /${r.source}/${r.flags}: ${r.problems.join('; ')}`);
    expect(bad).toEqual([]);
  });

  it('a RegExp built at run time is built only from cue patterns (checked when rules compile)', () => {
    // catalog.ts compiles cue patterns after regexProblems(…, { cue: true }) passed; the
    // discipline checker itself only test-compiles the pattern it was given.
    const allowed = new Set(['src/rules/catalog.ts', 'src/rules/discipline.ts']);
    expect(dynamic.filter((d) => !allowed.has(d.file))).toEqual([]);
  });

  it('every built-in cue pattern follows the cue rules (C1–C3, D1–D5)', () => {
    const bad: string[] = [];
    for (const rule of BUILTIN_RULES) {
      for (const cue of rule.cues) {
        const source = typeof cue === 'string' ? cue : cue.pattern;
        const problems = regexProblems(source, '', { cue: true });
        if (problems.length) bad.push(`${rule.id} /${source}/: ${problems.join('; ')}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('regex discipline: what the engine relies on', () => {
  const cues = builtinRules().flatMap((r) => r.cues);
  // Text made of the cue's own characters, so matches are frequent.
  const alphabet = [...new Set(cues.flatMap((c) => [...c.source.replace(/[()?:|\\[\]{}0-9,^!=<-]/g, '')]))];
  const text = fc.array(fc.constantFrom(...alphabet, '，', '1', '。'), { maxLength: 40 }).map((a) => a.join(''));

  it('a match starts only with a unit of cue.first, goes on only with a unit of its pair filter, and reads at most cue.reach units', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const cue of cues) {
          const pairs = regexFirstPairs(cue.source);
          const g = new RegExp(cue.source, 'g');
          for (const m of s.matchAll(g)) {
            if (m[0].length === 0) continue;
            const at = m.index;
            expect(cueCanStart(cue, s.charCodeAt(at))).toBe(true);
            expect(m[0].length).toBeLessThanOrEqual(regexReach(cue.source));
            if (pairs && m[0].length >= 2) {
              const c1 = s.charCodeAt(at);
              const c2 = s.charCodeAt(at + 1);
              const inSet = (set: ReadonlyArray<readonly [number, number]>, c: number): boolean => set.some(([a, b]) => c >= a && c <= b);
              expect(pairs.some((p) => inSet(p.first, c1) && inSet(p.second, c2))).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
