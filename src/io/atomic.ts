// Atomic output: write to a temporary file in the target's folder, then rename
// over the target, so readers see the old file or the complete new one, never
// half of it. The temporary file is removed if anything fails.
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    readonly code: 'OUT_IS_INPUT' | 'WRITE_ERROR',
    message: string,
  ) {
    super(message);
  }
}

/** Where `--out` really writes: the target of a symbolic link, so the link survives the rename. */
async function resolveTarget(target: string): Promise<string> {
  try {
    if ((await lstat(target)).isSymbolicLink()) return await realpath(target);
  } catch {
    // Does not exist yet (or is a dangling link): write a new file at the path given.
  }
  return target;
}

export interface AtomicWriter {
  write(data: string | Uint8Array): Promise<void>;
  /** Flush, fsync and rename into place. */
  commit(): Promise<void>;
  /** Remove the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

/** Open a temporary file next to `target`; nothing is visible at `target` until commit(). */
export async function openAtomic(target: string): Promise<AtomicWriter> {
  const finalPath = await resolveTarget(target);
  const dir = path.dirname(finalPath);
  // node:crypto is loaded only here, when --out is used (it costs start-up time otherwise).
  const { randomBytes } = await import('node:crypto');
  const temp = path.join(dir, `.${path.basename(finalPath)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = 0o666;
  try {
    mode = (await stat(finalPath)).mode & 0o7777; // keep an existing file's permissions
  } catch {
    // new file: default mode, minus the umask
  }
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', mode);
  } catch (err) {
    throw new OutputError('WRITE_ERROR', `cannot write ${target}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let done = false;
  const fh = handle;
  const fail = async (err: unknown): Promise<never> => {
    done = true;
    await fh.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (err instanceof OutputError) throw err;
    throw new OutputError('WRITE_ERROR', `cannot write ${target}: ${err instanceof Error ? err.message : String(err)}`);
  };
  return {
    async write(data) {
      if (done) throw new OutputError('WRITE_ERROR', `cannot write ${target}: already closed`);
      try {
        await fh.writeFile(data);
      } catch (err) {
        await fail(err);
      }
    },
    async commit() {
      if (done) throw new OutputError('WRITE_ERROR', `cannot write ${target}: already closed`);
      try {
        await fh.sync();
        await fh.close();
        done = true;
        await rename(temp, finalPath);
      } catch (err) {
        await fail(err);
      }
    },
    async abort() {
      if (done) return;
      done = true;
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    },
  };
}

/** Write `data` to `target` atomically (temporary file in the same folder + rename). */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const w = await openAtomic(target);
  await w.write(data);
  await w.commit();
}

/**
 * Throws OutputError('OUT_IS_INPUT') when `target` is one of the inputs: the same file by device and
 * inode, so a symbolic link to an input or a hard link of one is caught too. Never overwrite an input.
 * A target that does not exist yet cannot be an input, so only then are the inputs stat'ed.
 */
export async function assertNotAnInput(target: string, inputs: readonly { path: string }[]): Promise<void> {
  if (inputs.length === 0) return;
  let id: { dev: number; ino: number };
  try {
    const st = await stat(target);
    id = { dev: st.dev, ino: st.ino };
  } catch {
    return;
  }
  for (let i = 0; i < inputs.length; i += STAT_BATCH) {
    const stats = await Promise.all(inputs.slice(i, i + STAT_BATCH).map((input) => stat(input.path).catch(() => null)));
    if (stats.some((st) => st !== null && st.dev === id.dev && st.ino === id.ino)) {
      throw new OutputError('OUT_IS_INPUT', `--out ${target} is one of the inputs; refusing to overwrite it`);
    }
  }
}

/** Inputs stat'ed at once by assertNotAnInput (bounded, so a huge batch does not flood the thread pool). */
const STAT_BATCH = 64;
