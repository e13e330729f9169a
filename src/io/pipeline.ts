// One input → one document result: decode → extractDocument → result.
// Shared by the CLI and the library so both produce the same objects.
// No process access: standard input is supplied by the caller.
import { extractDocument } from '../extract/document.js';
import type { CompiledRule } from '../rules/catalog.js';
import { checkDocumentError } from '../contract.js';
import type { DocumentError, DocumentOk, DocumentResult, Encoding, ErrorCode } from '../schema.js';
import { decodeBytes } from './decode.js';
import { readInput, type InputEntry } from './inputs.js';

export const EMPTY_INPUT_WARNING = 'EMPTY_INPUT: the document has no text';

/** An ok:false document, validated against the output contract. */
export function errorDocument(source: string, code: ErrorCode, message: string): DocumentError {
  return checkDocumentError({ source, ok: false, error: { code, message } });
}

/** Extract from decoded text; adds the decoder's warnings and the empty-input warning. */
export function documentFromText(
  text: string,
  source: string,
  encoding: Encoding,
  extraWarnings: readonly string[] = [],
  rules?: readonly CompiledRule[],
): DocumentOk {
  const doc = extractDocument(text, { source, encoding, ...(rules ? { rules } : {}) });
  const warnings = [...extraWarnings, ...doc.warnings];
  if (text.trim() === '' && !warnings.some((w) => w.startsWith('EMPTY_INPUT'))) warnings.push(EMPTY_INPUT_WARNING);
  return { ...doc, warnings };
}

/** Decode bytes and extract; undecodable input becomes an ok:false document. */
export function documentFromBytes(bytes: Uint8Array, source: string, rules?: readonly CompiledRule[]): DocumentResult {
  return documentAndText(bytes, source, rules).result;
}

/** Like documentFromBytes, also returning the decoded text (null when undecodable): the review page shows it. */
export function documentAndText(bytes: Uint8Array, source: string, rules?: readonly CompiledRule[]): { result: DocumentResult; text: string | null } {
  const name = source === '-' ? 'standard input' : source;
  const decoded = decodeBytes(bytes, name);
  if (!decoded.ok) return { result: errorDocument(source, decoded.code, decoded.message), text: null };
  return { result: documentFromText(decoded.text, source, decoded.encoding, decoded.warnings ?? [], rules), text: decoded.text };
}

export interface Processed {
  result: DocumentResult;
  /** A path named on the command line that does not exist. */
  missing: boolean;
  /** The decoded text (null when it could not be read or decoded). */
  text: string | null;
}

/**
 * Read, decode and extract one input, with the built-in metrics or `rules`.
 * Exceptions from extraction propagate (the caller reports them).
 */
export async function processInput(entry: InputEntry, readStdin: () => Promise<Uint8Array>, rules?: readonly CompiledRule[]): Promise<Processed> {
  const read = await readInput(entry, readStdin);
  if (!read.ok) return { result: errorDocument(entry.source, read.code, read.message), missing: read.missing, text: null };
  return { ...documentAndText(read.bytes, entry.source, rules), missing: false };
}
