// Command-line paths → an ordered list of inputs, and reading one input's bytes.
// No process access here: standard input is handed in by the caller.
//
// Order (documented in the README):
//   - paths in command-line order;
//   - a file is one input, whatever its extension;
//   - a folder contributes every file below it (recursively, following
//     symbolic links) whose extension is `.txt` or one added with `--ext`,
//     sorted by the code-unit order of its path relative to that folder
//     (`/`-separated, so `a-b.txt` < `a/x.txt` < `a0.txt`);
//   - `-` is standard input (at most once).
// Problems become entries of kind 'error' (READ_ERROR) at their place in that
// order, and the batch goes on.
import { readFileSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

export type InputEntry =
  | {
      kind: 'file';
      /** The path as given, or joined from the folder given. */
      source: string;
      /** What to open (same as source). */
      path: string;
    }
  | { kind: 'stdin'; source: '-' }
  | {
      kind: 'error';
      source: string;
      code: 'READ_ERROR';
      message: string;
      /** A path named on the command line that does not exist (exit status 2). */
      missing: boolean;
    };

export interface ExpandOptions {
  /** Extensions (without dot, any case) read from folders in addition to `txt`. */
  extensions?: readonly string[];
}

export class InputUsageError extends Error {
  override name = 'InputUsageError';
}

export const DEFAULT_EXTENSIONS = ['txt'] as const;

/** Parse `--ext md,html` (dots and case ignored) into the full extension list, `txt` first. */
export function parseExtensions(list: string | undefined): string[] {
  const out: string[] = [...DEFAULT_EXTENSIONS];
  if (list === undefined) return out;
  for (const raw of list.split(',')) {
    const ext = raw.trim().replace(/^\.+/, '').toLowerCase();
    if (ext === '') continue;
    if (!/^[a-z0-9_][a-z0-9_.-]*$/.test(ext)) throw new InputUsageError(`--ext: "${raw.trim()}" is not a file extension`);
    if (!out.includes(ext)) out.push(ext);
  }
  return out;
}

function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(`.${ext}`) && lower.length > ext.length + 1);
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function errorEntry(source: string, message: string, missing = false): InputEntry {
  return { kind: 'error', source, code: 'READ_ERROR', message, missing };
}

/** A human message for a failed file-system call on `source`. */
export function describeFsError(source: string, err: unknown, when: 'find' | 'read' = 'find'): string {
  switch (errnoCode(err)) {
    case 'ENOENT':
      return when === 'find' ? `${source} does not exist` : `${source} vanished before it could be read`;
    case 'ENOTDIR':
      return `${source} does not exist (a parent is not a folder)`;
    case 'EACCES':
    case 'EPERM':
      return `${source} could not be read: permission denied`;
    case 'EISDIR':
      return `${source} is a folder, not a file`;
    case 'ELOOP':
      return `${source} is a symbolic-link loop`;
    case 'ENAMETOOLONG':
      return `${source} could not be read: the name is too long`;
    case 'EMFILE':
    case 'ENFILE':
      return `${source} could not be read: too many open files`;
    case 'ERR_FS_FILE_TOO_LARGE':
      return `${source} is too large to read`;
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return `${source} could not be read: ${detail}`;
    }
  }
}

function fileEntry(source: string, filePath: string): InputEntry {
  // Nothing is opened or stat'ed here: a file that cannot be read is reported when it is read, at
  // its turn in the batch (a per-file stat and realpath made listing 1,000 files take ≈ 100 ms).
  return { kind: 'file', source, path: filePath };
}

/** Join a folder as given with a relative path, keeping the user's spelling (`bulletins/2024/a.txt`). */
function joinSource(folder: string, rel: string): string {
  if (folder === '.' || folder === './') return rel;
  return folder.endsWith('/') || folder.endsWith(path.sep) ? folder + rel : `${folder}/${rel}`;
}

interface Found {
  rel: string;
  entry: InputEntry;
}

/** Walk one folder given on the command line; entries come back in relative-path code-unit order. */
async function walkFolder(folder: string, folderReal: string, extensions: readonly string[]): Promise<InputEntry[]> {
  const found: Found[] = [];

  async function visit(dirPath: string, rel: string, ancestors: readonly string[]): Promise<void> {
    let dirents;
    try {
      dirents = await readdir(dirPath, { withFileTypes: true });
    } catch (err) {
      const shown = rel === '' ? folder : joinSource(folder, rel);
      found.push({ rel, entry: errorEntry(shown, describeFsError(shown, err)) });
      return;
    }
    for (const d of dirents) {
      const childRel = rel === '' ? d.name : `${rel}/${d.name}`;
      const childPath = path.join(dirPath, d.name);
      const source = joinSource(folder, childRel);
      let isDir = d.isDirectory();
      let isFile = d.isFile();
      if (d.isSymbolicLink()) {
        try {
          const st = await stat(childPath);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          // Dangling or looping link: report it only if it would have been read.
          if (hasExtension(d.name, extensions)) found.push({ rel: childRel, entry: errorEntry(source, describeFsError(source, err)) });
          continue;
        }
      }
      if (isDir) {
        let real: string;
        try {
          real = await realpath(childPath);
        } catch (err) {
          found.push({ rel: childRel, entry: errorEntry(source, describeFsError(source, err)) });
          continue;
        }
        if (ancestors.includes(real)) {
          found.push({
            rel: childRel,
            entry: errorEntry(source, `${source} is a symbolic link back to a folder that contains it (a loop); skipped`),
          });
          continue;
        }
        await visit(childPath, childRel, [...ancestors, real]);
      } else if (isFile && hasExtension(d.name, extensions)) {
        found.push({ rel: childRel, entry: fileEntry(source, childPath) });
      }
      // Sockets, FIFOs, devices and files with other extensions are skipped.
    }
  }

  await visit(folder, '', [folderReal]);
  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return found.map((f) => f.entry);
}

/** Expand command-line paths into inputs. Throws InputUsageError for `-` given twice or a bad `--ext`. */
export async function expandInputs(paths: readonly string[], options: ExpandOptions = {}): Promise<InputEntry[]> {
  const extensions = options.extensions ?? DEFAULT_EXTENSIONS;
  if (paths.filter((p) => p === '-').length > 1) throw new InputUsageError('standard input (-) can be named only once');
  const entries: InputEntry[] = [];
  for (const given of paths) {
    if (given === '-') {
      entries.push({ kind: 'stdin', source: '-' });
      continue;
    }
    if (given === '') {
      entries.push(errorEntry(given, 'an empty path was given', true));
      continue;
    }
    let link;
    try {
      link = await lstat(given);
    } catch (err) {
      const code = errnoCode(err);
      const missing = code === 'ENOENT' || code === 'ENOTDIR';
      entries.push(errorEntry(given, describeFsError(given, err), missing));
      continue;
    }
    let st = link;
    if (link.isSymbolicLink()) {
      try {
        st = await stat(given);
      } catch (err) {
        const code = errnoCode(err);
        const why = code === 'ELOOP' ? 'is a symbolic-link loop' : 'is a symbolic link to nothing (dangling)';
        entries.push(errorEntry(given, `${given} ${why}`));
        continue;
      }
    }
    if (st.isDirectory()) {
      // `x.txt` named explicitly is meant as a file; a trailing slash (`x.txt/`) says "read the folder".
      const trailingSlash = given.endsWith('/') || given.endsWith(path.sep);
      if (!trailingSlash && hasExtension(path.basename(given), extensions)) {
        entries.push(errorEntry(given, `${given} is a folder, not a file (write ${given}/ to read the files inside it)`));
        continue;
      }
      let real: string;
      try {
        real = await realpath(given);
      } catch (err) {
        entries.push(errorEntry(given, describeFsError(given, err)));
        continue;
      }
      entries.push(...(await walkFolder(given, real, extensions)));
    } else if (st.isFile()) {
      entries.push(fileEntry(given, given));
    } else {
      entries.push(errorEntry(given, `${given} is not a regular file`));
    }
  }
  return entries;
}

/** Read a named file's bytes; failures (vanished, permission, folder, loop…) become a READ_ERROR message. */
export async function readFileEntry(source: string, filePath: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; code: 'READ_ERROR'; message: string }> {
  try {
    const buf = await readFile(filePath);
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  } catch (err) {
    return { ok: false, code: 'READ_ERROR', message: describeFsError(source, err, 'read') };
  }
}

/**
 * readFileEntry, blocking. A batch extracts one document at a time per thread, so nothing waits
 * meanwhile, and it saves the thread pool's round trips: readFile's open, stat, read and close
 * each wait for the event loop, which is busy extracting (≈ 6% of a batch's time, measured).
 */
function readFileEntrySync(source: string, filePath: string): { ok: true; bytes: Uint8Array } | { ok: false; code: 'READ_ERROR'; message: string } {
  try {
    const buf = readFileSync(filePath);
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  } catch (err) {
    return { ok: false, code: 'READ_ERROR', message: describeFsError(source, err, 'read') };
  }
}

/** Collect a readable stream (standard input) into bytes. */
export async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    chunks.push(bytes);
    size += bytes.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export type ReadResult = { ok: true; bytes: Uint8Array } | { ok: false; code: 'READ_ERROR'; message: string; missing: boolean };

/** Read one input (a file blocking: readFileEntrySync says why). `readStdin` supplies standard input (the caller owns the process). */
export async function readInput(entry: InputEntry, readStdin: () => Promise<Uint8Array>): Promise<ReadResult> {
  switch (entry.kind) {
    case 'error':
      return { ok: false, code: 'READ_ERROR', message: entry.message, missing: entry.missing };
    case 'stdin':
      try {
        return { ok: true, bytes: await readStdin() };
      } catch (err) {
        return { ok: false, code: 'READ_ERROR', message: describeFsError('standard input', err, 'read'), missing: false };
      }
    case 'file': {
      const r = readFileEntrySync(entry.source, entry.path);
      return r.ok ? r : { ...r, missing: false };
    }
  }
}
