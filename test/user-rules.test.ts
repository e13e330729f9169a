// User rule files (--rules FILE.yaml): parsing, validation with file:line and field, merging,
// the linear-time discipline for cue patterns, and the CLI end to end.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';
import { BUILTIN_RULES, compileRules } from '../src/rules/catalog.js';
import { applyRulesFile, cuePatternProblem, mergeRules, parseRulesFile, RulesFileError } from '../src/rules/user.js';
import { DocumentResult } from '../src/schema.js';
import { ensureBuilt, FIXTURES, runCli } from './helpers/cli.js';
import { expectGrounded } from './helpers/records.js';
import { makeTempDir } from './helpers/tmp.js';

const MINIMAL = `metrics:
  - id: consultations
    label: 咨询量
    unit: person_time
    cues: [咨询量]
`;

/** The error a file raises, as the CLI prints it. */
function errorOf(yaml: string, file = 'my.yaml'): RulesFileError {
  try {
    parseRulesFile(yaml, file, BUILTIN_RULES);
  } catch (err) {
    if (err instanceof RulesFileError) return err;
    throw err;
  }
  throw new Error('expected a RulesFileError');
}

describe('rules files: parsing and merging', () => {
  it('the minimal file adds a metric after the built-in ones', () => {
    const rules = applyRulesFile(BUILTIN_RULES, MINIMAL, 'my.yaml');
    expect(rules.length).toBe(BUILTIN_RULES.length + 1);
    expect(rules.slice(0, -1)).toEqual(BUILTIN_RULES);
    expect(rules.at(-1)).toMatchObject({ id: 'consultations', label: '咨询量', unit: 'person_time', cues: ['咨询量'] });
    const compiled = compileRules(rules);
    const doc = extractDocument('“医保峄云”服务平台运行以来,咨询量达26800余人次,办理各项医保业务。', { rules: compiled });
    expect(doc.metrics).toEqual([
      expect.objectContaining({ metric: 'consultations', label: '咨询量', value: 26800, unit: 'person_time', text: '咨询量达26800余人次', approximate: true }),
    ]);
  });

  it('an entry with an existing id extends its cues, topics and blockers (nothing else changes)', () => {
    const yaml = `metrics:
  - id: fines
    cues:
      - 处罚款
      - { pattern: 罚没收入, side: left, gap: 4 }
    topics: [处罚款]
    blockers: [拟罚款]
`;
    const merged = applyRulesFile(BUILTIN_RULES, yaml, 'x.yaml');
    expect(merged.length).toBe(BUILTIN_RULES.length);
    const before = BUILTIN_RULES.find((r) => r.id === 'fines')!;
    const after = merged.find((r) => r.id === 'fines')!;
    expect(after.cues).toEqual([...before.cues, '处罚款', { pattern: '罚没收入', side: 'left', gap: 4 }]);
    expect(after.topics).toEqual([...(before.topics ?? []), '处罚款']);
    expect(after.blockers).toEqual([...(before.blockers ?? []), '拟罚款']);
    expect({ ...after, cues: before.cues, topics: before.topics, blockers: before.blockers }).toEqual({ ...before, blockers: before.blockers });
    // A cue already there is not doubled; label and unit may be repeated when unchanged.
    const again = applyRulesFile(merged, `metrics:\n  - id: fines\n    label: 罚款金额\n    unit: yuan\n    cues: [处罚款]\n`, 'y.yaml');
    expect(again.find((r) => r.id === 'fines')!.cues).toEqual(after.cues);
    // The new cue works.
    const doc = extractDocument('全年共处罚款12万元。', { rules: compileRules(merged) });
    expect(doc.metrics.map((m) => [m.metric, m.value])).toEqual([['fines', 120000]]);
  });

  it('several files apply in order; a later file can extend a metric an earlier one added', () => {
    const one = applyRulesFile(BUILTIN_RULES, MINIMAL, 'a.yaml');
    const two = applyRulesFile(one, `metrics:\n  - id: consultations\n    cues: [咨询服务]\n`, 'b.yaml');
    expect(two.at(-1)!.cues).toEqual(['咨询量', '咨询服务']);
    expect(mergeRules(one, [])).toEqual(one);
  });

  it('accepts every optional field of a new metric', () => {
    const yaml = `# comments are fine
metrics:
  - id: hotline_calls
    label: 热线接听量
    unit: person_time
    description: calls answered by the 12393 hotline
    cues:
      - 接听(?:热线)?电话
      - pattern: 热线
        side: left
        gap: 6
        requires: 12393
    topics: [热线]
    blockers: [投诉]
    weak: true
`;
    const [entry] = parseRulesFile(yaml, 'h.yaml', BUILTIN_RULES);
    expect(entry).toEqual({
      kind: 'new',
      rule: {
        id: 'hotline_calls', label: '热线接听量', unit: 'person_time', description: 'calls answered by the 12393 hotline',
        cues: ['接听(?:热线)?电话', { pattern: '热线', side: 'left', gap: 6, requires: '12393' }],
        topics: ['热线'], blockers: ['投诉'], weak: true,
      },
    });
  });
});

describe('rules files: errors name the file, the line and the field', () => {
  it.each([
    ['an unknown unit', 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_times\n    cues: [咨询量]\n', 4, 'metrics[0].unit', /expected one of "person"/],
    ['a misspelt field', 'metrics:\n  - id: fines\n    cuse: [x]\n', 3, 'metrics[0].cuse', /unknown field "cuse"/],
    ['a missing label', 'metrics:\n  - id: consultations\n    unit: person_time\n    cues: [咨询量]\n', 2, 'metrics[0]', /"label" is missing/],
    ['a missing cue list', 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_time\n', 2, 'metrics[0]', /"cues" is missing/],
    ['an empty cue list', 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_time\n    cues: []\n', 5, 'metrics[0].cues', /1/],
    ['a bad id', 'metrics:\n  - id: Consultations\n    label: 咨询量\n    unit: person_time\n    cues: [咨询量]\n', 2, 'metrics[0].id', /pattern/],
    ['a bad cue option', 'metrics:\n  - id: fines\n    cues:\n      - pattern: 罚款\n        side: up\n', 5, 'metrics[0].cues[0].side', /"left"\|"right"\|"both"/],
    ['a misspelt cue option', 'metrics:\n  - id: fines\n    cues:\n      - pattern: 罚款\n        sid: left\n', 5, 'metrics[0].cues[0].sid', /unknown field "sid"/],
    ['a gap too large', 'metrics:\n  - id: fines\n    cues:\n      - pattern: 罚款\n        gap: 99\n', 5, 'metrics[0].cues[0].gap', /40/],
    ['a list as a cue', 'metrics:\n  - id: fines\n    cues: [罚款, [3]]\n', 3, 'metrics[0].cues[1]', /pattern string/],
    ['a changed unit', 'metrics:\n  - id: fines\n    unit: person\n', 3, 'metrics[0].unit', /already exists with unit yuan/],
    ['a changed label', 'metrics:\n  - id: fines\n    label: 罚金\n', 3, 'metrics[0].label', /already exists with label 罚款金额/],
    ['a field only new metrics have', 'metrics:\n  - id: fines\n    weak: true\n', 3, 'metrics[0].weak', /unknown field "weak"/],
    ['a duplicate id', `${MINIMAL}  - id: consultations\n    cues: [咨询]\n`, 6, 'metrics[1].id', /twice/],
    ['no metrics list', 'rules:\n  - id: fines\n', 1, '', /metrics/],
    ['an empty list', 'metrics: []\n', 1, 'metrics', /1/],
    ['a list of strings', 'metrics:\n  - fines\n', 2, 'metrics[0]', /object|record/i],
    ['an empty file', '', 1, '', /empty/],
    ['broken YAML', 'metrics:\n  - id: fines\n    cues: [罚款\n', 4, '', /YAML syntax/],
    ['a duplicate key', 'metrics:\n  - id: fines\n    cues: [a]\n    cues: [b]\n', 4, '', /YAML syntax.*[Mm]ap keys must be unique/],
  ])('%s', (_name, yaml, line, field, message) => {
    const err = errorOf(yaml);
    expect(err.file).toBe('my.yaml');
    expect(err.line).toBe(line);
    expect(err.field).toBe(field);
    expect(err.problem).toMatch(message);
    expect(err.message).toBe(`my.yaml:${line}:${err.column}: ${field === '' ? '' : `${field}: `}${err.problem}`);
  });

  it.each([
    ['罚.*款', /C1/],
    ['罚款+', /C1/],
    ['罚款{2,}', /C1/],
    ['罚[一-龥]{0,40}款', /D4|C1|16/],
    ['(罚)\\1', /D5|backreference/],
    ['^罚款', /C2/],
    ['(?<=处)罚款', /C2/],
    ['罚款?|x?', /empty/],
    ['罚(款', /valid/],
  ])('refuses the cue pattern %s (not linear-time, or invalid)', (pattern, message) => {
    expect(cuePatternProblem(pattern)).toMatch(message);
    const err = errorOf(`metrics:\n  - id: fines\n    cues:\n      - ${JSON.stringify(pattern)}\n`);
    expect(err.line).toBe(4);
    expect(err.field).toBe('metrics[0].cues[0]');
    expect(err.problem).toContain(`cue pattern ${JSON.stringify(pattern)}`);
    const obj = errorOf(`metrics:\n  - id: fines\n    cues:\n      - side: left\n        pattern: ${JSON.stringify(pattern)}\n`);
    expect([obj.line, obj.field]).toEqual([5, 'metrics[0].cues[0].pattern']);
  });

  it.each(['咨询量', '(?:电话)?咨询(?:量|人次)', '定点[一-龥]{0,8}?药店', '检查(?!组)', '[0-9A-Z]{2,6}号'])('accepts the cue pattern %s', (pattern) => {
    expect(cuePatternProblem(pattern)).toBeNull();
  });

  it('every built-in cue passes the same check', () => {
    for (const r of BUILTIN_RULES) for (const c of r.cues) expect(cuePatternProblem(typeof c === 'string' ? c : c.pattern)).toBeNull();
  });
});

describe('mbreport --rules (CLI)', () => {
  const tmp = makeTempDir('mbreport-rules-');
  const FIXTURE = path.join(FIXTURES, '001_5cfde8e59982b7fd.txt');
  beforeAll(async () => {
    ensureBuilt();
    await writeFile(path.join(tmp.dir, 'mine.yaml'), MINIMAL);
    await writeFile(path.join(tmp.dir, 'more.yaml'), 'metrics:\n  - id: consultations\n    cues: [咨询服务]\n  - id: fines\n    cues: [处罚款]\n');
    await writeFile(path.join(tmp.dir, 'bad.yaml'), 'metrics:\n  - id: consultations\n    label: 咨询量\n    unit: person_times\n    cues: [咨询量]\n');
    await writeFile(path.join(tmp.dir, 'slow.yaml'), 'metrics:\n  - id: fines\n    cues: ["罚.*款"]\n');
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('mbreport metrics --rules shows the merged catalog', async () => {
    const text = await runCli(['metrics', '--rules', 'mine.yaml'], { cwd: tmp.dir });
    expect(text.code).toBe(0);
    expect(text.stdout.trim().split('\n').at(-1)).toMatch(/^consultations\s+咨询量\s+person_time\s+咨询量$/);
    const json = await runCli(['metrics', '--format', 'json', '--rules', 'mine.yaml', '--rules', 'more.yaml'], { cwd: tmp.dir });
    expect(json.code).toBe(0);
    const list = JSON.parse(json.stdout) as { id: string; cues: string[] }[];
    expect(list.length).toBe(BUILTIN_RULES.length + 1);
    expect(list.at(-1)).toMatchObject({ id: 'consultations', cues: ['咨询量', '咨询服务'] });
    expect(list.find((m) => m.id === 'fines')!.cues.at(-1)).toBe('处罚款');
  });

  it('mbreport extract --rules finds the new metric, grounded', async () => {
    const r = await runCli(['extract', FIXTURE, '--rules', path.join(tmp.dir, 'mine.yaml')]);
    expect(r.code).toBe(0);
    const [doc] = (JSON.parse(r.stdout) as unknown[]).map((d) => DocumentResult.parse(d));
    expectGrounded(doc, await readFile(FIXTURE, 'utf8'));
    if (!doc?.ok) throw new Error('expected ok');
    expect(doc.metrics.filter((m) => m.metric === 'consultations')).toEqual([
      expect.objectContaining({ value: 26800, unit: 'person_time', text: '咨询量达26800余人次', approximate: true }),
    ]);
    const without = await runCli(['extract', FIXTURE]);
    expect(without.stdout).not.toContain('consultations');
  });

  it('a bad file: exit 2, the file, line and field on stderr, nothing on stdout', async () => {
    for (const cmd of [['metrics'], ['extract', FIXTURE], ['review', FIXTURE, '-o', 'r.html']]) {
      const r = await runCli([...cmd, '--rules', 'bad.yaml'], { cwd: tmp.dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('RULES_ERROR: bad.yaml:4:11: metrics[0].unit: ');
    }
    const slow = await runCli(['extract', FIXTURE, '--rules', 'slow.yaml'], { cwd: tmp.dir });
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain('slow.yaml:3:12: metrics[0].cues[0]: cue pattern "罚.*款": C1: an unbounded quantifier');
    const missing = await runCli(['metrics', '--rules', 'nope.yaml'], { cwd: tmp.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the rules file nope.yaml');
  });
});

describe('the README documents the format with examples that work', () => {
  it('every YAML example in the README is a valid rules file, and the full one has every field', async () => {
    const readme = await readFile(path.join(FIXTURES, '..', 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    expect(blocks[0]).toBe(MINIMAL);
    for (const yaml of blocks) {
      const merged = applyRulesFile(BUILTIN_RULES, yaml, 'README.md');
      expect(() => compileRules(merged)).not.toThrow();
    }
    const full = parseRulesFile(blocks[1]!, 'README.md', BUILTIN_RULES);
    const added = full.find((u) => u.kind === 'new');
    if (added?.kind !== 'new') throw new Error('expected a new metric in the full example');
    for (const field of ['id', 'label', 'unit', 'description', 'cues', 'topics', 'blockers', 'weak']) expect(added.rule).toHaveProperty(field);
    expect(added.rule.cues.some((c) => typeof c === 'object' && 'side' in c && 'gap' in c && 'requires' in c)).toBe(true);
    expect(full.some((u) => u.kind === 'extend')).toBe(true);
  });
});
