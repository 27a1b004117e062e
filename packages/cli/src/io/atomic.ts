// Output sinks for `visit screen`: `--out FILE` is written whole or not at all; stdout is
// written as it comes. Both buffer small strings into ~64 KB writes (one write per row would cost
// more than the screening), write bytes (UTF-8 already, e.g. from a worker thread) as they come,
// and make the caller wait when the destination is behind.

import { randomBytes } from 'node:crypto';
import { chmod, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

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
export async function openOutput(file?: string): Promise<OutputSink> {
  return file === undefined ? createStreamSink(process.stdout) : openAtomicFileSink(file);
}

/** The name of the temporary file for `target`: hidden, in the same directory, ends in `.tmp`. */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes to a temporary file next to `target` and renames it over `target` on `commit()`, so the
 * target holds either its old content or the whole new output, also when the process is killed
 * (then only the temporary file is left behind). A symlinked target is followed, so the file it
 * points to is replaced. The new file takes the old target's permissions, if there was one.
 */
export async function openAtomicFileSink(target: string): Promise<OutputSink> {
  const finalPath = await realpath(target).catch(() => target);
  // Fail before any work is done, not at the final rename.
  if ((await stat(finalPath).catch(() => undefined))?.isDirectory()) throw new Error(`${target} is a directory`);
  const temporaryPath = temporaryPathFor(finalPath);
  const handle = await open(temporaryPath, 'wx', 0o666);
  leftovers.add(temporaryPath);
  ensureExitCleanup();
  return new AtomicFileSink(finalPath, temporaryPath, handle);
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

class AtomicFileSink implements OutputSink {
  private buffer = '';
  private inFlight: Promise<void> | undefined;
  private failure: { error: unknown } | undefined;
  private state: 'open' | 'committing' | 'committed' | 'aborted' = 'open';

  constructor(
    private readonly target: string,
    private readonly temporaryPath: string,
    private readonly handle: FileHandle,
  ) {}

  write(data: string | Uint8Array): Promise<void> | undefined {
    if (this.state !== 'open') throw new Error(`write to an output that is ${this.state}`);
    if (this.failure) throw this.failure.error;
    if (typeof data !== 'string') {
      if (this.buffer.length > 0) this.flush();
      return this.flush(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
    this.buffer += data;
    return this.buffer.length >= SINK_BUFFER_CHARS ? this.flush() : undefined;
  }

  /** Starts writing `bytes` (else the buffered text) after the write in flight; returns that earlier write, if any. */
  private flush(bytes?: Buffer): Promise<void> | undefined {
    let data = bytes;
    if (data === undefined) {
      data = Buffer.from(this.buffer, 'utf8');
      this.buffer = '';
    }
    const chunk = data;
    const previous = this.inFlight;
    const current: Promise<void> = (previous ?? resolved)
      .then(() => (this.failure ? undefined : this.writeFully(chunk)))
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
  }

  async commit(): Promise<void> {
    if (this.state !== 'open') throw new Error(`commit of an output that is ${this.state}`);
    this.state = 'committing';
    try {
      if (this.buffer.length > 0) this.flush();
      while (this.inFlight) await this.inFlight;
      if (this.failure) throw this.failure.error;
      await this.handle.sync();
      await this.handle.close();
      const old = await stat(this.target).catch(() => undefined);
      if (old) await chmod(this.temporaryPath, old.mode & 0o7777);
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

class StreamSink implements OutputSink {
  private buffer = '';
  private lastWrite: Promise<void> = resolved;
  private failure: { error: unknown } | undefined;
  private state: 'open' | 'committed' | 'aborted' = 'open';
  private readonly onError = (error: unknown) => {
    this.failure ??= { error };
  };

  constructor(private readonly stream: Writable) {
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
    this.lastWrite = new Promise<void>((resolve) => {
      ready = stream.write(data, (error) => {
        if (error) this.failure ??= { error };
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
