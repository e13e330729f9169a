// The full JSON of each fixture, as a reviewed snapshot: any change in what the five real
// bulletins give (records, evidence, offsets, metadata) shows up as a diff to review.
// Update deliberately with `npx vitest run test/snapshots.test.ts -u`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../src/extract/document.js';

const dir = join(import.meta.dirname, '..', 'fixtures');

describe('fixture snapshots', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt')).sort()) {
    it(f, async () => {
      const doc = extractDocument(readFileSync(join(dir, f), 'utf8'), { source: `fixtures/${f}` });
      await expect(JSON.stringify(doc, null, 2)).toMatchFileSnapshot(`__snapshots__/fixtures/${f.replace(/\.txt$/, '.json')}`);
    });
  }
});
