// Output sinks for `visit screen`: `--out FILE` is written whole or not at all; stdout is
// written as it comes. Both buffer small strings into ~64 KB writes (one write per row would cost
// more than the screening), write bytes (UTF-8 already, e.g. from a worker thread) as they come,
// and make the caller wait when the destination is behind.

import { createHash, randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { readlinkSync, unlinkSync, type BigIntStats, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { written } from '../format/bytes';

export interface OutputSink {
  /**
   * Appends text, or bytes of UTF-8 text (kept by the sink until written: do not change them).
   * Returns a promise when the caller should wait before writing more (the destination is
   * behind), otherwise undefined: `const wait = sink.write(s); if (wait) await wait;`. The promise
   * never rejects; a failed write makes the next `write` throw and `commit` reject.
   */
  write(data: string | Uint8Array): Promise<void> | undefined;
  /** Writes out everything; for a file, then replaces the target. Rejects if any write failed. */
  commit(): Promise<void>;
  /** Gives up: a file's temporary file is removed and the target left as it was. Does nothing after commit. */
  abort(): Promise<void>;
}

/** Text is held back until this many characters have been written, then written in one go. */
export const SINK_BUFFER_CHARS = 64 * 1024;

/** `--out FILE` → an atomic file sink; no file → stdout. */
export async function openOutput(file?: string, options?: AtomicSinkOptions): Promise<OutputSink> {
  return file === undefined ? createStreamSink(process.stdout) : openAtomicFileSink(file, options);
}

/** A file that `--out` must not replace (an input of the same run), by its identity on disk. */
export interface ProtectedFile {
  /** How to name it in the message: `the records citizens.csv`. */
  label: string;
  dev: bigint;
  ino: bigint;
}

export interface AtomicSinkOptions {
  /** Refuse a target that is one of these files, however it is named (symlink, hard link, `./x`). */
  protect?: readonly ProtectedFile[];
  /** Told about each stale temporary file of an earlier, killed run that was removed. */
  onStaleRemoved?: (name: string) => void;
}

/** The target is not a place `--out` may write: it is an input, a device, a FIFO, a directory. */
/** What makes a file unfit as an output target, for a caller that says it in its own language. */
export type OutputTargetProblem =
  | { problem: 'same-file'; label: string }
  | { problem: 'not-regular'; kind: FileKind };

export type FileKind = 'directory' | 'fifo' | 'character' | 'block' | 'socket' | 'other';

/** `--out` names something it must not replace; `message` in English, `target` for other words. */
export class OutputTargetError extends Error {
  override readonly name = 'OutputTargetError';

  constructor(readonly target: OutputTargetProblem) {
    super(
      target.problem === 'same-file'
        ? `it is the same file as ${target.label}: --out would replace it; choose another output file`
        : `${FILE_KINDS[target.kind]}, not a regular file: --out writes regular files only, by replacing them (to send the output to a device or a pipe, leave out --out and redirect stdout)`,
    );
  }
}

const FILE_KINDS: Record<FileKind, string> = {
  directory: 'it is a directory',
  fifo: 'it is a named pipe (FIFO)',
  character: 'it is a character device',
  block: 'it is a block device',
  socket: 'it is a socket',
  other: 'it is not a regular file',
};

/** The identity of an open file or a path (following symlinks), for `protect`. */
export async function fileIdentity(label: string, file: string | FileHandle): Promise<ProtectedFile | undefined> {
  try {
    const s = typeof file === 'string' ? await stat(file, { bigint: true }) : await file.stat({ bigint: true });
    return { label, dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

/** Writes only regular files; anything else is named in words. */
function notRegular(s: Stats | BigIntStats): FileKind | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return 'directory';
  if (s.isFIFO()) return 'fifo';
  if (s.isCharacterDevice()) return 'character';
  if (s.isBlockDevice()) return 'block';
  if (s.isSocket()) return 'socket';
  return 'other';
}

/**
 * Throws an OutputTargetError when `path` (already resolved) exists and is not a regular file, or
 * is one of the protected files. A missing target is fine: it will be created.
 */
async function checkTarget(path: string, protect: readonly ProtectedFile[]): Promise<BigIntStats | undefined> {
  const s = await stat(path, { bigint: true }).catch((e: unknown) => {
    if (typeof e === 'object' && e !== null && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return undefined;
    throw e;
  });
  if (s === undefined) return undefined;
  const kind = notRegular(s);
  if (kind !== undefined) {
    throw new OutputTargetError({ problem: 'not-regular', kind });
  }
  const same = protect.find((p) => p.dev === s.dev && p.ino === s.ino);
  if (same) throw new OutputTargetError({ problem: 'same-file', label: same.label });
  return s;
}

/**
 * The temporary files of this module are named `.TARGET.visit-TAG-PID-RANDOM.tmp`: hidden, next to
 * the target, recognisably ours. TAG says which machine and process namespace the pid belongs to
 * (a hash of the host name and, on Linux, the pid namespace), so that a pid is only ever looked up
 * where it means something (not for a file written over NFS from another machine, or from
 * another container).
 */
const TEMPORARY = /^\..*\.visit-([0-9a-f]{8})-([1-9][0-9]{0,9})-[0-9a-f]{12}\.tmp$/s;

let tagCache: string | undefined;

function processTag(): string {
  if (tagCache === undefined) {
    let namespace = '';
    try {
      namespace = readlinkSync('/proc/self/ns/pid');
    } catch {
      // not Linux, or no /proc: the host name alone
    }
    tagCache = lettered(createHash('sha256').update(`${hostname()}\u0000${namespace}`).digest('hex').slice(0, 8));
  }
  return tagCache;
}

/** At most this many bytes of the target's name go into the temporary name (a name has at most 255). */
const NAME_BYTES = 160;

/** The name of the temporary file for `target`: hidden, in the same directory, ends in `.tmp`. */
export function temporaryPathFor(target: string): string {
  let base = basename(target);
  while (Buffer.byteLength(base) > NAME_BYTES) base = base.slice(0, -1);
  return join(dirname(target), `.${base}.visit-${processTag()}-${process.pid}-${lettered(randomBytes(6).toString('hex'))}.tmp`);
}

/**
 * Hex digits with every fourth one (from the first) a letter a–f: the name of a temporary file never
 * holds six digits in a row, so the CLI's CPR masking (which masks DDMMYY-NNNN in every message)
 * never hides the name it reports ("removed .out.ndjson.visit-…"). Still `[0-9a-f]`: the names of
 * earlier versions' files are recognised as before. (A run of digits in 12 random hex digits
 * looked like a CPR number about once in a hundred runs.)
 */
function lettered(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i++) out += i % 4 === 0 ? 'abcdef'[parseInt(hex[i]!, 16) % 6] : hex[i];
  return out;
}

/** True unless the process certainly does not exist (EPERM: it exists, it is someone else's). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !(typeof e === 'object' && e !== null && 'code' in e && e.code === 'ESRCH');
  }
}

/**
 * Removes the temporary files that killed runs (SIGKILL, a power cut) left in `directory`, and
 * only those that are certainly such: named like ours with our TAG, a regular file (not a
 * symlink), owned by this user, written by a pid that is not this process and no longer exists.
 * A file whose pid is alive is kept, even if the pid was reused by another program since: it goes
 * in a later run, once that process has ended. Returns the names removed. Best effort: a
 * directory that cannot be listed is left alone.
 */
export async function removeStaleTemporaries(directory: string): Promise<string[]> {
  const uid = process.getuid?.();
  if (uid === undefined) return []; // no owners to compare (Windows): leave everything
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return [];
  }
  const tag = processTag();
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMPORARY.exec(name);
    if (!m || m[1] !== tag) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isAlive(pid)) continue;
    const path = join(directory, name);
    try {
      const s = await lstat(path);
      if (!s.isFile() || s.uid !== uid) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/**
 * Writes to a temporary file next to `target` and renames it over `target` on `commit()`, so the
 * target holds either its old content or the whole new output, also when the process is killed
 * (then only the temporary file is left behind, and the next run in that directory removes it).
 * A symlinked target is followed, so the file it points to is replaced. Only regular files are
 * written: a device, FIFO, socket or directory is refused, and so is any of `options.protect`.
 * The temporary file is created 0600 (it holds CPR numbers); the new file keeps the old target's
 * permissions and, where allowed, its owner and group; a new target stays 0600.
 */
export async function openAtomicFileSink(target: string, options: AtomicSinkOptions = {}): Promise<OutputSink> {
  const finalPath = await realpath(target).catch(() => target);
  const protect = options.protect ?? [];
  // Fail before any work is done, not at the final rename.
  await checkTarget(finalPath, protect);
  for (const name of await removeStaleTemporaries(dirname(finalPath))) options.onStaleRemoved?.(name);
  const temporaryPath = temporaryPathFor(finalPath);
  const handle = await open(temporaryPath, 'wx', 0o600);
  leftovers.add(temporaryPath);
  ensureExitCleanup();
  return new AtomicFileSink(finalPath, temporaryPath, handle, protect);
}

const leftovers = new Set<string>();
let exitCleanupInstalled = false;

/** On a normal exit without commit or abort (an exception, process.exit), remove the temporary files. */
function ensureExitCleanup(): void {
  if (exitCleanupInstalled) return;
  exitCleanupInstalled = true;
  process.once('exit', () => {
    for (const path of leftovers) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  });
}

const resolved: Promise<void> = Promise.resolve();

/**
 * Bytes written between two early flushes to disk of the temporary file (`datasync`, in the
 * background, one at a time). Why: with plenty of memory the kernel keeps a 222 MB output (1M
 * rows) in the page cache until the final fsync, which then wrote it all while the command waited
 * (0.16–0.24 s, issue 11); flushed as it goes, the final fsync has little left to do.
 */
export const EARLY_SYNC_BYTES = 32 * 1024 * 1024;

class AtomicFileSink implements OutputSink {
  private buffer = '';
  private inFlight: Promise<void> | undefined;
  /** Bytes written since the last early flush began, and that flush while it runs. */
  private unsynced = 0;
  private syncing: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private state: 'open' | 'committing' | 'committed' | 'aborted' = 'open';

  constructor(
    private readonly target: string,
    private readonly temporaryPath: string,
    private readonly handle: FileHandle,
    private readonly protect: readonly ProtectedFile[],
  ) {}

  write(data: string | Uint8Array): Promise<void> | undefined {
    if (this.state !== 'open') throw new Error(`write to an output that is ${this.state}`);
    if (this.failure) throw this.failure.error;
    if (typeof data !== 'string') {
      if (this.buffer.length > 0) this.flush();
      return this.flush(Buffer.from(data.buffer, data.byteOffset, data.byteLength), data);
    }
    this.buffer += data;
    return this.buffer.length >= SINK_BUFFER_CHARS ? this.flush() : undefined;
  }

  /**
   * Starts writing `bytes` (else the buffered text) after the write in flight; returns that earlier
   * write, if any. `piece`: what `bytes` views, handed back (format/bytes.ts `written`) once written.
   */
  private flush(bytes?: Buffer, piece?: Uint8Array): Promise<void> | undefined {
    let data = bytes;
    if (data === undefined) {
      data = Buffer.from(this.buffer, 'utf8');
      this.buffer = '';
    }
    const chunk = data;
    const previous = this.inFlight;
    const current: Promise<void> = (previous ?? resolved)
      .then(async () => {
        if (this.failure) return;
        await this.writeFully(chunk);
        if (piece) written(piece);
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .then(() => {
        if (this.inFlight === current) this.inFlight = undefined;
      });
    this.inFlight = current;
    return previous;
  }

  private async writeFully(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
    this.unsynced += data.length;
    if (this.unsynced >= EARLY_SYNC_BYTES && this.syncing === undefined) {
      this.unsynced = 0;
      // Failures count only at the final sync (which reports them); this one is a head start.
      this.syncing = this.handle.datasync().then(
        () => {
          this.syncing = undefined;
        },
        () => {
          this.syncing = undefined;
        },
      );
    }
  }

  /** Waits for an early flush still running (before the final sync, or closing the file). */
  private async settled(): Promise<void> {
    while (this.syncing) await this.syncing;
  }

  async commit(): Promise<void> {
    if (this.state !== 'open') throw new Error(`commit of an output that is ${this.state}`);
    this.state = 'committing';
    try {
      if (this.buffer.length > 0) this.flush();
      while (this.inFlight) await this.inFlight;
      if (this.failure) throw this.failure.error;
      // Checked again: the target may have changed since the start (a FIFO made meanwhile).
      const old = await checkTarget(this.target, this.protect);
      if (old) {
        // Owner and group first (a change of owner clears set-id bits), as far as allowed: root may
        // give the file back to its owner, anyone may keep a group they belong to.
        await this.handle.chown(Number(old.uid), Number(old.gid)).catch(() => this.handle.chown(-1, Number(old.gid))).catch(() => undefined);
        await this.handle.chmod(Number(old.mode & 0o7777n));
      }
      await this.settled();
      await this.handle.sync();
      await this.handle.close();
      await rename(this.temporaryPath, this.target);
    } catch (error) {
      await this.discard();
      throw error;
    }
    this.state = 'committed';
    leftovers.delete(this.temporaryPath);
    await syncDirectory(dirname(this.target));
  }

  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    this.buffer = '';
    while (this.inFlight) await this.inFlight;
    await this.discard();
  }

  private async discard(): Promise<void> {
    this.state = 'aborted';
    await this.settled();
    await this.handle.close().catch(() => undefined);
    await unlink(this.temporaryPath).catch(() => undefined);
    leftovers.delete(this.temporaryPath);
  }
}

/** Makes the rename itself durable; best effort (not every platform can fsync a directory). */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // the data is written and renamed; only durability across a power cut is not assured
  }
}

/**
 * A sink over a stream, for stdout. Nothing can be taken back from a stream: `abort()` only drops
 * what is still buffered, and `commit()` waits until everything is handed to the stream's
 * destination but does not end the stream (stdout stays usable).
 */
export function createStreamSink(stream: Writable): OutputSink {
  return new StreamSink(stream);
}

/**
 * True when `stream` is the process's stdout, or a wrapper that writes each chunk on to it as it
 * is (the CLI's StdoutWriter: its `target`): a chunk's write callback then means the bytes have been
 * written and nothing refers to them, so the buffer may be written again. Any other stream (a
 * test's collecting stream, a transform) may keep the chunk: its buffers are never given back.
 */
function keepsNoChunks(stream: Writable): boolean {
  let s: unknown = stream;
  for (let depth = 0; depth < 3 && s !== undefined && s !== null; depth++) {
    if (s === process.stdout) return true;
    s = (s as { target?: unknown }).target;
  }
  return false;
}

class StreamSink implements OutputSink {
  private buffer = '';
  private lastWrite: Promise<void> = resolved;
  private failure: { error: unknown } | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly onError = (error: unknown) => {
    this.failure ??= { error };
  };

  /** The stream's written chunks are no longer referenced once their write callback has run (see `keepsNoChunks`). */
  private readonly releases: boolean;

  constructor(private readonly stream: Writable) {
    this.releases = keepsNoChunks(stream);
    // An EPIPE (the reader of a pipe went away) arrives as an 'error' event; without a listener
    // it would end the process before the command could report it.
    stream.on('error', this.onError);
  }

  write(data: string | Uint8Array): Promise<void> | undefined {
    if (this.state !== 'open') throw new Error(`write to an output that is ${this.state}`);
    if (this.failure) throw this.failure.error;
    if (typeof data !== 'string') {
      if (this.buffer.length > 0) {
        // The earlier text goes first; only the later write's readiness counts.
        this.flush();
      }
      return this.flush(data);
    }
    this.buffer += data;
    return this.buffer.length >= SINK_BUFFER_CHARS ? this.flush() : undefined;
  }

  private flush(bytes?: Uint8Array): Promise<void> | undefined {
    let data: string | Uint8Array | undefined = bytes;
    if (data === undefined) {
      data = this.buffer;
      this.buffer = '';
    }
    const stream = this.stream;
    if (stream.destroyed) {
      this.failure ??= { error: new Error('the output stream is closed') };
      return undefined;
    }
    let ready = true;
    const piece = this.releases && typeof data !== 'string' ? data : undefined;
    this.lastWrite = new Promise<void>((resolve) => {
      ready = stream.write(data, (error) => {
        if (error) this.failure ??= { error };
        else if (piece) written(piece);
        resolve();
      });
    });
    if (ready) return undefined;
    return new Promise<void>((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('error', done);
      stream.on('close', done);
    });
  }

  async commit(): Promise<void> {
    if (this.state !== 'open') throw new Error(`commit of an output that is ${this.state}`);
    if (this.buffer.length > 0 && !this.failure) this.flush();
    this.state = 'committed';
    await this.detach();
    if (this.failure) throw this.failure.error;
  }

  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    this.buffer = '';
    await this.detach();
  }

  /** Waits for the last write; keeps the error listener if the stream failed (it may emit again). */
  private async detach(): Promise<void> {
    await this.lastWrite;
    if (!this.failure) this.stream.off('error', this.onError);
  }
}
