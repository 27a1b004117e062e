// What a command may touch of the outside world. The bin entry passes the real process; keeping
// it in one object means no command reaches for `process` on its own.

import { Writable, type Readable } from 'node:stream';
import { ownMarkersOnly, terminalText } from './terminal-text';

/** A stream the commands write to: stdout or stderr (a terminal has `isTTY` and `columns`). */
export type OutStream = Writable & { isTTY?: boolean; columns?: number };

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: Readable;
  env: Record<string, string | undefined>;
  /** Today's date in the local time zone, as `YYYY-MM-DD` (the default reference date). */
  today(): string;
  /** The bundled worker-thread entry of `visit screen`; without it, screening uses one thread. */
  workerUrl?: URL;
  /** Calls `handler` on Ctrl-C or a termination request (once); returns a function that stops listening. */
  onInterrupt(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void;
}

export function processIo(workerUrl?: URL): Io {
  return {
    ...(workerUrl ? { workerUrl } : {}),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    today: () => localIsoDate(new Date()),
    onInterrupt(handler) {
      const onInt = () => handler('SIGINT');
      const onTerm = () => handler('SIGTERM');
      process.once('SIGINT', onInt);
      process.once('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
  };
}

export function localIsoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Writes and waits until the stream has taken the chunk (backpressure for large outputs). */
export function writeAll(stream: OutStream, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

/**
 * stdout could not be written: `closed` when the reader went away (EPIPE: `visit test | head -1`),
 * `failed` for a real write error (ENOSPC on a full disk or /dev/full, EIO, …).
 */
export class OutputFailure extends Error {
  readonly kind: 'closed' | 'failed';
  readonly code: string;

  constructor(cause: unknown) {
    const code = errorCode(cause);
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'OutputFailure';
    this.code = code;
    this.kind = CLOSED_CODES.has(code) ? 'closed' : 'failed';
  }

  /** What went wrong, in words (`no space left on device (ENOSPC)`), in English or in `words`. */
  reason(words_: Record<string, string> = WRITE_ERRORS): string {
    const words = words_[this.code];
    return words ? `${words} (${this.code})` : this.message;
  }
}

/** The reader of the pipe or socket is gone. */
const CLOSED_CODES = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EBADF: 'stdout is not open for writing',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EAGAIN: 'resource temporarily unavailable',
};

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/**
 * A stream wrapper that passes every chunk on to `target` one at a time and never lets a write
 * error escape as an unhandled 'error' event or an exception (a full /dev/full throws from
 * `write` itself). What a failure means is up to the subclass.
 */
abstract class Passing extends Writable {
  private pending: ((error?: Error | null) => void) | undefined;

  constructor(protected readonly target: OutStream) {
    // Room for a few of the screen command's 64 KB writes, so that it can keep computing while
    // the last one is taken; backpressure still reaches it through `write()` and 'drain'.
    super({ decodeStrings: false, highWaterMark: 256 * 1024 });
    target.on('error', (error: unknown) => this.release(error));
  }

  get isTTY(): boolean | undefined {
    return this.target.isTTY;
  }

  get columns(): number | undefined {
    return this.target.columns;
  }

  /** The chunk as it goes to the target. */
  protected abstract transform(chunk: string | Buffer): string | Buffer;
  /** Called with the first write error; returns the error for the write's callback (or none). */
  protected abstract failed(error: unknown): Error | undefined;
  protected abstract get broken(): boolean;

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.broken) {
      callback(this.failed(undefined));
      return;
    }
    this.pending = callback;
    try {
      this.target.write(this.transform(chunk), (error) => this.release(error));
    } catch (error) {
      this.release(error);
    }
  }

  /** Finishes the write in flight (once), with the failure if there is one. */
  private release(error: unknown): void {
    const callback = this.pending;
    const failure = error ? this.failed(error) : undefined;
    if (!callback) return;
    this.pending = undefined;
    callback(failure);
  }
}

/**
 * The one writer of stdout. A failed write is remembered (`failure`), every later write fails at
 * once without touching the real stream, and `main` turns the failure into the exit status: a
 * closed pipe ends quietly, a write error is one line on stderr and exit 2.
 */
export class StdoutWriter extends Passing {
  failure: OutputFailure | undefined;

  constructor(target: OutStream) {
    super(target);
    // The failure is kept in `failure`; the 'error' event has nothing to add.
    this.on('error', () => undefined);
  }

  protected transform(chunk: string | Buffer): string | Buffer {
    // Data (screen output) never holds a marker; styled text that skipped `terminalText` gets its colours.
    return typeof chunk === 'string' ? ownMarkersOnly(chunk) : chunk;
  }

  protected failed(error: unknown): Error {
    if (error !== undefined && error !== null) this.failure ??= new OutputFailure(error);
    return this.failure ?? new OutputFailure(error);
  }

  protected get broken(): boolean {
    return this.failure !== undefined;
  }
}

/**
 * The one writer of stderr: every chunk goes through `terminalText` (control characters from rules
 * or records escaped, our own colours and progress redraws kept, CPR numbers masked). A failing
 * stderr has nowhere to report to: later writes are dropped, and the command goes on.
 */
export class StderrWriter extends Passing {
  private dead = false;

  protected transform(chunk: string | Buffer): string {
    return terminalText(typeof chunk === 'string' ? chunk : chunk.toString('utf8'), { maskCprNumbers: true });
  }

  protected failed(): undefined {
    this.dead = true;
    return undefined;
  }

  protected get broken(): boolean {
    return this.dead;
  }
}

/** The writers `main` puts around the streams it is given (idempotent). */
export function guardIo(io: Io): Io & { stdout: StdoutWriter; stderr: StderrWriter } {
  const stdout = io.stdout instanceof StdoutWriter ? io.stdout : new StdoutWriter(io.stdout);
  const stderr = io.stderr instanceof StderrWriter ? io.stderr : new StderrWriter(io.stderr);
  return { ...io, stdout, stderr };
}

/** True once a write to stdout has failed (the command should stop and leave the report to `main`). */
export function stdoutFailed(io: Io): boolean {
  return io.stdout instanceof StdoutWriter && io.stdout.failure !== undefined;
}

/**
 * Text for a terminal on stdout (the reports of `check` and `test`): control characters escaped,
 * colours kept, and CPR numbers masked as on stderr (a CPR typed into a test's title, a text or a
 * misspelt field would otherwise reach the screen; these reports are read, never data).
 */
export function writeText(stream: OutStream, text: string): Promise<void> {
  return writeAll(stream, terminalText(text, { maskCprNumbers: true }));
}
