// One input → one document result: decode → extractDocument → result.
// Shared by the CLI and the library so both produce the same objects.
// No process access: standard input is supplied by the caller.
import { beginDocument, extractDocument, finishDocument, type ExtractOptions, type ProseFinding } from '../extract/document.js';
import type { CompiledRule } from '../rules/catalog.js';
import { checkDocumentError } from '../contract.js';
import type { DocumentError, DocumentOk, DocumentResult, Encoding, ErrorCode } from '../schema.js';
import { decodeBytes, type DecodeResult } from './decode.js';
import { readInput, type InputEntry, type ReadResult } from './inputs.js';

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
  return withWarnings(extractDocument(text, extractOptions(source, encoding, rules)), text, extraWarnings);
}

function extractOptions(source: string, encoding: Encoding, rules: readonly CompiledRule[] | undefined): ExtractOptions {
  return { source, encoding, ...(rules ? { rules } : {}) };
}

/** The decoder's warnings first, then the document's; the empty-input warning once. */
function withWarnings(doc: DocumentOk, text: string, extraWarnings: readonly string[]): DocumentOk {
  const warnings = [...extraWarnings, ...doc.warnings];
  if (text.trim() === '' && !warnings.some((w) => w.startsWith('EMPTY_INPUT'))) warnings.push(EMPTY_INPUT_WARNING);
  return { ...doc, warnings };
}

/**
 * Runs the prose engine (document.ts: proseFindings) on a document's working text somewhere else:
 * a batch's worker hands it to its partner thread (io/batch.ts), and meanwhile does the rest.
 */
export type ProseEngine = (text: string) => Promise<readonly ProseFinding[]>;

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
export async function processInput(
  entry: InputEntry,
  readStdin: () => Promise<Uint8Array>,
  rules?: readonly CompiledRule[],
  /** The input already read (a worker reads a file first, to see its size). */
  read?: Promise<ReadResult>,
  /** Where the prose engine runs, when not in this thread. */
  prose?: ProseEngine,
): Promise<Processed> {
  // Read and decode in a frame of their own: the bytes are gone before extraction starts
  // (for a 20 MB file, 20 MB less at the peak).
  const decoded = await readAndDecode(entry, readStdin, read);
  if ('missing' in decoded) return { result: errorDocument(entry.source, decoded.code, decoded.message), missing: decoded.missing, text: null };
  if (!decoded.ok) return { result: errorDocument(entry.source, decoded.code, decoded.message), missing: false, text: null };
  const { text, encoding } = decoded;
  const warnings = decoded.warnings ?? [];
  if (!prose) return { result: documentFromText(text, entry.source, encoding, warnings, rules), missing: false, text };
  const parts = beginDocument(text, extractOptions(entry.source, encoding, rules));
  const doc = finishDocument(parts, await prose(parts.norm.text));
  return { result: withWarnings(doc, text, warnings), missing: false, text };
}

async function readAndDecode(
  entry: InputEntry,
  readStdin: () => Promise<Uint8Array>,
  pending?: Promise<ReadResult>,
): Promise<DecodeResult | Extract<ReadResult, { ok: false }>> {
  const read = await (pending ?? readInput(entry, readStdin));
  if (!read.ok) return read;
  return decodeBytes(read.bytes, entry.source === '-' ? 'standard input' : entry.source);
}
