// One test runs every metric's corpus (the Duckling model): each example sentence with the
// records it must give, and must-not-match sentences with `expect: []`. Adding a metric is
// adding a rule file and a corpus file; this test picks both up.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';
import { BUILTIN_RULES } from '../src/rules/catalog.js';

interface Expected {
  metric: string;
  value: number | null;
  approximate?: boolean;
  redacted?: boolean;
  qualifier?: 'target' | 'planned';
  text?: string;
}
interface Example {
  text: string;
  expect: Expected[];
  note?: string;
}

const dir = join(import.meta.dirname, 'corpus', 'metrics');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('metric corpora', () => {
  it('every built-in metric has a corpus file with enough examples', () => {
    for (const rule of BUILTIN_RULES) {
      expect(files, `corpus for ${rule.id}`).toContain(`${rule.id}.json`);
      const examples = JSON.parse(readFileSync(join(dir, `${rule.id}.json`), 'utf8')) as Example[];
      const positives = examples.filter((e) => e.expect.some((x) => x.metric === rule.id));
      const negatives = examples.filter((e) => !e.expect.some((x) => x.metric === rule.id));
      expect(positives.length, `${rule.id} positives`).toBeGreaterThanOrEqual(15);
      expect(negatives.length, `${rule.id} must-not-match`).toBeGreaterThanOrEqual(5);
    }
  });

  for (const file of files) {
    const examples = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Example[];
    describe(file, () => {
      for (const ex of examples) {
        it(ex.text, () => {
          const doc = extractDocument(ex.text);
          const got = doc.metrics.map((m) => ({
            metric: m.metric,
            value: m.value,
            ...(m.qualifier ? { qualifier: m.qualifier } : {}),
          }));
          const want = ex.expect.map((x) => ({ metric: x.metric, value: x.value, ...(x.qualifier ? { qualifier: x.qualifier } : {}) }));
          expect(got).toEqual(want);
          for (const [i, x] of ex.expect.entries()) {
            const m = doc.metrics[i]!;
            if (x.approximate !== undefined) expect(m.approximate, 'approximate').toBe(x.approximate);
            if (x.redacted !== undefined) expect(m.redacted, 'redacted').toBe(x.redacted);
            if (x.text !== undefined) expect(m.text, 'evidence').toBe(x.text);
          }
          for (const m of doc.metrics) expect(ex.text.slice(m.start, m.end)).toBe(m.text);
        });
      }
    });
  }
});
