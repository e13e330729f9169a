// The pure core: decoded text in, one validated document result out. No I/O, no process.
// (Temporary body while the engine is built: returns metadata defaults and no metrics.)
import { DocumentOk, type Encoding } from '../schema.js';

export interface ExtractOptions {
  /** The path as given, or '-' for stdin; defaults to '-'. */
  source?: string;
  /** How the bytes were decoded; defaults to 'utf-8' (text handed in directly). */
  encoding?: Encoding;
}

export function extractDocument(original: string, options: ExtractOptions = {}): DocumentOk {
  const warnings: string[] = [];
  if (original.trim() === '') warnings.push('EMPTY_INPUT: the document has no text');
  return DocumentOk.parse({
    source: options.source ?? '-',
    ok: true,
    document: {
      title: null,
      issuer: null,
      region: null,
      year: null,
      period: null,
      script: 'simplified',
      encoding: options.encoding ?? 'utf-8',
      chars: original.length,
    },
    metrics: [],
    warnings,
  });
}
