// Structural checks that hold whatever the engine extracts.
import { expect } from 'vitest';
import { DocumentResult } from '../../src/schema.js';

/** Every record's evidence is the exact slice of the original text. */
export function expectGrounded(doc: unknown, original: string): void {
  const parsed = DocumentResult.parse(doc);
  if (!parsed.ok) throw new Error(`expected an ok document, got ${parsed.error.code}`);
  for (const m of parsed.metrics) expect(original.slice(m.start, m.end)).toBe(m.text);
}
