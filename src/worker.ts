// A worker thread of a batch (src/io/batch.ts), in one of two roles (WorkerInit.role):
// - 'document': takes inputs one at a time from the main thread, reads, decodes, extracts and
//   renders each, and posts back the rendered piece with a small summary. With a partner, the
//   prose engine of each document runs in the partner thread while this one reads the tables and
//   the metadata (document.ts: beginDocument, finishDocument).
// - 'prose': the prose engine (document.ts: proseFindings) for the document thread at the other
//   end of its partner port; findings go back packed in a Float64Array (packFindings).
// Touches no `process`: its only channels are the parent port and the partner port.
import { parentPort, workerData } from 'node:worker_threads';
import { packFindings, proseFindings, unpackFindings, type ProseFinding } from './extract/document.js';
import { errorInfo, summarize, type ProseReply, type ProseRequest, type WorkerInit, type WorkerRecycle, type WorkerReply, type WorkerRequest } from './io/batch.js';
import { readInput } from './io/inputs.js';
import { processInput, type ProseEngine } from './io/pipeline.js';
import { renderPiece } from './render/piece.js';
import { builtinRules, compileRules } from './rules/catalog.js';

// Detach one ArrayBuffer before any code runs hot. This thread will detach many, because every
// transferred buffer is detached. V8 assumes no buffer has been detached until the first one is,
// and at that moment it throws away the optimized code of every function that reads a typed
// array. Doing it first means nothing optimized is thrown away later.
{
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
}

const init = workerData as WorkerInit;
const rules = init.customRules ? compileRules(init.customRules) : builtinRules();

if (init.role === 'prose') serveProse(init.partner!);
else serveDocuments(parentPort!, init.partner);

function serveProse(partner: NonNullable<WorkerInit['partner']>): void {
  partner.on('message', (req: ProseRequest) => {
    let packed: Float64Array;
    try {
      packed = packFindings(proseFindings(req.text, rules));
    } catch (err) {
      partner.postMessage({ id: req.id, error: errorInfo(err) } satisfies ProseReply);
      return;
    }
    partner.postMessage({ id: req.id, packed } satisfies ProseReply, [packed.buffer as ArrayBuffer]);
  });
}

/** The prose engine in the partner thread: one request per document, answered in any order. */
function remoteProse(partner: NonNullable<WorkerInit['partner']>): ProseEngine {
  const waiting = new Map<number, { resolve: (f: readonly ProseFinding[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  partner.on('message', (reply: ProseReply) => {
    const job = waiting.get(reply.id);
    if (!job) return;
    waiting.delete(reply.id);
    if ('packed' in reply) job.resolve(unpackFindings(reply.packed));
    else job.reject(Object.assign(new Error(reply.error.message), reply.error.stack ? { stack: reply.error.stack } : {}));
  });
  return (text) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      partner.postMessage({ id, text } satisfies ProseRequest);
    });
}

function serveDocuments(port: NonNullable<typeof parentPort>, partner: WorkerInit['partner']): void {
  const pieceOptions = { format: init.format, wide: init.wide, rules };
  const prose = partner ? remoteProse(partner) : undefined;
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

  // Documents begun and not yet finished: with a partner, two keep both threads busy (this one
  // begins the next while the partner reads the prose of the last); more would only hold more
  // documents' working memory through collections (measured: 12% of this thread's time in GC with
  // eight). The others wait as requests.
  const maxActive = prose ? 3 : 1;
  const queue: WorkerRequest[] = [];
  let active = 0;
  const pump = (): void => {
    while (active < maxActive && queue.length > 0) {
      active++;
      void handle(queue.shift()!).finally(() => {
        active--;
        pump();
      });
    }
  };

  port.on('message', (req: WorkerRequest | WorkerRecycle) => {
    if ('recycle' in req) {
      if (spare.length < MAX_SPARE) spare.push(req.recycle);
      return;
    }
    queue.push(req);
    pump();
  });

  async function handle(req: WorkerRequest): Promise<void> {
    let reply: WorkerReply;
    try {
      const read = await readInput(req.entry, noStdin);
      // A file too large for this worker's capped heap goes back to the main thread.
      if (read.ok && read.bytes.length > init.maxBytes) {
        port.postMessage({ id: req.id, tooLarge: true } satisfies WorkerReply);
        return;
      }
      const { result, missing } = await processInput(req.entry, noStdin, rules, Promise.resolve(read), prose);
      // The piece travels as UTF-8 bytes whose buffer is transferred (a string would be copied).
      const piece = encodePiece(renderPiece(result, pieceOptions));
      reply = { id: req.id, outcome: { summary: summarize(result), piece, missing, ...(init.keepResults ? { result } : {}) } };
      port.postMessage(reply, [piece.buffer as ArrayBuffer]);
      return;
    } catch (err) {
      reply = { id: req.id, internal: errorInfo(err) };
    }
    port.postMessage(reply);
  }
}
