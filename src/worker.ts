// A worker thread of a batch (src/io/batch.ts): takes inputs one at a time, reads, decodes,
// extracts and renders each, and posts back the rendered piece with a small summary. Touches no
// `process`: its only channel is the parent port.
import { parentPort, workerData } from 'node:worker_threads';
import { summarize, type WorkerInit, type WorkerRecycle, type WorkerReply, type WorkerRequest } from './io/batch.js';
import { readInput } from './io/inputs.js';
import { processInput } from './io/pipeline.js';
import { renderPiece } from './render/piece.js';
import { builtinRules, compileRules } from './rules/catalog.js';

const init = workerData as WorkerInit;
const rules = init.customRules ? compileRules(init.customRules) : builtinRules();
const pieceOptions = { format: init.format, wide: init.wide, rules };
const port = parentPort!;

const noStdin = (): Promise<Uint8Array> => Promise.reject(new Error('standard input is read by the main thread'));
const encoder = new TextEncoder();

/** Buffers of earlier pieces, back from the main thread (Outcome.release in io/batch.ts). */
const spare: ArrayBuffer[] = [];
const MAX_SPARE = 8;

/** The piece's UTF-8 bytes, in a recycled buffer when one is large enough. */
function encodePiece(piece: string): Uint8Array {
  const most = piece.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 code unit
  let buffer = spare.pop();
  if (buffer === undefined || buffer.byteLength < most) buffer = new ArrayBuffer(Math.max(most, 1 << 16));
  const view = new Uint8Array(buffer);
  return view.subarray(0, encoder.encodeInto(piece, view).written);
}

port.on('message', (req: WorkerRequest | WorkerRecycle) => {
  if ('recycle' in req) {
    if (spare.length < MAX_SPARE) spare.push(req.recycle);
    return;
  }
  void (async () => {
    let reply: WorkerReply;
    try {
      const read = await readInput(req.entry, noStdin);
      // A file too large for this worker's capped heap goes back to the main thread.
      if (read.ok && read.bytes.length > init.maxBytes) {
        port.postMessage({ id: req.id, tooLarge: true } satisfies WorkerReply);
        return;
      }
      const { result, missing } = await processInput(req.entry, noStdin, rules, Promise.resolve(read));
      // The piece travels as UTF-8 bytes whose buffer is transferred (a string would be copied).
      const piece = encodePiece(renderPiece(result, pieceOptions));
      reply = { id: req.id, outcome: { summary: summarize(result), piece, missing, ...(init.keepResults ? { result } : {}) } };
      port.postMessage(reply, [piece.buffer as ArrayBuffer]);
      return;
    } catch (err) {
      reply = { id: req.id, internal: { message: err instanceof Error ? err.message : String(err), ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) } };
    }
    port.postMessage(reply);
  })();
});
