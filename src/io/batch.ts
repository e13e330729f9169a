// A batch of inputs → one outcome per input, yielded in input order.
//
// Small batches run in this thread. A batch worth it (BATCH_MIN_FILES files and BATCH_MIN_BYTES
// bytes, or --jobs) runs in worker threads (src/worker.ts), one per core, in pairs (see Unit): a
// pair's document thread reads, decodes, normalizes, reads tables and metadata, and renders whole
// documents, while its prose thread runs their prose engine. Only the rendered piece (UTF-8 bytes)
// and a small summary come back. This thread then only hands out files and writes, so its heap
// stays small, while each worker's heap is capped (WORKER_LIMITS): a capped heap is collected
// sooner, which keeps a batch's memory low. A file too large for a capped heap
// (WORKER_MAX_BYTES), and the documents of a unit whose thread died, are extracted here instead,
// at their turn.
// Results are yielded strictly in input order, at most WINDOW_PER_WORKER documents per thread
// ahead of the writer, so output streams and memory stays bounded however large the batch.
// Standard input and inputs that already failed (a missing path) are handled here, in order.
//
// No process access: the caller supplies standard input and owns stdout/stderr/exit status.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import type { CompiledRule } from '../rules/catalog.js';
import { renderPiece, type PieceOptions } from '../render/piece.js';
import type { DocumentResult, MetricRule } from '../schema.js';
import type { InputEntry } from './inputs.js';
import { errorDocument, processInput } from './pipeline.js';

/** What the writer needs to know about a document (reporting, exit status, progress). */
export interface DocumentSummary {
  source: string;
  ok: boolean;
  error?: { code: string; message: string };
  warnings: string[];
  records: number;
}

export interface Outcome {
  summary: DocumentSummary;
  /**
   * The rendered piece (see render/piece.ts); '' for xlsx. From a worker it arrives as its UTF-8
   * bytes (moved, not copied, between threads).
   */
  piece: string | Uint8Array;
  /**
   * Call once the piece has been written (its bytes handed to the system, not just queued): the
   * bytes go back to their worker, which encodes later pieces into them. Transferred bytes are
   * external memory, which a main thread allocating as little as this one would hold until a rare
   * full collection (≈ 28 MiB of them at the bench batch's peak); recycled, a few buffers per
   * worker serve the whole batch.
   */
  release?: () => void;
  /** The full result, only when asked for (xlsx needs every document). */
  result?: DocumentResult;
  /** A path named on the command line that does not exist. */
  missing: boolean;
  /** An unexpected error of ours while extracting (the document became INTERNAL_ERROR). */
  internal?: ErrorInfo;
}

export interface BatchOptions extends PieceOptions {
  /** Keep the full result in each outcome (xlsx). */
  keepResults: boolean;
  /** Worker threads: a number, or 'auto' (when the batch is big enough, one per core up to 8). */
  jobs: number | 'auto';
  /** The rule data when not the built-in rules (workers compile it themselves). */
  customRules: MetricRule[] | null;
  readStdin: () => Promise<Uint8Array>;
}

/** A batch runs in workers from this many files… */
export const BATCH_MIN_FILES = 8;
/** …and this many bytes: below that, starting workers costs more than it saves. */
export const BATCH_MIN_BYTES = 1 << 20;
const MAX_WORKERS = 8;
/** Files whose sizes are looked up at once while deciding whether a batch is big enough. */
const STAT_AHEAD = 32;
const WINDOW_PER_WORKER = 4;
/**
 * Heap caps of a worker, in MiB. Capping the old generation makes V8 collect it long before it
 * would by default (its default limit follows the machine's memory); the young generation is
 * where nearly all of a document's garbage dies (12 MiB: ≈ 9% slower from more scavenges, 48:
 * ≈ 30 MiB more). Measured on the bench batch, 2 workers peak at ≈ 136 MiB with these caps and
 * ≈ 185 MiB without. Extraction needs about 17 bytes of heap per input byte, so a worker takes
 * files up to WORKER_MAX_BYTES, a quarter of what its cap would hold.
 */
export const WORKER_LIMITS = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 128 } as const;
export const WORKER_MAX_BYTES = 2 << 20;

export function summarize(result: DocumentResult): DocumentSummary {
  return result.ok
    ? { source: result.source, ok: true, warnings: result.warnings, records: result.metrics.length }
    : { source: result.source, ok: false, error: result.error, warnings: [], records: 0 };
}

function internalOutcome(entry: InputEntry, err: ErrorInfo, options: BatchOptions): Outcome {
  const result = errorDocument(entry.source, 'INTERNAL_ERROR', `internal error while extracting ${entry.source}: ${err.message}`);
  return { summary: summarize(result), piece: renderPiece(result, options), ...(options.keepResults ? { result } : {}), missing: false, internal: err };
}

/** What an unexpected error says, to travel between threads and into an INTERNAL_ERROR document. */
export interface ErrorInfo {
  message: string;
  stack?: string;
}

export function errorInfo(err: unknown): ErrorInfo {
  return { message: err instanceof Error ? err.message : String(err), ...(err instanceof Error && err.stack ? { stack: err.stack } : {}) };
}

/** Read, extract and render one input in this thread; never throws. */
async function runHere(entry: InputEntry, rules: readonly CompiledRule[], options: BatchOptions): Promise<Outcome> {
  try {
    const { result, missing } = await processInput(entry, options.readStdin, rules);
    return { summary: summarize(result), piece: renderPiece(result, options), ...(options.keepResults ? { result } : {}), missing };
  } catch (err) {
    return internalOutcome(entry, errorInfo(err), options);
  }
}

/**
 * How many worker threads extract this batch (0: this thread alone). `jobs` counts the threads
 * that extract: 'auto' is one per core once a batch is big enough; 0 and 1 mean this thread only.
 */
async function workerCount(entries: readonly InputEntry[], jobs: number | 'auto'): Promise<number> {
  const files = entries.filter((e) => e.kind === 'file');
  if (jobs !== 'auto') return Math.floor(jobs) <= 1 ? 0 : Math.max(0, Math.min(Math.floor(jobs), MAX_WORKERS, files.length));
  if (files.length < BATCH_MIN_FILES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < 2) return 0;
  // Sizes are looked up only until the batch is known to be big enough.
  let bytes = 0;
  for (let i = 0; i < files.length && bytes < BATCH_MIN_BYTES; i += STAT_AHEAD) {
    for (const st of await Promise.all(files.slice(i, i + STAT_AHEAD).map((f) => stat(f.path).catch(() => null)))) bytes += st?.size ?? 0;
  }
  if (bytes < BATCH_MIN_BYTES) return 0;
  return Math.min(cores, MAX_WORKERS, Math.ceil(files.length / WINDOW_PER_WORKER));
}

// ---------------------------------------------------------------- workers

/** Sent once to each worker (structured-cloned; the partner port transferred). */
export interface WorkerInit {
  format: PieceOptions['format'];
  wide: boolean;
  keepResults: boolean;
  customRules: MetricRule[] | null;
  /** Larger files are sent back (`tooLarge`) to be extracted by the main thread. */
  maxBytes: number;
  /** 'document': whole documents from the main thread; 'prose': the prose engine of its partner's. */
  role: 'document' | 'prose';
  /** The other thread of a pair (see Pool). */
  partner?: MessagePort;
}

/** A document thread asks its prose partner for the findings of a working text. */
export interface ProseRequest {
  id: number;
  text: string;
}

export type ProseReply = { id: number } & ({ packed: Float64Array } | { error: ErrorInfo });

export interface WorkerRequest {
  id: number;
  entry: InputEntry;
}

/** Bytes of an earlier piece, back from the main thread for reuse. */
export interface WorkerRecycle {
  recycle: ArrayBuffer;
}

export type WorkerReply = { id: number } & (
  | { outcome: Omit<Outcome, 'internal'> }
  | { internal: ErrorInfo }
  | { tooLarge: true }
);

/** What a worker's document comes back as: an outcome, or a request to extract it here. */
type Remote = Outcome | 'here';

/**
 * The threads that take documents from the main thread: a document worker alone, or a pair of a
 * document worker and the prose worker that runs its prose engine. Pairs are how a pool is made:
 * each thread is a V8 isolate that must warm up (run slowly while its optimizing compiler catches
 * up) on the code it runs, and a pair's two threads each warm up on about half of the code, where
 * two document workers would each warm up on all of it. Measured on the bench batch (2 cores),
 * one pair finishes ≈ 20% sooner than two document workers.
 */
interface Unit {
  worker: Worker;
  prose: Worker | null;
  busy: Map<number, { entry: InputEntry; resolve: (o: Remote) => void }>;
}

type WorkerThreads = typeof import('node:worker_threads');

class Pool {
  private readonly units: Unit[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    threads: number,
    private readonly init: Omit<WorkerInit, 'role' | 'partner'>,
    private readonly options: BatchOptions,
    private readonly wt: WorkerThreads,
  ) {
    for (let i = 0; i + 1 < threads; i += 2) this.units.push(this.spawn(true));
    if (threads % 2 === 1) this.units.push(this.spawn(false));
  }

  private thread(role: WorkerInit['role'], partner?: MessagePort): Worker {
    const workerData: WorkerInit = { ...this.init, role, ...(partner ? { partner } : {}) };
    return new this.wt.Worker(new URL('./worker.js', import.meta.url), { workerData, transferList: partner ? [partner] : [], resourceLimits: WORKER_LIMITS });
  }

  private spawn(pair: boolean): Unit {
    let worker: Worker;
    let prose: Worker | null = null;
    if (pair) {
      const { port1, port2 } = new this.wt.MessageChannel();
      prose = this.thread('prose', port2);
      worker = this.thread('document', port1);
    } else worker = this.thread('document');
    const unit: Unit = { worker, prose, busy: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const job = unit.busy.get(reply.id);
      if (!job) return;
      unit.busy.delete(reply.id);
      if ('outcome' in reply) {
        const { piece } = reply.outcome;
        job.resolve(piece instanceof Uint8Array ? { ...reply.outcome, release: () => this.recycle(unit, piece.buffer as ArrayBuffer) } : reply.outcome);
      } else job.resolve('internal' in reply ? internalOutcome(job.entry, reply.internal, this.options) : 'here');
    });
    let failed = false;
    const fail = (): void => {
      // A thread that dies (out of its capped heap, a bug) loses only its unit's documents: each is
      // extracted again in the main thread, and a fresh unit takes its place for the rest.
      if (failed) return;
      failed = true;
      for (const [, job] of unit.busy) job.resolve('here');
      unit.busy.clear();
      void worker.terminate();
      void prose?.terminate();
      if (this.closed) return;
      const i = this.units.indexOf(unit);
      if (i >= 0) this.units[i] = this.spawn(pair);
    };
    for (const w of prose ? [worker, prose] : [worker]) {
      w.on('error', fail);
      w.on('exit', () => {
        if (!this.closed || unit.busy.size > 0) fail();
      });
    }
    return unit;
  }

  private recycle(unit: Unit, buffer: ArrayBuffer): void {
    if (this.closed || !this.units.includes(unit) || buffer.byteLength === 0) return;
    unit.worker.postMessage({ recycle: buffer } satisfies WorkerRecycle, [buffer]);
  }

  run(entry: InputEntry): Promise<Remote> {
    // The least busy unit (they take documents in the order given).
    let unit = this.units[0]!;
    for (const u of this.units) if (u.busy.size < unit.busy.size) unit = u;
    const id = this.nextId++;
    return new Promise((resolve) => {
      unit.busy.set(id, { entry, resolve });
      unit.worker.postMessage({ id, entry } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.units.flatMap((u) => (u.prose ? [u.worker.terminate(), u.prose.terminate()] : [u.worker.terminate()])));
  }
}

/**
 * One outcome per entry, in entry order. Never throws for a document's sake: read and decode
 * failures are ok:false documents, bugs are INTERNAL_ERROR documents (with `internal` set).
 */
export async function* extractBatch(entries: readonly InputEntry[], rules: readonly CompiledRule[], options: BatchOptions): AsyncGenerator<Outcome> {
  const workers = await workerCount(entries, options.jobs);
  if (workers === 0) {
    for (const entry of entries) yield await runHere(entry, rules, options);
    return;
  }
  // node:worker_threads is loaded only for a pooled batch (start-up time of a small run).
  const pool = new Pool(
    workers,
    { format: options.format, wide: options.wide, keepResults: options.keepResults, customRules: options.customRules, maxBytes: WORKER_MAX_BYTES },
    options,
    await import('node:worker_threads'),
  );
  // Files go to the workers in order, at most `window` ahead of the next one to write; standard
  // input and failed inputs (undefined here) are handled in this thread at their turn.
  const window = workers * WINDOW_PER_WORKER;
  const remote: (Promise<Remote> | undefined)[] = [];
  let handedOut = 0;
  try {
    for (let i = 0; i < entries.length; i++) {
      for (; handedOut < entries.length && handedOut < i + window; handedOut++) {
        const entry = entries[handedOut]!;
        remote[handedOut] = entry.kind === 'file' ? pool.run(entry) : undefined;
      }
      const pending = remote[i];
      remote[i] = undefined;
      const got = pending ? await pending : 'here';
      yield got === 'here' ? await runHere(entries[i]!, rules, options) : got;
    }
  } finally {
    await pool.close();
  }
}
